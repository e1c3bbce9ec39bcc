using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions;

/// <summary>
/// The Armv8.1 LSE "Atomic memory operations" (Arm ARM C4.1.85): LDADD, LDCLR, LDEOR, LDSET,
/// LDSMAX, LDSMIN, LDUMAX, LDUMIN and SWP, every size and ordering (A, L, AL), and their ST*
/// aliases (Rt = XZR). The read-modify-write goes through one translation with write permission
/// (MemAtomic). LDAPR (o3 = 1, opc = 100, Armv8.3) and the other o3 = 1 encodings are UNDEFINED.
/// </summary>
internal static class AtomicMemory
{
    public static void Execute(ArmCore core, uint insn)
    {
        int bytes = 1 << (int)(insn >> 30);
        bool o3 = ((insn >> 15) & 1) != 0;
        uint opc = (insn >> 12) & 7;
        uint s = (insn >> 16) & 31, n = (insn >> 5) & 31, t = insn & 31;
        if (o3 && opc != 0)
        {
            core.Undefined();
            return;
        }
        if (!LoadStoreExclusive.BaseAddress(core, n, out ulong address) || !core.TranslateAtomic(address, bytes, true, out ulong pa))
            return;
        if (!core.ReadByPa(address, pa, bytes, true, out ulong old))
            return;
        int bits = bytes * 8;
        ulong mask = bytes == 8 ? ulong.MaxValue : (1UL << bits) - 1;
        ulong value = core.GetX(s) & mask;
        ulong result = o3 ? value : opc switch
        {
            0 => old + value,                                        // LDADD
            1 => old & ~value,                                       // LDCLR
            2 => old ^ value,                                        // LDEOR
            3 => old | value,                                        // LDSET
            4 => SignExtend(old, bits) >= SignExtend(value, bits) ? old : value, // LDSMAX
            5 => SignExtend(old, bits) <= SignExtend(value, bits) ? old : value, // LDSMIN
            6 => old >= value ? old : value,                         // LDUMAX
            _ => old <= value ? old : value,                         // LDUMIN
        };
        if (!core.WriteByPa(address, pa, bytes, result & mask))
            return;
        core.SetX(t, old);
    }

    private static long SignExtend(ulong value, int bits) => (long)(value << (64 - bits)) >> (64 - bits);
}
