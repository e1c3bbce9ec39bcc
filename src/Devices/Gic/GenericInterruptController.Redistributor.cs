using Emulator.Mmu.Physical;

namespace Emulator.Devices.Gic;

/// <summary>
/// The GICv3 redistributor of the one PE (IHI 0069 9.1): the RD_base frame (GICR_CTLR, IIDR,
/// TYPER with Last = 1, WAKER, ID registers) and, 64 KiB above it, the SGI_base frame holding the
/// SGI and PPI registers (IGROUPR0, ISENABLER0, ..., IPRIORITYR0-7, ICFGR0/1). No LPIs.
/// </summary>
public sealed partial class GenericInterruptController
{
    /// <summary>Size of one PE's redistributor: RD_base plus SGI_base, 64 KiB each.</summary>
    public const ulong RedistributorSize = 0x2_0000;

    private const ulong SgiBase = 0x1_0000;

    /// <summary>The redistributor frames (GICR) at 0x080A0000.</summary>
    public IMmioDevice Redistributor => _redistributorFrame ??= new Frame(this, "gic-redistributor", ReadRedistributor, WriteRedistributor);

    private Frame? _redistributorFrame;

    private bool ReadRedistributor(ulong offset, int size, out ulong value)
    {
        value = 0;
        if (offset >= SgiBase)
        {
            ulong o = offset - SgiBase;
            if (o is >= IPRIORITYR and < IPRIORITYR + 32)
                return ReadBytes(o, size, out value, banked: false);
            if (size != 4)
                return false;
            if (o is ICFGR or ICFGR + 4 || (o & 0x7F) == 0 && o is >= IGROUPR and < ICFGR)
                value = ReadBitRegister(o, banked: false);
            return true;
        }
        if (offset == 0x08 && size == 8)
        {
            value = 1u << 4; // GICR_TYPER: Last; Processor_Number 0, affinity 0.0.0.0, no physical LPIs
            return true;
        }
        if (size != 4)
            return false;
        switch (offset)
        {
            case 0x04: value = 0x0300_043B; return true; // GICR_IIDR
            case 0x08: value = 1u << 4; return true;     // GICR_TYPER[31:0]
            case 0x0C: value = 0; return true;           // GICR_TYPER[63:32]: affinity 0
            case 0x14: value = _redistributorWaker; return true; // GICR_WAKER
        }
        if (offset is >= 0xFFD0 and <= 0xFFFC)
            value = IdV3Redistributor[(offset - 0xFFD0) >> 2];
        return true; // GICR_CTLR (EnableLPIs 0), STATUSR and reserved: zero
    }

    private bool WriteRedistributor(ulong offset, int size, ulong value)
    {
        if (offset >= SgiBase)
        {
            ulong o = offset - SgiBase;
            if (o is >= IPRIORITYR and < IPRIORITYR + 32)
                return WriteBytes(o, size, value, banked: false);
            if (size != 4)
                return false;
            if (o is ICFGR or ICFGR + 4 || (o & 0x7F) == 0 && o is >= IGROUPR and < ICFGR)
                WriteBitRegister(o, (uint)value, banked: false);
            return true;
        }
        if (size != 4)
            return false;
        if (offset == 0x14)
        {
            // GICR_WAKER: ProcessorSleep (bit 1) is writable; ChildrenAsleep (bit 2) follows it at once.
            bool sleep = (value & 2) != 0;
            _redistributorWaker = sleep ? 0b110u : 0u;
        }
        return true;
    }
}
