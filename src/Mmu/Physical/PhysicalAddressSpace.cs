using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Emulator.Mmu.Physical;

/// <summary>
/// The physical bus: RAM plus device windows. Everything that is neither is a hole, and an
/// access to a hole is a bus error (the caller raises a synchronous external abort).
/// Accesses here are single-copy atomic up to 8 bytes and never cross a RAM chunk boundary
/// unless split by the caller (<see cref="TryRead"/> splits itself).
/// Memory is found by its host backing (<see cref="MemorySlot.Base"/>: what stage 2 outputs, and
/// what the core reaches with stage 2 off, when every slot sits at its host address); device
/// windows sit at guest physical addresses, which the VMM's MMIO emulation reaches through
/// <see cref="TryReadMmio"/> and <see cref="TryWriteMmio"/>. Slots and windows never overlap as
/// the guest sees them (<see cref="TryAddMmio"/>, <see cref="TryPlaceSlot"/>).
/// </summary>
public sealed class PhysicalAddressSpace
{
    private MmioRegion[] _mmio = [];
    private MmioRegion[] _background = [];

    public PhysicalAddressSpace(Ram ram) => Ram = ram;

    public Ram Ram { get; }

    public IReadOnlyList<MmioRegion> MmioRegions => _mmio;

    public void AddMmio(ulong baseAddress, ulong size, IMmioDevice device)
    {
        if (!TryAddMmio(baseAddress, size, device, out string? conflict))
            throw new ArgumentException(conflict);
    }

    /// <summary>
    /// Maps <paramref name="device"/> at [baseAddress, baseAddress + size) unless that overlaps another
    /// device window or a memory slot where the guest sees it; false with the reason otherwise (a
    /// guest that programs overlapping BARs gets neither mapped twice nor a host exception).
    /// </summary>
    public bool TryAddMmio(ulong baseAddress, ulong size, IMmioDevice device, out string? conflict)
    {
        conflict = null;
        if (size == 0 || baseAddress + size < baseAddress)
        {
            conflict = $"{device.Name} at 0x{baseAddress:x}: empty or wrapping window";
            return false;
        }
        foreach (MmioRegion r in _mmio)
        {
            if (baseAddress < r.Base + r.Size && r.Base < baseAddress + size)
            {
                conflict = $"{device.Name} at 0x{baseAddress:x} overlaps {r.Device.Name} at 0x{r.Base:x}";
                return false;
            }
        }
        foreach (MemorySlot slot in Ram.Slots)
        {
            if (slot.GuestBase is ulong g && baseAddress < g + slot.Size && g < baseAddress + size)
            {
                conflict = $"{device.Name} at 0x{baseAddress:x} overlaps memory slot {slot.Name}";
                return false;
            }
        }
        _mmio = [.. _mmio, new MmioRegion(baseAddress, size, device)];
        return true;
    }

    /// <summary>Unmaps the window at <paramref name="baseAddress"/> of <paramref name="device"/>; false if it was not mapped there.</summary>
    public bool RemoveMmio(ulong baseAddress, IMmioDevice device)
    {
        int i = Array.FindIndex(_mmio, r => r.Base == baseAddress && ReferenceEquals(r.Device, device));
        if (i < 0)
            return false;
        _mmio = [.. _mmio[..i], .. _mmio[(i + 1)..]];
        return true;
    }

    /// <summary>
    /// Places <paramref name="slot"/> at guest physical address <paramref name="guestBase"/> (null:
    /// nowhere) if the range overlaps no other slot and no device window as the guest sees them;
    /// false with the reason otherwise, the slot left where it was. Only the guest's view changes:
    /// the host backing, and so the RAM bytes, the caches' lines and the VMM's view, stay. Whoever
    /// calls this owns stage 2 (see the hypervisor's MoveSlot).
    /// </summary>
    public bool TryPlaceSlot(MemorySlot slot, ulong? guestBase, out string? conflict)
    {
        conflict = null;
        if (guestBase is ulong g)
        {
            if ((g & (Ram.ChunkSize - 1)) != 0 || g + slot.Size < g)
            {
                conflict = $"memory slot {slot.Name} cannot be placed at 0x{g:x} (not {Ram.ChunkSize}-byte aligned, or wraps)";
                return false;
            }
            foreach (MemorySlot other in Ram.Slots)
            {
                if (!ReferenceEquals(other, slot) && other.GuestBase is ulong o && g < o + other.Size && o < g + slot.Size)
                {
                    conflict = $"memory slot {slot.Name} at 0x{g:x} would overlap memory slot {other.Name} at 0x{o:x}";
                    return false;
                }
            }
            foreach (MmioRegion r in _mmio)
            {
                if (g < r.Base + r.Size && r.Base < g + slot.Size)
                {
                    conflict = $"memory slot {slot.Name} at 0x{g:x} would overlap {r.Device.Name} at 0x{r.Base:x}";
                    return false;
                }
            }
        }
        slot.GuestBase = guestBase;
        return true;
    }

