using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.SimdFp.SimdGuest;

namespace Emulator.Cpu.Tests.SimdFp;

/// <summary>
/// A literal transcription of the Arm ARM's shared pseudocode "LDST multiple" and "LDST single"
/// (element by element, V[] as bytes), for checking the structure loads and stores of the
/// emulator against whole-register and memory results.
/// </summary>
internal sealed class StructureReference
{
    public readonly byte[][] V = new byte[32][];
    public readonly Dictionary<ulong, byte> Written = [];
    public readonly ulong[] X = new ulong[32];
    public ulong Sp;

    public StructureReference(GuestMachine m)
    {
        for (int n = 0; n < 32; n++)
        {
            V[n] = new byte[16];
            BitConverter.TryWriteBytes(V[n].AsSpan(0, 8), m.Core.GetVLow((uint)n));
            BitConverter.TryWriteBytes(V[n].AsSpan(8, 8), m.Core.GetVHigh((uint)n));
            X[n] = m.Core.X[n];
        }
        Sp = m.Core.Sp;
    }

    private byte Mem(ulong a) => Written.TryGetValue(a, out byte b) ? b : a >= Data && a < Data + PatternLength ? Pattern(a - Data) : (byte)0;

    private ulong Base(int n) => n == 31 ? Sp : X[n];

    private void WriteBack(int n, ulong value)
    {
        if (n == 31)
            Sp = value;
        else
            X[n] = value;
    }

    public void Multiple(uint insn)
    {
        int q = (int)(insn >> 30) & 1, l = (int)(insn >> 22) & 1, post = (int)(insn >> 23) & 1;
        int m = (int)(insn >> 16) & 31, opcode = (int)(insn >> 12) & 15, size = (int)(insn >> 10) & 3, n = (int)(insn >> 5) & 31, t = (int)insn & 31;
        int datasize = q == 1 ? 128 : 64, esize = 8 << size, elements = datasize / esize;
        (int rpt, int selem) = opcode switch
        {
            0b0000 => (1, 4),
            0b0010 => (4, 1),
            0b0100 => (1, 3),
            0b0110 => (3, 1),
            0b0111 => (1, 1),
            0b1000 => (1, 2),
            0b1010 => (2, 1),
            _ => throw new ArgumentException("unallocated"),
        };
        int ebytes = esize / 8;
        ulong address = Base(n), offs = 0;
        for (int r = 0; r < rpt; r++)
        {
            for (int e = 0; e < elements; e++)
            {
                int tt = (t + r) % 32;
                for (int s = 0; s < selem; s++)
                {
                    for (int b = 0; b < ebytes; b++)
                    {
                        if (l == 1)
                            V[tt][e * ebytes + b] = Mem(address + offs + (ulong)b);
                        else
                            Written[address + offs + (ulong)b] = V[tt][e * ebytes + b];
                    }
                    if (l == 1 && datasize == 64)
                        Array.Clear(V[tt], 8, 8); // V[tt] = rval of 64 bits
                    offs += (ulong)ebytes;
                    tt = (tt + 1) % 32;
                }
            }
        }
        if (post == 1)
            WriteBack(n, address + (m != 31 ? X[m] : offs));
    }

    public void Single(uint insn)
    {
        int q = (int)(insn >> 30) & 1, l = (int)(insn >> 22) & 1, R = (int)(insn >> 21) & 1, post = (int)(insn >> 23) & 1;
        int m = (int)(insn >> 16) & 31, opcode = (int)(insn >> 13) & 7, S = (int)(insn >> 12) & 1, size = (int)(insn >> 10) & 3, n = (int)(insn >> 5) & 31, t = (int)insn & 31;
        int scale = opcode >> 1, selem = ((opcode & 1) << 1 | R) + 1, index = 0;
        bool replicate = false;
        switch (scale)
        {
            case 3: scale = size; replicate = true; break;
            case 0: index = q << 3 | S << 2 | size; break;
            case 1: index = q << 2 | S << 1 | size >> 1; break;
            default:
                if ((size & 1) == 0)
                    index = q << 1 | S;
                else
                {
                    index = q;
                    scale = 3;
                }
                break;
        }
        int datasize = q == 1 ? 128 : 64, ebytes = 1 << scale;
        ulong address = Base(n), offs = 0;
        for (int s = 0; s < selem; s++)
        {
            if (replicate)
            {
                for (int i = 0; i < 16; i++)
                    V[t][i] = i < datasize / 8 ? Mem(address + offs + (ulong)(i % ebytes)) : (byte)0;
            }
            else
            {
                for (int b = 0; b < ebytes; b++)
                {
                    if (l == 1)
                        V[t][index * ebytes + b] = Mem(address + offs + (ulong)b);
                    else
                        Written[address + offs + (ulong)b] = V[t][index * ebytes + b];
                }
            }
            offs += (ulong)ebytes;
            t = (t + 1) % 32;
        }
        if (post == 1)
            WriteBack(n, address + (m != 31 ? X[m] : offs));
    }

    /// <summary>Compares the machine's V0-V31, X0-X30, SP and the written memory with this model's.</summary>
    public void AssertMatches(GuestMachine m, string what)
    {
        for (int n = 0; n < 32; n++)
        {
            ulong low = BitConverter.ToUInt64(V[n], 0), high = BitConverter.ToUInt64(V[n], 8);
            ulong gotLow = m.Core.GetVLow((uint)n), gotHigh = m.Core.GetVHigh((uint)n);
            Assert.True(low == gotLow && high == gotHigh, $"{what}: V{n} expected 0x{high:x16}_{low:x16}, got 0x{gotHigh:x16}_{gotLow:x16}");
        }
        for (int n = 0; n < 31; n++)
            Assert.True(X[n] == m.Core.X[n], $"{what}: X{n} expected 0x{X[n]:x}, got 0x{m.Core.X[n]:x}");
        Assert.True(Sp == m.Core.Sp, $"{what}: SP expected 0x{Sp:x}, got 0x{m.Core.Sp:x}");
        foreach ((ulong a, byte b) in Written)
            Assert.True(m.Read8(a) == b, $"{what}: byte at 0x{a:x} expected 0x{b:x2}, got 0x{m.Read8(a):x2}");
        // Nothing else in the data area changed.
        byte[] area = m.ReadBytes(Data, PatternLength);
        for (int k = 0; k < area.Length; k++)
        {
            ulong a = Data + (ulong)k;
            if (!Written.ContainsKey(a))
                Assert.True(area[k] == Pattern((ulong)k), $"{what}: byte at 0x{a:x} changed");
        }
    }
}
