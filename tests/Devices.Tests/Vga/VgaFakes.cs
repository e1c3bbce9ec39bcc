using Emulator.Devices.Vga;

namespace Emulator.Devices.Tests.Vga;

/// <summary>A VRAM view over a byte array that records every call.</summary>
internal sealed class FakeVram(int size) : IVramView
{
    public byte[] Memory { get; } = new byte[size];

    public List<(ulong Offset, int Length)> Reads { get; } = [];

    public List<(ulong Offset, int Length)> Writes { get; } = [];

    public List<(ulong Offset, ulong Length)> Maintenance { get; } = [];

    /// <summary>Order of calls: 'M' for BeforeRead, 'R' for Read.</summary>
    public List<char> Calls { get; } = [];

    public void Read(ulong offset, Span<byte> destination)
    {
        Reads.Add((offset, destination.Length));
        Calls.Add('R');
        Memory.AsSpan((int)offset, destination.Length).CopyTo(destination);
    }

    public void Write(ulong offset, ReadOnlySpan<byte> source)
    {
        Writes.Add((offset, source.Length));
        source.CopyTo(Memory.AsSpan((int)offset));
    }

    public void BeforeRead(ulong offset, ulong length)
    {
        Maintenance.Add((offset, length));
        Calls.Add('M');
    }

    public void ClearLog()
    {
        Reads.Clear();
        Writes.Clear();
        Maintenance.Clear();
        Calls.Clear();
    }
}

/// <summary>A dirty log kept as a set of pages.</summary>
internal sealed class FakeDirtyLog : IDirtyLog
{
    public HashSet<ulong> Dirty { get; } = [];

    public int Collections { get; private set; }

    public void MarkWritten(ulong offset, int length)
    {
        for (ulong p = offset >> 12; p <= (offset + (ulong)length - 1) >> 12; p++)
            Dirty.Add(p);
    }

    public int CollectAndClear(Span<ulong> bitmap)
    {
        Collections++;
        bitmap.Clear();
        foreach (ulong p in Dirty)
            bitmap[(int)(p >> 6)] |= 1UL << (int)(p & 63);
        int n = Dirty.Count;
        Dirty.Clear();
        return n;
    }

    public bool IsPending(ulong page) => Dirty.Contains(page);
}

/// <summary>Helpers to program the display through its MMIO window.</summary>
internal static class Vbe
{
    public static ushort Reg(BochsDisplay d, int index)
    {
        Assert.True(d.Read(0x500 + 2 * (ulong)index, 2, out ulong v));
        return (ushort)v;
    }

    public static void Set(BochsDisplay d, int index, ushort value) =>
        Assert.True(d.Write(0x500 + 2 * (ulong)index, 2, value));

    /// <summary>bochs-drm's mode set: ENABLE=0, BPP, XRES, YRES, BANK, VIRT_WIDTH, VIRT_HEIGHT, offsets, ENABLE.</summary>
    public static void SetMode(BochsDisplay d, int width, int height, int bpp, ushort enable = Dispi.Enabled | Dispi.LfbEnabled | Dispi.NoClearMem)
    {
        Set(d, Dispi.Enable, 0);
        Set(d, Dispi.Bpp, (ushort)bpp);
        Set(d, Dispi.XRes, (ushort)width);
        Set(d, Dispi.YRes, (ushort)height);
        Set(d, Dispi.Bank, 0);
        Set(d, Dispi.VirtWidth, (ushort)width);
        Set(d, Dispi.XOffset, 0);
        Set(d, Dispi.YOffset, 0);
        Set(d, Dispi.Enable, enable);
    }
}
