using System.Runtime.Intrinsics;
using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions.Simd;

/// <summary>
/// Advanced SIMD three same, logical (Arm ARM C4.1.95, opcode 00011): AND, BIC, ORR, ORN (U = 0)
/// and EOR, BSL, BIT, BIF (U = 1), selected by size.
/// </summary>
internal static class SimdBitwise
{
    /// <summary>
    /// AND, BIC, ORR (alias MOV), ORN (aarch64/instrs/vector/arithmetic/binary/uniform/logical/and-orr)
    /// and EOR, BSL, BIT, BIF (.../logical/bsl-eor: V[d] = operand1 EOR ((operand1 EOR Vn) AND operand3)).
    /// </summary>
    public static void Logical(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled())
            return;
        bool q = ((insn >> 30) & 1) != 0;
        uint opc = (insn >> 22) & 3;
        uint m = (insn >> 16) & 31, n = (insn >> 5) & 31, d = insn & 31;
        Vector128<ulong> vn = core.VRegister(n), vm = core.VRegister(m);
        Vector128<ulong> result;
        if (((insn >> 29) & 1) == 0)
        {
            result = opc switch
            {
                0 => vn & vm,
                1 => Vector128.AndNot(vn, vm),
                2 => vn | vm,
                _ => vn | ~vm,
            };
        }
        else
        {
            Vector128<ulong> vd = core.VRegister(d);
            result = opc switch
            {
                0 => vn ^ vm,
                1 => vm ^ ((vm ^ vn) & vd), // BSL: Vd selects Vn (1) or Vm (0)
                2 => vd ^ ((vd ^ vn) & vm), // BIT: insert Vn where Vm is 1
                _ => vd ^ ((vd ^ vn) & ~vm), // BIF: insert Vn where Vm is 0
            };
        }
        if (!q)
            result = result.WithUpper(Vector64<ulong>.Zero);
        core.VRegister(d) = result;
    }
}
