namespace Emulator.Devices.Flash;

/// <summary>
/// The array behind a flash bank: guest memory the CPU reads and fetches from directly while the
/// bank is in read-array mode (a ROM-like memory slot), and, when the bank is backed by a
/// writable file, that file. <see cref="Write"/> changes both.
/// </summary>
public interface IFlashStorage
{
    /// <summary>Copies the array's bytes at <paramref name="offset"/> into <paramref name="destination"/>.</summary>
    void Read(ulong offset, Span<byte> destination);

    /// <summary>Stores <paramref name="source"/> at <paramref name="offset"/> (and in the backing file, if any).</summary>
    void Write(ulong offset, ReadOnlySpan<byte> source);
}
