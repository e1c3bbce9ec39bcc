using System.Diagnostics;
using Emulator.Devices.Vga;
using Xunit.Abstractions;

namespace Emulator.Devices.Tests.Vga;

/// <summary>
/// Issue 11's register fuzzing of the Bochs VBE display: seeded random MMIO reads and writes
/// (any offset of the window and past it, sizes 1 to 8, random or DISPI-shaped values), VGA port
/// traffic and VRAM stores, interleaved with scanout frames read in random step sizes. The device
/// must never throw, must refuse exactly the accesses its documentation says it refuses, must only
/// ever report a null mode or one that fits VRAM, and every frame must have consistent sizes and
/// read VRAM only inside it. EMULATOR_ROBUST_SEED repeats a run; EMULATOR_ROBUST_ITERATIONS
/// multiplies the number of operations.
/// </summary>
public sealed class VgaFuzzTests(ITestOutputHelper output)
{
    private static readonly ulong[] VramSizes = [0x1_0000, 0x4_0000, 0x10_0000, 0x20_0000];

    [Fact]
    public void Random_register_traffic_and_frames_never_throw_and_keep_modes_and_frames_consistent()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("EMULATOR_ROBUST_SEED"), out int s) ? s : 0x76A;
        int devices = Scaled(24);
        const int operationsPerDevice = 4000;
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        int frames = 0, nullFrames = 0, modes = 0, refused = 0;
        for (int d = 0; d < devices && failures.Count < 10; d++)
        {
            ulong vramSize = VramSizes[random.Next(VramSizes.Length)];
            var vram = new CheckedVram((int)vramSize);
            var truth = new byte[vramSize];
            var log = new RandomDirtyLog(random, vramSize);
            var device = new BochsDisplay(vramSize, vram);
            var scanout = new VgaScanout(device, vram, log, random.Next(2) == 0 ? () => truth : null);
            long number = 1;
            var seen = new HashSet<VbeMode>();
            for (int op = 0; op < operationsPerDevice && failures.Count < 10; op++)
            {
                string where = $"seed 0x{seed:x} device {d} (VRAM 0x{vramSize:x}) operation {op}";
                try
                {
                    int pick = random.Next(100);
                    if (pick < 45)
                        refused += Access(random, device, write: true, where, failures);
                    else if (pick < 80)
                        refused += Access(random, device, write: false, where, failures);
                    else if (pick < 88)
                        ProgramMode(random, device);
                    else if (pick < 95)
                        GuestStore(random, vram.Memory, truth);
                    else
                    {
                        VgaFrame? frame = Frame(random, scanout, device, number++, where, failures);
                        if (frame is null)
                            nullFrames++;
                        else
                            frames++;
                    }
                    if (device.Mode is { } mode)
                    {
                        CheckMode(mode, vramSize, where, failures);
                        if (seen.Add(mode))
                            modes++;
                    }
                    if (vram.Violation is { } violation)
                    {
                        failures.Add($"{where}: {violation}");
                        vram.Violation = null;
                    }
                }
                catch (Exception e)
                {
                    failures.Add($"{where}: host exception {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
                }
            }
        }
        output.WriteLine($"seed 0x{seed:x}: {devices} devices x {operationsPerDevice} operations, {refused} accesses refused, {modes} distinct modes, " +
            $"{frames} frames, {nullFrames} without a mode, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(frames > devices, $"only {frames} frames were shown: the fuzzer hardly sets a mode");
        Assert.True(modes > devices, $"only {modes} distinct modes");
    }

    /// <summary>One random MMIO access; returns 1 when the device refused it (a bus error).</summary>
    private static int Access(Random random, BochsDisplay device, bool write, string where, List<string> failures)
    {
        ulong offset = random.Next(10) switch
        {
            < 4 => BochsDisplay.DispiOffset + (ulong)(uint)random.Next(0x20),
            4 => BochsDisplay.PortsOffset + (ulong)(uint)random.Next(0x20),
            5 => BochsDisplay.QextOffset + (ulong)(uint)random.Next(0x10),
            6 => (ulong)(uint)random.Next(0x110),
            7 => BochsDisplay.MmioSize - (ulong)(uint)random.Next(1, 9),
            8 => (ulong)(uint)random.Next(0x1000),
            _ => random.Next(2) == 0 ? BochsDisplay.MmioSize + (ulong)(uint)random.Next(0x1000) : (ulong)random.NextInt64(),
        };
        int size = random.Next(1, 9);
        bool valid = size is 1 or 2 or 4 && offset % (ulong)size == 0 && offset < BochsDisplay.MmioSize
            && !(offset >= BochsDisplay.QextOffset && offset < BochsDisplay.QextOffset + 8 && size != 4);
        bool accepted;
        if (write)
        {
            accepted = device.Write(offset, size, DispiValue(random));
        }
        else
        {
            accepted = device.Read(offset, size, out ulong value);
            if (accepted && size < 8 && value >> (8 * size) != 0)
                failures.Add($"{where}: read of {size} bytes at 0x{offset:x} returned 0x{value:x}, wider than the access");
            if (!accepted && value != 0)
                failures.Add($"{where}: refused read at 0x{offset:x} left value 0x{value:x}");
        }
        if (accepted != valid)
            failures.Add($"{where}: {(write ? "write" : "read")} of {size} bytes at 0x{offset:x} {(accepted ? "accepted" : "refused")}, expected {(valid ? "accepted" : "refused")}");
        return accepted ? 0 : 1;
    }

    /// <summary>A value shaped like what DISPI registers get: sizes, depths, enable bits, or anything.</summary>
    private static ulong DispiValue(Random random) => random.Next(8) switch
    {
        0 => (ulong)(uint)random.Next(0, 2048),
        1 => (ulong)new[] { 0, 4, 8, 15, 16, 24, 32, 33, 0xFFFF }[random.Next(9)],
        2 => (ulong)(random.Next(0x100) & (Dispi.Enabled | Dispi.GetCaps | Dispi.EightBitDac | Dispi.LfbEnabled | Dispi.NoClearMem)),
        3 => (ulong)(uint)random.Next(0x1_0000),
        4 => random.Next(2) == 0 ? BochsDisplay.BigEndianMagic : BochsDisplay.LittleEndianMagic,
        5 => (ulong)(uint)random.Next(0x1_0000) << 16 | (ulong)(uint)random.Next(0x1_0000),
        _ => (ulong)random.NextInt64() ^ (ulong)random.NextInt64() << 1,
    };

    /// <summary>A whole mode set (bochs-drm's sequence) with random, often awkward, values.</summary>
    private static void ProgramMode(Random random, BochsDisplay device)
    {
        int[] widths = [0, 8, 63, 64, 320, 640, 641, 800, 1024, 2048, 16000, 65535];
        int[] heights = [0, 1, 63, 64, 200, 480, 600, 768, 4096, 12000, 65535];
        int[] depths = [4, 8, 15, 16, 24, 32, 0, 7];
        Set(device, Dispi.Enable, 0);
        Set(device, Dispi.Bpp, depths[random.Next(depths.Length)]);
        Set(device, Dispi.XRes, random.Next(3) == 0 ? random.Next(0x1_0000) : widths[random.Next(widths.Length)]);
        Set(device, Dispi.YRes, random.Next(3) == 0 ? random.Next(0x1_0000) : heights[random.Next(heights.Length)]);
        Set(device, Dispi.VirtWidth, random.Next(3) == 0 ? random.Next(0x1_0000) : 0);
        Set(device, Dispi.XOffset, random.Next(3) == 0 ? random.Next(0x1_0000) : 0);
        Set(device, Dispi.YOffset, random.Next(3) == 0 ? random.Next(0x1_0000) : 0);
        ushort enable = Dispi.Enabled | Dispi.LfbEnabled;
        if (random.Next(2) == 0)
            enable |= Dispi.NoClearMem;
        if (random.Next(4) == 0)
            enable |= Dispi.EightBitDac;
        Set(device, Dispi.Enable, random.Next(8) == 0 ? 0 : enable);
    }

    private static void Set(BochsDisplay device, int index, int value) =>
        Assert.True(device.Write(BochsDisplay.DispiOffset + 2 * (ulong)index, 2, (ulong)(ushort)value));

    private static void GuestStore(Random random, byte[] vram, byte[] truth)
    {
        int length = random.Next(1, 4096);
        int offset = random.Next(vram.Length - length);
        random.NextBytes(truth.AsSpan(offset, length));
        if (random.Next(3) != 0)
            truth.AsSpan(offset, length).CopyTo(vram.AsSpan(offset)); // coherent; otherwise the host view stays stale
    }

    private static VgaFrame? Frame(Random random, VgaScanout scanout, BochsDisplay device, long number, string where, List<string> failures)
    {
        VbeMode? mode = device.Mode;
        scanout.BeginFrame(number, (ulong)number * 1000, number / 60.0);
        int steps = 0;
        while (scanout.Step(random.Next(4) == 0 ? 1 : random.Next(1, 1 << 16)))
        {
            if (++steps > 1_000_000)
            {
                failures.Add($"{where}: the scanout did not finish in a million steps");
                break;
            }
            if (random.Next(16) == 0)
                ProgramMode(random, device); // the guest changes the mode while the VMM reads the frame
        }
        VgaFrame? frame = scanout.EndFrame();
        if ((frame is null) != (mode is null))
            failures.Add($"{where}: mode {mode?.ToString() ?? "null"} at the frame's start but frame {(frame is null ? "null" : frame.Mode)}");
        if (frame is null)
            return null;
        int count = frame.Width * frame.Height;
        if (mode is not null && (frame.Width != mode.Width || frame.Height != mode.Height))
            failures.Add($"{where}: frame {frame.Width}x{frame.Height} for mode {mode}");
        if (frame.Pixels.Length != count || frame.Oracle.Length != count || frame.PixelState.Length != count)
            failures.Add($"{where}: frame {frame.Width}x{frame.Height} with arrays {frame.Pixels.Length}/{frame.Oracle.Length}/{frame.PixelState.Length}");
        if (frame.StalePixels < 0 || frame.PendingPixels < 0 || frame.StalePixels + frame.PendingPixels > count)
            failures.Add($"{where}: {frame.StalePixels} stale and {frame.PendingPixels} pending of {count} pixels");
        if (frame.LinesRead > frame.Height || frame.Number != number)
            failures.Add($"{where}: frame {frame.Number} read {frame.LinesRead} lines of {frame.Height}");
        return frame;
    }

    private static void CheckMode(VbeMode mode, ulong vramSize, string where, List<string> failures)
    {
        bool ok = mode.Width >= 64 && mode.Height >= 64 && PixelFormats.IsSupported(mode.Bpp) && mode.StrideBytes >= mode.LineBytes
            && mode.StartOffset + (ulong)(mode.Height - 1) * (ulong)mode.StrideBytes + (ulong)mode.LineBytes <= vramSize;
        if (!ok)
            failures.Add($"{where}: invalid mode {mode} (stride {mode.StrideBytes}, start 0x{mode.StartOffset:x}) for VRAM 0x{vramSize:x}");
    }

    private static int Scaled(int count) =>
        double.TryParse(Environment.GetEnvironmentVariable("EMULATOR_ROBUST_ITERATIONS"), System.Globalization.CultureInfo.InvariantCulture, out double f) && f > 0
            ? Math.Max(1, (int)(count * f))
            : count;

    /// <summary>VRAM over a byte array that records the first access outside it instead of throwing.</summary>
    private sealed class CheckedVram(int size) : IVramView
    {
        public byte[] Memory { get; } = new byte[size];

        public string? Violation { get; set; }

        public void Read(ulong offset, Span<byte> destination)
        {
            if (Check("read", offset, (ulong)destination.Length))
                Memory.AsSpan((int)offset, destination.Length).CopyTo(destination);
        }

        public void Write(ulong offset, ReadOnlySpan<byte> source)
        {
            if (Check("write", offset, (ulong)source.Length))
                source.CopyTo(Memory.AsSpan((int)offset));
        }

        public void BeforeRead(ulong offset, ulong length)
        {
            if ((offset & 0xFFF) != 0 || (length & 0xFFF) != 0 || length == 0)
                Violation ??= $"BeforeRead(0x{offset:x}, 0x{length:x}) not page-aligned";
            Check("maintain", offset, length);
        }

        private bool Check(string what, ulong offset, ulong length)
        {
            if (offset <= (ulong)Memory.Length && length <= (ulong)Memory.Length - offset)
                return true;
            Violation ??= $"{what} of 0x{length:x} bytes at VRAM offset 0x{offset:x}, outside VRAM of 0x{Memory.Length:x}";
            return false;
        }
    }

    /// <summary>A dirty log that reports random pages (and, now and then, every page or none).</summary>
    private sealed class RandomDirtyLog(Random random, ulong vramSize) : IDirtyLog
    {
        private readonly ulong _pages = vramSize >> 12;

        public int CollectAndClear(Span<ulong> bitmap)
        {
            bitmap.Clear();
            int count = 0;
            int mode = random.Next(4);
            for (ulong p = 0; p < _pages; p++)
            {
                if (mode == 0 || (mode == 1 && random.Next(8) == 0))
                {
                    bitmap[(int)(p >> 6)] |= 1UL << (int)(p & 63);
                    count++;
                }
            }
            return count;
        }

        public bool IsPending(ulong page) => page < _pages && (page & 3) == 0;
    }
}
