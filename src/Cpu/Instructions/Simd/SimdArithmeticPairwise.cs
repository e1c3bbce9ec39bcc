using System.Runtime.Intrinsics;
using Emulator.Cpu.Core;
using static Emulator.Cpu.Instructions.Simd.SimdArithmeticLanes;

namespace Emulator.Cpu.Instructions.Simd;

/// <summary>
/// The integer pairwise instructions: SMAXP, UMAXP, SMINP, UMINP, ADDP (vector) of three same
/// (opcodes 10100, 10101, 10111), and ADDP (scalar) of "Advanced SIMD scalar pairwise"
/// (01 0 11110 size 11000 11011 10 Rn Rd).
/// </summary>
public static class SimdArithmeticPairwise
{
    /// <summary>
    /// SMAXP/UMAXP (opcode 10100), SMINP/UMINP (opcode 10101), ADDP (vector) (U = 0, opcode 10111):
    /// concat = operand2:operand1; element1 = Elem[concat, 2*e, esize], element2 = Elem[concat, 2*e+1, esize];
    /// Elem[result, e, esize] = Max/Min (Int(.., unsigned)) or element1 + element2.
    /// </summary>
    public static void Pairwise(ArmCore core, uint insn)
    {
        bool add = Bit(insn, 12) && Bit(insn, 11);
        int size = Size(insn);
        // SMAXP etc.: size == '11' UNDEFINED; ADDP: size:Q == '110' UNDEFINED.
        if (size == 3 && (!add || !Q(insn))) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        int esize = 8 << size;
        bool unsigned = U(insn);
        bool minimum = Bit(insn, 11);
        int elements = (Q(insn) ? 128 : 64) / esize;
        Vector128<ulong> operand1 = core.VRegister(Rn(insn));
        Vector128<ulong> operand2 = core.VRegister(Rm(insn));
        Vector128<ulong> result = default;
        for (int e = 0; e < elements; e++)
        {
            int i = 2 * e;
            ulong element1 = i < elements ? Elem(operand1, i, esize) : Elem(operand2, i - elements, esize);
            ulong element2 = i + 1 < elements ? Elem(operand1, i + 1, esize) : Elem(operand2, i + 1 - elements, esize);
            ulong value;
            if (add)
            {
                value = element1 + element2;
            }
            else
            {
                long x = Int64(element1, esize, unsigned), y = Int64(element2, esize, unsigned);
                value = (ulong)(minimum ? Math.Min(x, y) : Math.Max(x, y));
            }
            SetElem(ref result, e, esize, value);
        }
        WriteVector(core, Rd(insn), result, Q(insn));
    }

    /// <summary>ADDP (scalar): size != '11' UNDEFINED; D[d] = Reduce(ReduceOp_ADD, V[n], 64) = V[n]&lt;63:0&gt; + V[n]&lt;127:64&gt;.</summary>
    public static void AddPairwiseScalar(ArmCore core, uint insn)
    {
        if (Size(insn) != 3) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        uint n = Rn(insn);
        core.SetVScalar(Rd(insn), core.GetVLow(n) + core.GetVHigh(n));
    }
}
