namespace Emulator.Cpu.Tests.Support;

/// <summary>
/// DecodeBitMasks as the Arm ARM writes it (aarch64/instrs/integer/bitmasks: HighestSetBit, ROR
/// over the element, Replicate as a loop): an independent reference for the emulator's loop-free
/// decoding of logical immediates and bitfield masks.
/// </summary>
internal static class PseudocodeBitMasks
{
    public static bool Decode(uint n, uint imms, uint immr, bool immediate, int dataSize, out ulong wmask, out ulong tmask)
    {
        wmask = tmask = 0;
        uint combined = n << 6 | (~imms & 0x3F);
        int len = -1;
        for (int bit = 6; bit >= 0; bit--)
        {
            if (((combined >> bit) & 1) != 0)
            {
                len = bit;
                break;
            }
        }
        if (len < 1 || (1 << len) > dataSize)
            return false;
        int esize = 1 << len;
        uint levels = (uint)esize - 1;
        if (immediate && (imms & levels) == levels)
            return false;
        int s = (int)(imms & levels), r = (int)(immr & levels), d = (s - r) & (int)levels;
        ulong welem = 0, telem = 0;
        for (int i = 0; i <= s; i++)
            welem |= 1UL << i;
        for (int i = 0; i <= d; i++)
            telem |= 1UL << i;
        for (int i = 0; i < r; i++)
            welem = (welem >> 1) | ((welem & 1) << (esize - 1)); // ROR by one within the element
        for (int i = 0; i < dataSize; i += esize)
        {
            wmask |= welem << i;
            tmask |= telem << i;
        }
        return true;
    }
}
