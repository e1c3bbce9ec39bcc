using Emulator.Mmu.Physical;

namespace Emulator.Cpu.Core;

/// <summary>
/// Accesses that must see one translation for a read and the following write (exclusives, the
/// LSE atomics): translate once, then read and write by physical address. RAM is accessed through
/// the bus's RAM path, anything else through the MMIO windows; a PA that decodes to nothing is a
/// synchronous external abort.
/// </summary>
public sealed partial class ArmCore
{
    /// <summary>
    /// Translates an atomic or exclusive access of <paramref name="size"/> bytes (up to 16). These
    /// accesses require natural alignment whatever the memory type (AArch64.CheckAlignment with
    /// AccType_ATOMIC / AccType_ATOMICRW / AccType_ORDERED): a misaligned address is an Alignment
    /// fault. With <paramref name="write"/> the translation checks write permission, as
    /// AccType_ATOMICRW does even when no write follows (a CAS whose comparison fails).
    /// </summary>
    internal bool TranslateAtomic(ulong va, int size, bool write, out ulong pa)
    {
        if ((va & (ulong)(size - 1)) != 0)
        {
            pa = 0;
            DataAbort(va, write, FaultStatus.Alignment);
            return false;
        }
        return TranslateData(va, size > 8 ? 8 : size, write, out pa, out _atomicAttributes);
    }

    /// <summary>Checks the natural alignment required of an ordered (acquire/release) access.</summary>
    internal bool CheckOrderedAlignment(ulong va, int size, bool write)
    {
        if ((va & (ulong)(size - 1)) == 0)
            return true;
        DataAbort(va, write, FaultStatus.Alignment);
        return false;
    }

    /// <summary>Reads 1, 2, 4 or 8 bytes at a translated address; <paramref name="va"/> is for the fault report.</summary>
    internal bool ReadByPa(ulong va, ulong pa, int size, bool write, out ulong value)
    {
        if (_ram.Contains(pa, (ulong)size))
        {
            value = ReadRam(pa, size, _atomicAttributes); // the attributes of the TranslateAtomic before it
            return true;
        }
        if (_bus.TryRead(pa, size, out value))
        {
            DeviceAccesses++; // BUS_ACCESS
            return true;
        }
        DataAbort(va, write, FaultStatus.SynchronousExternalAbort);
        return false;
    }

    /// <summary>Writes 1, 2, 4 or 8 bytes at a translated address; <paramref name="va"/> is for the fault report.</summary>
    internal bool WriteByPa(ulong va, ulong pa, int size, ulong value)
    {
        if (_ram.Contains(pa, (ulong)size))
        {
            WriteRam(pa, size, value, _atomicAttributes);
            return true;
        }
        if (_bus.TryWrite(pa, size, size == 8 ? value : value & ((1UL << (8 * size)) - 1)))
        {
            DeviceAccesses++; // BUS_ACCESS
            return true;
        }
        DataAbort(va, true, FaultStatus.SynchronousExternalAbort);
        return false;
    }
}
