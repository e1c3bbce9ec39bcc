using System.Runtime.CompilerServices;

namespace Emulator.Mmu.Physical;

/// <summary>
/// Guest RAM, allocated lazily in chunks so that a large --memory costs nothing until the guest
/// (or a loader) touches it. Reads of a chunk never written return zeros without allocating.
/// </summary>
public sealed class Ram
{
    public const int ChunkShift = 16;
    public const int ChunkSize = 1 << ChunkShift;
    private const ulong ChunkMask = ChunkSize - 1;

    private readonly byte[]?[] _chunks;

    public Ram(ulong baseAddress, ulong size)
    {
        if (size == 0 || (size & ChunkMask) != 0)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"RAM size must be a non-zero multiple of {ChunkSize} bytes");
        BaseAddress = baseAddress;
        Size = size;
        _chunks = new byte[]?[size >> ChunkShift];
    }

    public ulong BaseAddress { get; }

    public ulong Size { get; }

    /// <summary>Number of chunks allocated so far (memory the host actually spends on RAM).</summary>
    public int AllocatedChunks { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(ulong pa, ulong length) =>
        pa >= BaseAddress && length <= Size && pa - BaseAddress <= Size - length;

    /// <summary>The chunk holding RAM offset <paramref name="offset"/>, allocated if needed.</summary>
    public byte[] ChunkForWrite(ulong offset)
    {
        ref byte[]? chunk = ref _chunks[offset >> ChunkShift];
        if (chunk is null)
        {
            chunk = new byte[ChunkSize];
            AllocatedChunks++;
        }
        return chunk;
    }

    /// <summary>The chunk holding RAM offset <paramref name="offset"/>, or null if never written (all zeros).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte[]? ChunkForRead(ulong offset) => _chunks[offset >> ChunkShift];

    /// <summary>Copies bytes out of RAM; the range must lie inside RAM.</summary>
    public void Read(ulong pa, Span<byte> destination)
    {
        ulong offset = pa - BaseAddress;
        while (!destination.IsEmpty)
        {
            int inChunk = (int)(offset & ChunkMask);
            int n = Math.Min(destination.Length, ChunkSize - inChunk);
            byte[]? chunk = ChunkForRead(offset);
            if (chunk is null)
                destination[..n].Clear();
            else
                chunk.AsSpan(inChunk, n).CopyTo(destination);
            destination = destination[n..];
            offset += (ulong)n;
        }
    }

    /// <summary>Copies bytes into RAM; the range must lie inside RAM.</summary>
    public void Write(ulong pa, ReadOnlySpan<byte> source)
    {
        ulong offset = pa - BaseAddress;
        while (!source.IsEmpty)
        {
            int inChunk = (int)(offset & ChunkMask);
            int n = Math.Min(source.Length, ChunkSize - inChunk);
            if (_chunks[offset >> ChunkShift] is not null || source[..n].ContainsAnyExcept((byte)0))
                source[..n].CopyTo(ChunkForWrite(offset).AsSpan(inChunk, n));
            source = source[n..];
            offset += (ulong)n;
        }
    }
}