    /// <summary>
    /// The host address behind guest physical [ipa, ipa + length), which must lie in one memory slot
    /// as the guest sees it (the VMM's memslot lookup, for debug reads); false otherwise.
    /// </summary>
    public bool TryGuestToHost(ulong ipa, ulong length, out ulong pa)
    {
        foreach (MemorySlot slot in Ram.Slots)
        {
            if (slot.ContainsGuest(ipa, length))
            {
                pa = slot.GuestToHost(ipa);
                return true;
            }
        }
        pa = 0;
        return false;
    }

    /// <summary>
    /// Adds a window that answers only where nothing else does (a PCI host bridge window behind
    /// its BARs): it may overlap memory slots and device windows, which take precedence.
    /// </summary>
    public void AddBackgroundMmio(ulong baseAddress, ulong size, IMmioDevice device) =>
        _background = [.. _background, new MmioRegion(baseAddress, size, device)];

    public MmioRegion? FindMmio(ulong pa)
    {
        foreach (MmioRegion r in _mmio)
        {
            if (r.Contains(pa))
                return r;
        }
        foreach (MmioRegion r in _background)
        {
            if (r.Contains(pa))
                return r;
        }
        return null;
    }

    /// <summary>Reads 1, 2, 4 or 8 bytes, little-endian. False on a bus error.</summary>
    public bool TryRead(ulong pa, int size, out ulong value)
    {
        if (Ram.Contains(pa, (ulong)size))
        {
            value = ReadRam(pa, size);
            return true;
        }
        MmioRegion? region = FindMmio(pa);
        if (region is not null && region.Size >= (ulong)size && pa - region.Base <= region.Size - (ulong)size)
            return region.Device.Read(pa - region.Base, size, out value);
        value = 0;
        return false;
    }

    /// <summary>Writes 1, 2, 4 or 8 bytes, little-endian. False on a bus error.</summary>
    public bool TryWrite(ulong pa, int size, ulong value)
    {
        if (Ram.Contains(pa, (ulong)size))
        {
            WriteRam(pa, size, value);
            return true;
        }
        MmioRegion? region = FindMmio(pa);
        if (region is not null && region.Size >= (ulong)size && pa - region.Base <= region.Size - (ulong)size)
            return region.Device.Write(pa - region.Base, size, value);
        return false;
    }

    /// <summary>Reads a device window only (the VMM's MMIO emulation at a guest physical address). False on a bus error.</summary>
    public bool TryReadMmio(ulong ipa, int size, out ulong value)
    {
        MmioRegion? region = FindMmio(ipa);
        if (region is not null && region.Size >= (ulong)size && ipa - region.Base <= region.Size - (ulong)size)
            return region.Device.Read(ipa - region.Base, size, out value);
        value = 0;
        return false;
    }

    /// <summary>Writes a device window only (the VMM's MMIO emulation at a guest physical address). False on a bus error.</summary>
    public bool TryWriteMmio(ulong ipa, int size, ulong value)
    {
        MmioRegion? region = FindMmio(ipa);
        if (region is not null && region.Size >= (ulong)size && ipa - region.Base <= region.Size - (ulong)size)
            return region.Device.Write(ipa - region.Base, size, value);
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadRam(ulong pa, int size)
    {
        Span<byte> buffer = stackalloc byte[8];
        Ram.Read(pa, buffer[..size]);
        return BinaryPrimitives.ReadUInt64LittleEndian(buffer);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteRam(ulong pa, int size, ulong value)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(buffer, value);
        Ram.Write(pa, buffer[..size]);
    }
}
