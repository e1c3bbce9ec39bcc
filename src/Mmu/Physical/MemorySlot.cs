namespace Emulator.Mmu.Physical;

/// <summary>
/// A range of guest physical memory backed by host memory (KVM's memslot): system RAM, or a
/// device's RAM such as VRAM. <see cref="Name"/> appears in logs and errors.
/// </summary>
public sealed record MemorySlot(string Name, ulong Base, ulong Size)
{
    public ulong End => Base + Size;

    public bool Contains(ulong pa, ulong length) => pa >= Base && length <= Size && pa - Base <= Size - length;
}
