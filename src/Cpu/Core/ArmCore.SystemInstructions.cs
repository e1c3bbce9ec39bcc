using Emulator.Cpu.System;

namespace Emulator.Cpu.Core;

/// <summary>
/// SYS/SYSL: the system instruction space (op0 = 1) holding cache maintenance (DC, IC: CRn = 7),
/// address translation (AT: CRn = 7, CRm = 8/9) and TLB maintenance (TLBI: CRn = 8). Each is
/// routed by its architectural encoding to the MMU or cache model that implements it; anything
/// not listed is UNDEFINED, as is SYSL (no SYSL instruction exists in Armv8.0).
/// </summary>
public sealed partial class ArmCore
{
    internal void ExecuteSystemInstruction(uint insn)
    {
        bool isSysl = ((insn >> 21) & 1) != 0;
        ushort key = (ushort)((insn >> 5) & 0xFFFF);
        if (isSysl)
        {
            Undefined();
            return;
        }
        switch (key)
        {
            default:
                Undefined();
                return;
        }
    }

    /// <summary>The SysReg-style key of a SYS instruction: op0 = 1, then op1, CRn, CRm, op2.</summary>
    internal static ushort SysKey(int op1, int crn, int crm, int op2) => SysReg.Encode(1, op1, crn, crm, op2);
}
