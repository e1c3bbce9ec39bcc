using Emulator.Cpu.Tests.Support;

namespace Emulator.Cpu.Tests.Differential;

/// <summary>
/// The few SIMD&amp;FP encodings the harness image itself uses (kept here rather than in the shared
/// assembler, which other areas extend): LDP/STP of Q registers and the FPCR, FPSR and CPACR_EL1
/// system registers. Encodings checked against aarch64-linux-gnu-as.
/// </summary>
public static class HarnessEncodings
{
    /// <summary>FPCR: op0 3, op1 3, CRn 4, CRm 4, op2 0 (MRS x1, fpcr = 0xd53b4401).</summary>
    public static readonly SysRegister FPCR = new(3, 3, 4, 4, 0);

    /// <summary>FPSR: op0 3, op1 3, CRn 4, CRm 4, op2 1 (MRS x1, fpsr = 0xd53b4421).</summary>
    public static readonly SysRegister FPSR = new(3, 3, 4, 4, 1);

    /// <summary>CPACR_EL1: op0 3, op1 0, CRn 1, CRm 0, op2 2 (MSR cpacr_el1, x0 = 0xd5181040).</summary>
    public static readonly SysRegister CPACR_EL1 = new(3, 0, 1, 0, 2);

    /// <summary>LDP Qt, Qt2, [Xn, #offset] (signed offset, opc 10, V 1): ldp q0, q1, [x30, #288] = 0xad4907c0.</summary>
    public static uint LdpQ(int t, int t2, int n, int offset) => PairQ(1, t, t2, n, offset);

    /// <summary>STP Qt, Qt2, [Xn, #offset]: stp q2, q3, [x0, #1008] = 0xad1f8c02.</summary>
    public static uint StpQ(int t, int t2, int n, int offset) => PairQ(0, t, t2, n, offset);

    private static uint PairQ(uint load, int t, int t2, int n, int offset)
    {
        if (offset % 16 != 0 || offset < -1024 || offset > 1008)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "LDP/STP Q takes a multiple of 16 in -1024..1008");
        return 0b10u << 30 | 0b101u << 27 | 1u << 26 | 0b10u << 23 | load << 22 | ((uint)(offset / 16) & 0x7F) << 15
            | (uint)(t2 & 31) << 10 | (uint)(n & 31) << 5 | (uint)(t & 31);
    }
}
