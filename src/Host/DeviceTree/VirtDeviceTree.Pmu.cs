namespace Emulator.Host.DeviceTree;

public static partial class VirtDeviceTree
{
    /// <summary>QEMU virt's PMU interrupt: PPI 7 (VIRTUAL_PMU_IRQ), INTID 23, which the core drives (ArmCore.PmuIntid).</summary>
    private const uint VirtualPmuPpi = 7;

    /// <summary>
    /// The "pmu" node as QEMU writes it (fdt_add_pmu_nodes): "interrupts" = a level-high PPI 7,
    /// with GICv2 also the mask of CPUs it is wired to in bits [15:8]; then "compatible"
    /// "arm,armv8-pmuv3".
    /// </summary>
    private static void AddPmu(FdtWriter w, VirtDeviceTreeConfig config)
    {
        uint flags = GicFdtIrqFlagsLevelHigh;
        if (config.GicVersion == 2)
            flags |= ((1u << config.CpuCount) - 1) << GicFdtIrqPpiCpuStart;
        w.BeginNode("pmu");
        w.PropertyU32("interrupts", GicFdtIrqTypePpi, VirtualPmuPpi, flags);
        w.PropertyString("compatible", "arm,armv8-pmuv3");
        w.EndNode();
    }
}
