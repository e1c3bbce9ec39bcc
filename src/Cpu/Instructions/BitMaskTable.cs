using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Emulator.Cpu.Instructions;

/// <summary>
/// <see cref="Alu.DecodeBitMasks"/> (immediate = FALSE) computed once for every (datasize, N,
/// immr, imms), so that BFM looks its masks up instead of decoding them at every execution (SBFM
/// and UBFM, and logical immediates, are computed without masks or tables, so that a translated
/// block's constant word folds).
/// </summary>
internal static class BitMaskTable
{
    private const byte ValidAsBitfield = 2;  // a bitfield (DecodeBitMasks with immediate = FALSE)

    private struct Entry
    {
        public ulong WMask;
        public ulong TMask;
        public byte Valid;
    }

    // Index: is64 << 13 | N << 12 | immr << 6 | imms.
    private static readonly Entry[] s_entries = Build();

    private static Entry[] Build()
    {
        var entries = new Entry[1 << 14];
        for (int i = 0; i < entries.Length; i++)
        {
            uint imms = (uint)i & 0x3F, immr = (uint)(i >> 6) & 0x3F, n = (uint)(i >> 12) & 1;
            int dataSize = (i >> 13) != 0 ? 64 : 32;
            ref Entry e = ref entries[i];
            if (Alu.DecodeBitMasks(n, imms, immr, false, dataSize, out e.WMask, out e.TMask))
                e.Valid |= ValidAsBitfield;
        }
        return entries;
    }

    /// <summary>The wmask and tmask of a bitfield instruction (N:immr:imms in bits [22:10]); false when reserved.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Bitfield(uint insn, bool is64, out ulong wmask, out ulong tmask)
    {
        ref Entry e = ref At(insn, is64);
        wmask = e.WMask;
        tmask = e.TMask;
        return (e.Valid & ValidAsBitfield) != 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Entry At(uint insn, bool is64) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(s_entries), (int)((insn >> 10) & 0x1FFF) | (is64 ? 1 << 13 : 0));
}
