using Emulator.Mmu.Physical;

namespace Emulator.Devices.Gic;

/// <summary>
/// The GICv2 memory-mapped CPU interface (GICC_*, IHI 0048B 4.4) at 0x08010000, for a GIC without
/// the Security Extensions: GICC_CTLR has EnableGrp0, EnableGrp1, AckCtl, FIQEn, CBPR and EOImode.
/// Every PE sees its own interface at the same address (<see cref="CurrentCpu"/> says which PE accesses it).
/// </summary>
public sealed partial class GenericInterruptController
{
    /// <summary>The GICv2 CPU interface frame.</summary>
    public IMmioDevice CpuInterface => _cpuInterfaceFrame ??= new Frame(this, "gic-cpu-interface", ReadCpuInterface, WriteCpuInterface);

    private Frame? _cpuInterfaceFrame;

    private bool ReadCpuInterface(ulong offset, int size, out ulong value)
    {
        value = 0;
        if (size != 4)
            return false;
        GicCpu c = Current;
        switch (offset)
        {
            case 0x00: value = c.Control | (c.GroupEnable0 ? 1u : 0) | (c.GroupEnable1 ? 2u : 0); return true; // GICC_CTLR
            case 0x04: value = c.PriorityMask; return true;  // GICC_PMR
            case 0x08: value = c.BinaryPoint0; return true;  // GICC_BPR
            case 0x0C: value = Acknowledge(c, null); return true; // GICC_IAR (an SGI's source PE in CPUID, bits [12:10])
            case 0x14: value = RunningPriorityOf(c); return true; // GICC_RPR
            case 0x18: value = HighestPendingIntid(c, null); return true; // GICC_HPPIR
            case 0x1C: value = c.BinaryPoint1; return true;  // GICC_ABPR
            case 0x20: value = Acknowledge(c, true); return true; // GICC_AIAR
            case 0x28: value = HighestPendingIntid(c, true); return true; // GICC_AHPPIR
            case 0xFC: value = 0x0202_043B; return true;    // GICC_IIDR: GICv2, Arm
            default: return true; // write-only and reserved registers read as zero
        }
    }

    private bool WriteCpuInterface(ulong offset, int size, ulong value)
    {
        if (size != 4)
            return false;
        uint v = (uint)value;
        GicCpu c = Current;
        switch (offset)
        {
            case 0x00: // GICC_CTLR
                c.GroupEnable0 = (v & 1) != 0;
                c.GroupEnable1 = (v & 2) != 0;
                c.Control = v & (1u << 2 | 1u << 3 | 1u << 4 | 1u << 9);
                break;
            case 0x04: c.PriorityMask = (byte)v; break;
            case 0x08: c.BinaryPoint0 = v & 7; break;
            case 0x10: EndOfInterrupt(c, v & 0x3FF); return true;  // GICC_EOIR
            case 0x1C: c.BinaryPoint1 = Math.Max(1, v & 7); break; // GICC_ABPR
            case 0x24: EndOfInterrupt(c, v & 0x3FF); return true;  // GICC_AEOIR
            case 0x1000: Deactivate(c, v & 0x3FF); return true;    // GICC_DIR
            default: return true;
        }
        Update();
        return true;
    }
}
