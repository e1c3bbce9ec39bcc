using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Emulator.Mmu.Physical;

/// <summary>
/// The physical bus: RAM plus device windows. Everything that is neither is a hole, and an
/// access to a hole is a bus error (the caller raises a synchronous external abort).
/// Accesses here are single-copy atomic up to 8 bytes and never cross a RAM chunk boundary
/// unless split by the caller (<see cref="TryRead"/> splits itself).
/// </summary>
public sealed class PhysicalAddressSpace
{
    private MmioRegion[] _mmio = [];

    public PhysicalAddressSpace(Ram ram) => Ram = ram;

    public Ram Ram { get; }

    public IReadOnlyList<MmioRegion> MmioRegions => _mmio;

    public void AddMmio(ulong baseAddress, ulong size, IMmioDevice device)
    {
        var region = new MmioRegion(baseAddress, size, device);
        foreach (MmioRegion r in _mmio)
        {
            if (baseAddress < r.Base + r.Size && r.Base < baseAddress + size)
                throw new ArgumentException($"{device.Name} at 0x{baseAddress:x} overlaps {r.Device.Name} at 0x{r.Base:x}");
        }
        foreach (MemorySlot slot in Ram.Slots)
        {
            if (baseAddress < slot.End && slot.Base < baseAddress + size)
                throw new ArgumentException($"{device.Name} at 0x{baseAddress:x} overlaps memory slot {slot.Name}");
        }
        _mmio = [.. _mmio, region];
    }

    public MmioRegion? FindMmio(ulong pa)
    {
        foreach (MmioRegion r in _mmio)
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
