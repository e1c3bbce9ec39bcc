using Emulator.Mmu.Physical;

namespace Emulator.Devices.Gic;

/// <summary>
/// The GICv3 redistributors, one per PE and contiguous (IHI 0069 9.1): each has the RD_base frame
/// (GICR_CTLR, IIDR, TYPER with the PE's number and affinity 0.0.0.n, Last on the last one, WAKER,
/// ID registers) and, 64 KiB above it, the SGI_base frame holding the
/// SGI and PPI registers (IGROUPR0, ISENABLER0, ..., IPRIORITYR0-7, ICFGR0/1). No LPIs.
/// </summary>
public sealed partial class GenericInterruptController
{
    /// <summary>Size of one PE's redistributor: RD_base plus SGI_base, 64 KiB each.</summary>
    public const ulong RedistributorSize = 0x2_0000;

    private const ulong SgiBase = 0x1_0000;

    /// <summary>Size of all the redistributors: <see cref="RedistributorSize"/> per PE.</summary>
    public ulong RedistributorsSize => RedistributorSize * (ulong)_cpus.Length;

    /// <summary>The redistributor frames (GICR) at 0x080A0000, PE 0's first, <see cref="RedistributorsSize"/> bytes.</summary>
    public IMmioDevice Redistributor => _redistributorFrame ??= new Frame(this, "gic-redistributor", ReadRedistributor, WriteRedistributor);

    private Frame? _redistributorFrame;

    private bool ReadRedistributor(ulong address, int size, out ulong value)
    {
        value = 0;
        int cpu = (int)(address / RedistributorSize);
        if (cpu >= _cpus.Length)
            return true; // beyond the last redistributor: RAZ
        GicCpu c = _cpus[cpu];
        ulong offset = address % RedistributorSize;
        if (offset >= SgiBase)
        {
            ulong o = offset - SgiBase;
            if (o is >= IPRIORITYR and < IPRIORITYR + 32)
                return ReadBytes(c, o, size, out value, banked: false);
            if (size != 4)
                return false;
            if (o is ICFGR or ICFGR + 4 || (o & 0x7F) == 0 && o is >= IGROUPR and < ICFGR)
                value = ReadBitRegister(c, o, banked: false);
            return true;
        }
        if (offset == 0x08 && size == 8)
        {
            value = RedistributorType(c); // GICR_TYPER
            return true;
        }
        if (size != 4)
            return false;
        switch (offset)
        {
            case 0x04: value = 0x0300_043B; return true; // GICR_IIDR
            case 0x08: value = (uint)RedistributorType(c); return true; // GICR_TYPER[31:0]
            case 0x0C: value = RedistributorType(c) >> 32; return true; // GICR_TYPER[63:32]: affinity
            case 0x14: value = c.RedistributorWaker; return true; // GICR_WAKER
        }
        if (offset is >= 0xFFD0 and <= 0xFFFC)
            value = IdV3Redistributor[(offset - 0xFFD0) >> 2];
        return true; // GICR_CTLR (EnableLPIs 0), STATUSR and reserved: zero
    }

    private bool WriteRedistributor(ulong address, int size, ulong value)
    {
        int cpu = (int)(address / RedistributorSize);
        if (cpu >= _cpus.Length)
            return true; // beyond the last redistributor: WI
        GicCpu c = _cpus[cpu];
        ulong offset = address % RedistributorSize;
        if (offset >= SgiBase)
        {
            ulong o = offset - SgiBase;
            if (o is >= IPRIORITYR and < IPRIORITYR + 32)
                return WriteBytes(c, o, size, value, banked: false);
            if (size != 4)
                return false;
            if (o is ICFGR or ICFGR + 4 || (o & 0x7F) == 0 && o is >= IGROUPR and < ICFGR)
                WriteBitRegister(c, o, (uint)value, banked: false);
            return true;
        }
        if (size != 4)
            return false;
        if (offset == 0x14)
        {
            // GICR_WAKER: ProcessorSleep (bit 1) is writable; ChildrenAsleep (bit 2) follows it at once.
            bool sleep = (value & 2) != 0;
            c.RedistributorWaker = sleep ? 0b110u : 0u;
        }
        return true;
    }

    /// <summary>GICR_TYPER: Affinity_Value [63:32] = 0.0.0.n, Processor_Number [23:8] = n, Last [4]; no physical LPIs.</summary>
    private ulong RedistributorType(GicCpu c) =>
        (ulong)c.Index << 32 | (ulong)c.Index << 8 | (c.Index == _cpus.Length - 1 ? 1UL << 4 : 0);
}
