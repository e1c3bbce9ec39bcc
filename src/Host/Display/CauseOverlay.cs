namespace Emulator.Host.Display;

/// <summary>
/// The cause overlay (docs/provenance.md): each stale pixel in the colour of its cause, the rest
/// dimmed. Causes are the byte values of Provenance.StaleCause (0 = not stale).
/// </summary>
public static class CauseOverlay
{
    /// <summary>RGBA (0xAABBGGRR) per cause: stale-clean-line red, speculative-fill magenta, clean-too-early orange, dirty-host-line blue, dirty-host-line-evicted cyan, dirty-guest-line-evicted green, unlogged-write yellow, unknown white.</summary>
    public static readonly uint[] Colours = [0, 0xFF0000FF, 0xFFFF00FF, 0xFF0080FF, 0xFFFF0000, 0xFFFFFF00, 0xFF00FF00, 0xFF00FFFF, 0xFFFFFFFF];

    /// <summary>Writes <paramref name="pixels"/> with the overlay into <paramref name="destination"/> (both width x height).</summary>
    public static void Compose(ReadOnlySpan<uint> pixels, ReadOnlySpan<byte> causes, Span<uint> destination)
    {
        for (int i = 0; i < pixels.Length; i++)
        {
            byte c = i < causes.Length ? causes[i] : (byte)0;
            if (c != 0)
            {
                destination[i] = Colours[Math.Min(c, (byte)(Colours.Length - 1))];
            }
            else
            {
                uint p = pixels[i];
                destination[i] = 0xFF000000 | ((p >> 2) & 0x003F3F3F); // a quarter of the brightness
            }
        }
    }
}

/// <summary>A display that can show the cause overlay: the pipeline hands it each frame's causes before the frame.</summary>
public interface ICauseOverlayTarget
{
    /// <summary>The cause of each pixel of frame <paramref name="frameNumber"/> (null when it has no stale pixel).</summary>
    void SetCauses(long frameNumber, byte[]? causes);
}
