namespace Emulator.Mmu.Physical;

/// <summary>
/// A range of memory backed by host memory (KVM's memslot): system RAM, or a device's RAM such as
/// VRAM. It has two addresses. <see cref="Base"/> is the host backing, fixed for the slot's life:
/// where <see cref="Ram"/> keeps its bytes, and the physical address the cache model, the coherent
/// oracle and the VMM's view use. <see cref="GuestBase"/> is where the guest sees it (the IPA that
/// stage 2 translates to <see cref="Base"/>): it moves when the guest programs a PCI BAR, and is
/// null while the slot is not mapped in the guest's physical address space at all. A new slot is
/// mapped at its host address. <see cref="Name"/> appears in logs and errors.
/// </summary>
public sealed class MemorySlot
{
    public MemorySlot(string name, ulong baseAddress, ulong size)
    {
        Name = name;
        Base = baseAddress;
        Size = size;
        GuestBase = baseAddress;
    }

    public string Name { get; }

    /// <summary>Host physical address of the backing (never moves).</summary>
    public ulong Base { get; }

    public ulong Size { get; }

    /// <summary>End of the host backing.</summary>
    public ulong End => Base + Size;

    /// <summary>Guest physical address of the slot, or null when the guest cannot reach it
    /// (changed only through <see cref="PhysicalAddressSpace.TryPlaceSlot"/>).</summary>
    public ulong? GuestBase { get; internal set; }

    /// <summary>Whether [pa, pa + length) lies in the host backing.</summary>
    public bool Contains(ulong pa, ulong length) => pa >= Base && length <= Size && pa - Base <= Size - length;

    /// <summary>Whether [ipa, ipa + length) lies in the slot as the guest sees it (false while unmapped).</summary>
    public bool ContainsGuest(ulong ipa, ulong length) =>
        GuestBase is ulong g && ipa >= g && length <= Size && ipa - g <= Size - length;

    /// <summary>The host address behind guest address <paramref name="ipa"/> (which <see cref="ContainsGuest"/> must hold).</summary>
    public ulong GuestToHost(ulong ipa) => Base + (ipa - GuestBase!.Value);

    /// <summary>The guest address of host address <paramref name="pa"/> in this slot, or null while unmapped.</summary>
    public ulong? HostToGuest(ulong pa) => GuestBase is ulong g ? g + (pa - Base) : null;

    public override string ToString() => GuestBase is ulong g
        ? $"{Name} [0x{g:x}, 0x{g + Size:x}) backed at 0x{Base:x}"
        : $"{Name} (unmapped) backed at 0x{Base:x}";
}
