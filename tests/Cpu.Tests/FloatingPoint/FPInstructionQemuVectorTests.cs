using System.Text;
using Emulator.Cpu.Tests.Support;

namespace Emulator.Cpu.Tests.FloatingPoint;

/// <summary>
/// The scalar FP instructions executed by the emulator on the inputs of QemuVectors/vectors.txt:
/// each case's instruction word (assembled by gen.py) runs once with FPCR, NZCV, X0-X2 and V0-V2
/// set as on QEMU, and V3 (all 128 bits), X3 or NZCV and FPSR must be what QEMU (cortex-a57) gave.
/// </summary>
public sealed class FPInstructionQemuVectorTests
{
    private enum ResultKind { Vector, VectorHigh, General, Flags }

    private static ResultKind KindOf(FPVector v)
    {
        string op = v.Fields[0];
        if (op.StartsWith("fcmp", StringComparison.Ordinal) || op.StartsWith("fccmp", StringComparison.Ordinal))
            return ResultKind.Flags;
        if (op == "fmovgen")
            return v.Fields[2] switch { "xtop" => ResultKind.VectorHigh, "ws" or "xd" => ResultKind.Vector, _ => ResultKind.General };
        if (op.Length == 6 && op.StartsWith("fcvt", StringComparison.Ordinal))
            return ResultKind.General;
        return ResultKind.Vector;
    }

    /// <summary>The Advanced SIMD scalar forms in the vectors (FMULX, FRECPS, FRSQRTS, FRECPE, FRSQRTE, FRECPX) belong to the vector helper's rows.</summary>
    private static bool IsScalarFpRow(FPVector v) => v.Fields[0] is not ("fmulx" or "frecps" or "frsqrts" or "frecpe" or "frsqrte" or "frecpx");

    [Fact]
    public void ScalarFpInstructions_MatchQemu()
    {
        var cases = new List<FPVector>();
        foreach (FPVector v in FPVectors.All)
        {
            if (IsScalarFpRow(v))
                cases.Add(v);
        }
        var code = new List<uint>();
        foreach (FPVector v in cases)
        {
            code.Add(v.Insn);
            code.Add(GuestMachine.EndMarker);
        }
        GuestMachine m = GuestMachine.Load(code);
        var core = m.Core;
        var failures = new StringBuilder();
        int count = 0;
        for (int i = 0; i < cases.Count; i++)
        {
            FPVector v = cases[i];
            core.Sys.CPACR_EL1 = 3UL << 20;
            core.UpdateFpEnabled();
            core.Pc = GuestMachine.CodeBase + (ulong)(8 * i);
            core.Fpcr = v.Fpcr;
            core.Fpsr = 0;
            core.Nzcv = v.Nzcv << 28;
            core.X[0] = v.A;
            core.X[1] = v.B;
            core.X[2] = v.C;
            core.X[3] = 0;
            core.SetV(0, v.A, v.B); // as gen.py: INS V0.D[1], X1
            core.SetV(1, v.B, 0x5555_6666_7777_8888);
            core.SetV(2, v.C, 0x9999_AAAA_BBBB_CCCC);
            core.SetV(3, 0, 0);
            m.RunToEnd(10);
            ResultKind kind = KindOf(v);
            ulong got = kind switch
            {
                ResultKind.Vector => core.GetVLow(3),
                ResultKind.VectorHigh => core.GetVHigh(3),
                ResultKind.General => core.X[3],
                _ => core.Nzcv >> 28,
            };
            bool ok = got == v.Result && core.Fpsr == v.Fpsr && (kind != ResultKind.Vector || core.GetVHigh(3) == 0) && (kind != ResultKind.VectorHigh || core.GetVLow(3) == 0);
            if (!ok && ++count <= 60)
                failures.AppendLine($"{v}   got {got:x} (high {core.GetVHigh(3):x}) fpsr={core.Fpsr:x}");
        }
        Assert.True(count == 0, $"{count} of {cases.Count} differ:\n{failures}");
    }
}
