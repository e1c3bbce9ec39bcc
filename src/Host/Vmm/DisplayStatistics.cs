using System.Text.Json;
using Emulator.Devices.Vga;

namespace Emulator.Host.Vmm;

/// <summary>What the display showed, for the report's <c>display</c> object.</summary>
public sealed class DisplayStatistics
{
    public long Frames { get; private set; }

    public long FramesWithStale { get; private set; }

    public long StalePixelsTotal { get; private set; }

    public int StalePixelsMax { get; private set; }

    /// <summary>The last frame's hash, computed when asked (hashing every frame would cost a pass over it).</summary>
    public ulong? LastFrameHash => _last?.Hash;

    private VgaFrame? _last;

    public string? Mode { get; private set; }

    /// <summary>The VMM's VRAM traffic: bytes it read for the display, and the memory cycles its accesses cost.</summary>
    public Func<(ulong BytesRead, ulong Cycles)>? VmmTraffic { get; init; }

    public void Add(VgaFrame frame)
    {
        Frames++;
        if (frame.StalePixels > 0)
            FramesWithStale++;
        StalePixelsTotal += frame.StalePixels;
        StalePixelsMax = Math.Max(StalePixelsMax, frame.StalePixels);
        _last = frame;
        Mode = frame.Mode;
    }

    /// <summary>
    /// Writes <c>"display": { frames, frames_with_stale, stale_pixels_total, stale_pixels_max,
    /// last_frame_hash ("0x" + 16 hex digits, null before the first frame), mode ("640x480x32", null before the first frame),
    /// vmm_bytes_read, vmm_memory_cycles }</c>.
    /// </summary>
    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("display");
        writer.WriteNumber("frames", Frames);
        writer.WriteNumber("frames_with_stale", FramesWithStale);
        writer.WriteNumber("stale_pixels_total", StalePixelsTotal);
        writer.WriteNumber("stale_pixels_max", StalePixelsMax);
        if (LastFrameHash is ulong hash)
            writer.WriteString("last_frame_hash", $"0x{hash:x16}");
        else
            writer.WriteNull("last_frame_hash");
        if (Mode is null)
            writer.WriteNull("mode");
        else
            writer.WriteString("mode", Mode);
        (ulong bytes, ulong cycles) = VmmTraffic?.Invoke() ?? (0, 0);
        writer.WriteNumber("vmm_bytes_read", bytes);
        writer.WriteNumber("vmm_memory_cycles", cycles);
        writer.WriteEndObject();
    }
}
