using Emulator.Mmu.Attributes;

namespace Emulator.Mmu.Translation;

/// <summary>
/// How a translation table walk reads its descriptors: the seam through which, later, walk reads go
/// through the cache model with the walk's own attributes (TCR_ELx.IRGN/ORGN/SH) and through
/// stage 2. Implement it on a struct and pass it by reference: the walk is generic over the reader,
/// so the call is devirtualized.
/// </summary>
public interface IDescriptorReader
{
    /// <summary>
    /// Reads the 64-bit little-endian descriptor at physical address <paramref name="pa"/> with the
    /// walk's memory attributes. False on an external abort (no memory there).
    /// </summary>
    bool ReadDescriptor(ulong pa, MemoryAttributes walkAttributes, out ulong descriptor);

    /// <summary>
    /// Writes back a descriptor the walk updated (the hardware Access flag update), as an atomic
    /// read-modify-write of the descriptor read just before. False on an external abort.
    /// </summary>
    bool WriteDescriptor(ulong pa, MemoryAttributes walkAttributes, ulong descriptor);
}
