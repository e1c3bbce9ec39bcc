using System.Runtime.CompilerServices;
using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions;

/// <summary>
/// CRC32B/H/W/X and CRC32CB/H/W/X (Data processing (2 source), opcode 010 C sz). The Arm ARM
/// pseudocode bit-reverses the accumulator and the data, divides by the polynomial and reverses
/// the result; that is the reflected CRC computed here bytewise, lowest byte first, with the
/// reflected polynomials 0xEDB88320 (CRC-32, 0x04C11DB7) and 0x82F63B78 (CRC-32C, 0x1EDC6F41),
/// no initial or final inversion. sf must be 1 exactly when sz = 11, otherwise UNDEFINED.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Crc32Table = BuildTable(0xEDB8_8320);
    private static readonly uint[] Crc32CTable = BuildTable(0x82F6_3B78);


    public static void Execute(ArmCore core, uint insn)
    {
        bool sf = (insn >> 31) != 0;
        uint sz = (insn >> 10) & 3;
        if (sf != (sz == 3))
        {
            core.Undefined();
            return;
        }
        uint[] table = ((insn >> 12) & 1) != 0 ? Crc32CTable : Crc32Table;
        uint m = (insn >> 16) & 31, n = (insn >> 5) & 31, d = insn & 31;
        uint crc = (uint)core.GetX(n);
        ulong data = core.GetX(m);
        for (int i = 1 << (int)sz; i > 0; i--)
        {
            crc = table[(crc ^ (uint)data) & 0xFF] ^ (crc >> 8);
            data >>= 8;
        }
        core.SetX(d, crc);
    }

    private static uint[] BuildTable(uint polynomial)
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? (c >> 1) ^ polynomial : c >> 1;
            table[i] = c;
        }
        return table;
    }
}
