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
            // ---- Stage-1 translation: AT (CRn = 7, CRm = 8) and TLBI (CRn = 8, CRm = 3 IS / 7) ----
            case TranslationSysKeys.AtS1E1R:
            case TranslationSysKeys.AtS1E1W:
            case TranslationSysKeys.AtS1E0R:
            case TranslationSysKeys.AtS1E0W:
                AddressTranslate(key & 7, X[insn & 31]);
                return;
            case TranslationSysKeys.TlbiVmalle1Is:
            case TranslationSysKeys.TlbiVae1Is:
            case TranslationSysKeys.TlbiAside1Is:
            case TranslationSysKeys.TlbiVaae1Is:
            case TranslationSysKeys.TlbiVale1Is:
            case TranslationSysKeys.TlbiVaale1Is:
            case TranslationSysKeys.TlbiVmalle1:
            case TranslationSysKeys.TlbiVae1:
            case TranslationSysKeys.TlbiAside1:
            case TranslationSysKeys.TlbiVaae1:
            case TranslationSysKeys.TlbiVale1:
            case TranslationSysKeys.TlbiVaale1:
                TlbMaintenance(key & 7, X[insn & 31]);
                return;

            default:
                Undefined();
                return;
        }
    }

    /// <summary>The SysReg-style key of a SYS instruction: op0 = 1, then op1, CRn, CRm, op2.</summary>
    internal static ushort SysKey(int op1, int crn, int crm, int op2) => SysReg.Encode(1, op1, crn, crm, op2);
}
