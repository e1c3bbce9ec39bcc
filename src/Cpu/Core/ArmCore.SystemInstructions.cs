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
                AddressTranslate(key & 7, GetX(insn & 31));
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
                TlbMaintenance(key & 7, GetX(insn & 31), innerShareable: ((key >> 3) & 15) == 3);
                return;

            // ---- Cache maintenance: DC and IC (CRn = 7), see ArmCore.CacheMaintenance.cs ----
            case CacheSysKeys.DcIvac: DataCacheByVa(insn, Mmu.Caches.DataCacheOperation.IVAC); return;
            case CacheSysKeys.DcCvac: DataCacheByVa(insn, Mmu.Caches.DataCacheOperation.CVAC); return;
            case CacheSysKeys.DcCvau: DataCacheByVa(insn, Mmu.Caches.DataCacheOperation.CVAU); return;
            case CacheSysKeys.DcCvap: DataCacheByVa(insn, Mmu.Caches.DataCacheOperation.CVAP); return;
            case CacheSysKeys.DcCivac: DataCacheByVa(insn, Mmu.Caches.DataCacheOperation.CIVAC); return;
            case CacheSysKeys.DcZva: DataCacheZeroByVa(insn); return;
            case CacheSysKeys.DcIsw: DataCacheBySetWay(insn, Mmu.Caches.SetWayOperation.ISW); return;
            case CacheSysKeys.DcCsw: DataCacheBySetWay(insn, Mmu.Caches.SetWayOperation.CSW); return;
            case CacheSysKeys.DcCisw: DataCacheBySetWay(insn, Mmu.Caches.SetWayOperation.CISW); return;
            case CacheSysKeys.IcIallUis: InstructionCacheInvalidateAll(innerShareable: true); return;
            case CacheSysKeys.IcIallU: InstructionCacheInvalidateAll(innerShareable: false); return;
            case CacheSysKeys.IcIvau: InstructionCacheInvalidateByVa(insn); return;

            default:
                Undefined();
                return;
        }
    }

    /// <summary>The SysReg-style key of a SYS instruction: op0 = 1, then op1, CRn, CRm, op2.</summary>
    internal static ushort SysKey(int op1, int crn, int crm, int op2) => SysReg.Encode(1, op1, crn, crm, op2);
}
