using System.Runtime.CompilerServices;

namespace Emulator.Mmu.Physical;

/// <summary>
/// The memory behind the guest's physical address space: one or more memory slots (system RAM,
/// VRAM), as KVM's memslots, held in one span of lazily allocated chunks so that a large --memory
/// costs nothing until the guest (or a loader) touches it. Reads of a chunk never written return
/// zeros without allocating. Between slots there may be holes (device windows): <see cref="Contains"/>
/// is false there.
/// </summary>
public sealed class Ram
{
    public const int ChunkShift = 16;
    public const int ChunkSize = 1 << ChunkShift;
    private const ulong ChunkMask = ChunkSize - 1;

    private readonly byte[]?[] _chunks;

    // Per chunk of the span: 1 when a slot covers it. Null with a single slot (no holes).
    private readonly byte[]? _present;

    public Ram(ulong baseAddress, ulong size)
        : this([new MemorySlot("ram", baseAddress, size)])
    {
    }

    /// <summary>Memory made of <paramref name="slots"/> (each a non-empty multiple of 64 KiB, 64 KiB aligned, not overlapping).</summary>
    public Ram(IReadOnlyList<MemorySlot> slots)
    {
        if (slots.Count == 0)
            throw new ArgumentException("at least one memory slot is needed", nameof(slots));
        ulong low = ulong.MaxValue, high = 0;
        foreach (MemorySlot slot in slots)
        {
            if (slot.Size == 0 || (slot.Size & ChunkMask) != 0 || (slot.Base & ChunkMask) != 0 || slot.Base + slot.Size < slot.Base)
                throw new ArgumentOutOfRangeException(nameof(slots), slot.Size, $"memory slot {slot.Name} must be a non-zero multiple of {ChunkSize} bytes at a {ChunkSize}-byte aligned address");
            foreach (MemorySlot other in slots)
            {
                if (!ReferenceEquals(slot, other) && slot.Base < other.End && other.Base < slot.End)
                    throw new ArgumentException($"memory slots {slot.Name} and {other.Name} overlap", nameof(slots));
            }
            low = Math.Min(low, slot.Base);
            high = Math.Max(high, slot.End);
        }
        BaseAddress = low;
        Size = high - low;
        Slots = [.. slots];
        _chunks = new byte[]?[Size >> ChunkShift];
        if (slots.Count > 1)
        {
            _present = new byte[Size >> ChunkShift];
            foreach (MemorySlot slot in slots)
                _present.AsSpan((int)((slot.Base - low) >> ChunkShift), (int)(slot.Size >> ChunkShift)).Fill(1);
        }
    }

    /// <summary>Lowest address of any slot.</summary>
    public ulong BaseAddress { get; }

    /// <summary>Bytes from <see cref="BaseAddress"/> to the end of the highest slot (holes included).</summary>
    public ulong Size { get; }

    /// <summary>The memory slots, in the order given.</summary>
    public IReadOnlyList<MemorySlot> Slots { get; }

    /// <summary>The slot whose host backing holds <paramref name="pa"/>, or null.</summary>
    public MemorySlot? FindSlot(ulong pa)
    {
        foreach (MemorySlot slot in Slots)
        {
            if (pa >= slot.Base && pa < slot.End)
                return slot;
        }
        return null;
    }

    /// <summary>The slot the guest sees at guest physical address <paramref name="ipa"/>, or null.</summary>
    public MemorySlot? FindGuestSlot(ulong ipa)
    {
        foreach (MemorySlot slot in Slots)
        {
            if (slot.ContainsGuest(ipa, 1))
                return slot;
        }
        return null;
    }

    /// <summary>Number of chunks allocated so far (memory the host actually spends on RAM).</summary>
    public int AllocatedChunks { get; private set; }

    /// <summary>Whether [pa, pa + length) lies wholly in memory slots.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(ulong pa, ulong length) =>
        pa >= BaseAddress && length <= Size && pa - BaseAddress <= Size - length && (_present is null || InSlots(pa - BaseAddress, length));

    private bool InSlots(ulong offset, ulong length)
    {
        ulong last = length == 0 ? offset : offset + length - 1;
        for (ulong chunk = offset >> ChunkShift; chunk <= last >> ChunkShift; chunk++)
        {
            if (_present![chunk] == 0)
                return false;
        }
        return true;
    }

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
