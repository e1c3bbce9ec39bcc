using Emulator.Host.Board;

namespace Emulator.Host.DeviceTree;

/// <summary>What the virt device tree depends on.</summary>
/// <param name="RamSize">Size of RAM at <see cref="VirtMemoryMap.RamBase"/>, in bytes.</param>
/// <param name="Bootargs">Kernel command line for /chosen/bootargs; omitted when null.</param>
/// <param name="GicVersion">2 (GIC-400 style, memory-mapped CPU interface) or 3.</param>
/// <param name="CounterFrequencyHz">
/// Generic timer frequency. Not written to the tree: like QEMU, the timer node has no
/// clock-frequency, and the guest reads CNTFRQ_EL0, which the board programs from this value.
/// </param>
/// <param name="Framebuffer">The VGA device and the mode firmware left it in, or null for a board without VGA nodes.</param>
/// <param name="Initrd">The initial RAM disk's [start, end) for /chosen/linux,initrd-start and -end, or null without one.</param>
/// <param name="CpuCount">Number of CPUs (--smp): one /cpus/cpu@N node each.</param>
public sealed partial record VirtDeviceTreeConfig(ulong RamSize, string? Bootargs, int GicVersion, ulong CounterFrequencyHz, FramebufferConfig? Framebuffer = null,
    (ulong Start, ulong End)? Initrd = null, bool Pcie = false, int CpuCount = 1);

/// <summary>The VGA device for the device tree: its VRAM size and the boot mode (32 bpp x8r8g8b8).</summary>
public sealed record FramebufferConfig(ulong VramSize, int Width, int Height);

/// <summary>
/// Builds the device tree of the virt board as QEMU's hw/arm/virt.c writes it, restricted to the
/// devices this emulator has: memory, one Cortex-A57, PSCI by HVC, the generic timer, the GIC,
/// the PL011 UART and its 24 MHz APB clock. Node names, property values and phandle numbers match
/// <c>qemu-system-aarch64 -M virt,dumpdtb=...</c> (QEMU allocates phandles from 0x8000).
/// Nothing random is included (QEMU's /chosen rng-seed and kaslr-seed are left out), so the blob
/// is the same for the same configuration.
/// </summary>
/// <remarks>
/// Each node is written by its own method, called in order from <see cref="Build"/>. To add a
/// device (the VGA controller, a simple-framebuffer), write one more <c>AddXxx</c> method and call
/// it from <see cref="Build"/>; take addresses and interrupts from <see cref="VirtMemoryMap"/> and
/// give it a phandle constant here if other nodes refer to it.
/// </remarks>
public static partial class VirtDeviceTree
{
    /// <summary>Phandle of /apb-pclk (QEMU: the first phandle it allocates).</summary>
    public const uint ClockPhandle = 0x8000;

    /// <summary>Phandle of /cpus/cpu@0 (QEMU refers to it from cpu-map).</summary>
    public const uint Cpu0Phandle = 0x8001;

    /// <summary>Phandle of the interrupt controller, the root's interrupt-parent, with one CPU.</summary>
    public const uint GicPhandle = 0x8002;

    /// <summary>
    /// Phandle of the interrupt controller with <paramref name="cpus"/> CPUs: QEMU allocates one
    /// phandle per CPU (from the last CPU down to cpu@0) before the GIC's.
    /// </summary>
    public static uint GicPhandleFor(int cpus) => Cpu0Phandle + (uint)cpus;

    // Interrupt specifier cells (include/dt-bindings/interrupt-controller/arm-gic.h, QEMU's
    // include/hw/arm/fdt.h).
    private const uint GicFdtIrqTypeSpi = 0;
    private const uint GicFdtIrqTypePpi = 1;
    private const uint GicFdtIrqFlagsLevelHigh = 4;
    private const int GicFdtIrqPpiCpuStart = 8;

    // PSCI function IDs as QEMU writes them for PSCI 0.2 and later (SMC64 variants where 64-bit).
    private const uint PsciCpuSuspend = 0xc400_0001;
    private const uint PsciCpuOff = 0x8400_0002;
    private const uint PsciCpuOn = 0xc400_0003;
    private const uint PsciMigrate = 0xc400_0005;

    private const uint ApbClockFrequencyHz = 24_000_000;

    /// <summary>The path of the UART node, which /chosen/stdout-path names.</summary>
    public static string UartPath => $"/{UartNodeName}";

    private static string UartNodeName => $"pl011@{VirtMemoryMap.UartBase:x}";

    /// <summary>Builds the DTB for <paramref name="config"/>.</summary>
    public static byte[] Build(VirtDeviceTreeConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.GicVersion is not (2 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(config), config.GicVersion, "GIC version must be 2 or 3.");
        }

        if (config.RamSize == 0 || config.RamSize > VirtMemoryMap.RamMaxSize)
        {
            throw new ArgumentOutOfRangeException(nameof(config), config.RamSize,
                $"RAM size must be between 1 byte and 0x{VirtMemoryMap.RamMaxSize:x}.");
        }

        var w = new FdtWriter();
        w.BeginNode("");
        AddRootProperties(w, config);
        AddChosen(w, config);
        AddMemory(w, config);
        AddCpus(w, config.CpuCount);
        AddPsci(w);
        AddTimer(w, config);
        AddPmu(w, config);
        AddInterruptController(w, config);
        AddApbClock(w);
        AddUart(w);
        AddRtc(w);
        if (config.FirmwareDevices)
            AddFirmwareDevices(w);
        if (config.Pcie)
        {
            AddPcie(w);
        }

        if (config.Framebuffer is not null)
        {
            AddVga(w, config.Framebuffer);
            AddSimpleFramebuffer(w, config.Framebuffer);
        }
        w.EndNode();
        return w.Finish();
    }

    private static void AddRootProperties(FdtWriter w, VirtDeviceTreeConfig config)
    {
        w.PropertyU32("interrupt-parent", GicPhandleFor(config.CpuCount));
        w.PropertyString("model", "linux,dummy-virt");
        w.PropertyU32("#size-cells", 2);
        w.PropertyU32("#address-cells", 2);
        w.PropertyString("compatible", "linux,dummy-virt");
    }

    private static void AddChosen(FdtWriter w, VirtDeviceTreeConfig config)
    {
        w.BeginNode("chosen");
        if (config.Bootargs is not null)
        {
            w.PropertyString("bootargs", config.Bootargs);
        }

        if (config.Initrd is { } initrd)
        {
            // QEMU writes them with the root's #address-cells (2): 64-bit values.
            w.PropertyU64("linux,initrd-end", initrd.End);
            w.PropertyU64("linux,initrd-start", initrd.Start);
        }

        w.PropertyString("stdout-path", UartPath);
        w.EndNode();
    }

    private static void AddMemory(FdtWriter w, VirtDeviceTreeConfig config)
    {
        w.BeginNode($"memory@{VirtMemoryMap.RamBase:x}");
        w.PropertyU64("reg", VirtMemoryMap.RamBase, config.RamSize);
        w.PropertyString("device_type", "memory");
        w.EndNode();
    }

    /// <summary>QEMU's phandle of cpu@<paramref name="cpu"/> among <paramref name="count"/>: the last CPU gets the first.</summary>
    private static uint CpuPhandle(int cpu, int count) => Cpu0Phandle + (uint)(count - 1 - cpu);

    private static void AddCpus(FdtWriter w, int cpuCount)
    {
        if (cpuCount is < 1 or > 8)
            throw new ArgumentOutOfRangeException(nameof(cpuCount), cpuCount, "the board has 1 to 8 CPUs");
        w.BeginNode("cpus");
        w.PropertyU32("#size-cells", 0);
        w.PropertyU32("#address-cells", 1);
        if (cpuCount > 1)
        {
            // QEMU's cpu-map: one socket, one cluster, a core per CPU.
            w.BeginNode("cpu-map");
            w.BeginNode("socket0");
            w.BeginNode("cluster0");
            for (int cpu = 0; cpu < cpuCount; cpu++)
            {
                w.BeginNode($"core{cpu}");
                w.PropertyU32("cpu", CpuPhandle(cpu, cpuCount));
                w.EndNode();
            }
            w.EndNode();
            w.EndNode();
            w.EndNode();
        }
        for (int cpu = 0; cpu < cpuCount; cpu++)
        {
            w.BeginNode($"cpu@{cpu:x}");
            w.PropertyU32("phandle", CpuPhandle(cpu, cpuCount));
            w.PropertyU32("reg", (uint)cpu);
            // QEMU writes enable-method only with more than one CPU; it is harmless with one,
            // and a kernel that looks for it finds it.
            w.PropertyString("enable-method", "psci");
            w.PropertyString("compatible", "arm,cortex-a57");
            w.PropertyString("device_type", "cpu");
            w.EndNode();
        }

        w.EndNode();
    }

    private static void AddPsci(FdtWriter w)
    {
        w.BeginNode("psci");
        w.PropertyU32("migrate", PsciMigrate);
        w.PropertyU32("cpu_on", PsciCpuOn);
        w.PropertyU32("cpu_off", PsciCpuOff);
        w.PropertyU32("cpu_suspend", PsciCpuSuspend);
        w.PropertyString("method", "hvc");
        w.PropertyStringList("compatible", "arm,psci-1.0", "arm,psci-0.2", "arm,psci");
        w.EndNode();
    }

    private static void AddTimer(FdtWriter w, VirtDeviceTreeConfig config)
    {
        // QEMU (fdt_add_timer_nodes): level-high PPIs; with GICv2 the flags also carry the mask
        // of CPUs the PPI is wired to, bits [15:8].
        uint flags = GicFdtIrqFlagsLevelHigh;
        if (config.GicVersion == 2)
        {
            flags |= ((1u << config.CpuCount) - 1) << GicFdtIrqPpiCpuStart;
        }

        w.BeginNode("timer");
        w.PropertyU32("interrupts",
            GicFdtIrqTypePpi, VirtMemoryMap.TimerSecurePhysicalPpi, flags,
            GicFdtIrqTypePpi, VirtMemoryMap.TimerNonSecurePhysicalPpi, flags,
            GicFdtIrqTypePpi, VirtMemoryMap.TimerVirtualPpi, flags,
            GicFdtIrqTypePpi, VirtMemoryMap.TimerHypervisorPpi, flags);
        w.PropertyEmpty("always-on");
        w.PropertyStringList("compatible", "arm,armv8-timer", "arm,armv7-timer");
        w.EndNode();
    }

    private static void AddInterruptController(FdtWriter w, VirtDeviceTreeConfig config)
    {
        // #address-cells, #size-cells and ranges are there, as in QEMU, for child frames (GICv2m,
        // ITS); dtc also expects #address-cells on every interrupt provider.
        w.BeginNode($"intc@{VirtMemoryMap.GicDistributorBase:x}");
        w.PropertyU32("phandle", GicPhandleFor(config.CpuCount));
        if (config.GicVersion == 3)
        {
            w.PropertyU64("reg",
                VirtMemoryMap.GicDistributorBase, VirtMemoryMap.GicDistributorSize,
                VirtMemoryMap.GicRedistributorBase, VirtMemoryMap.GicRedistributorSize);
            w.PropertyU32("#redistributor-regions", 1);
            w.PropertyString("compatible", "arm,gic-v3");
        }
        else
        {
            w.PropertyU64("reg",
                VirtMemoryMap.GicDistributorBase, VirtMemoryMap.GicDistributorSize,
                VirtMemoryMap.GicCpuInterfaceBase, VirtMemoryMap.GicCpuInterfaceSize);
            w.PropertyString("compatible", "arm,cortex-a15-gic");
        }

        w.PropertyEmpty("ranges");
        w.PropertyU32("#size-cells", 2);
        w.PropertyU32("#address-cells", 2);
        w.PropertyEmpty("interrupt-controller");
        w.PropertyU32("#interrupt-cells", 3);
        w.EndNode();
    }

    private static void AddApbClock(FdtWriter w)
    {
        w.BeginNode("apb-pclk");
        w.PropertyU32("phandle", ClockPhandle);
        w.PropertyString("clock-output-names", "clk24mhz");
        w.PropertyU32("clock-frequency", ApbClockFrequencyHz);
        w.PropertyU32("#clock-cells", 0);
        w.PropertyString("compatible", "fixed-clock");
        w.EndNode();
    }

    /// <summary>
    /// The Bochs VBE device: MMIO registers and VRAM (there is no upstream binding for a
    /// memory-mapped bochs-display; PCI would describe it by its IDs 1234:1111).
    /// </summary>
    private static void AddVga(FdtWriter w, FramebufferConfig fb)
    {
        w.BeginNode($"vga@{VirtMemoryMap.VgaMmioBase:x}");
        w.PropertyU64("reg", VirtMemoryMap.VgaMmioBase, VirtMemoryMap.VgaMmioSize, VirtMemoryMap.VgaVramBase, fb.VramSize);
        w.PropertyStringList("reg-names", "mmio", "vram");
        w.PropertyString("compatible", "qemu,bochs-vbe");
        w.EndNode();
    }

    /// <summary>
    /// A simple-framebuffer (Documentation/devicetree/bindings/display/simple-framebuffer.yaml)
    /// describing the mode the board's firmware set, the way a kernel finds an early console.
    /// </summary>
    private static void AddSimpleFramebuffer(FdtWriter w, FramebufferConfig fb)
    {
        w.BeginNode($"framebuffer@{VirtMemoryMap.VgaVramBase:x}");
        w.PropertyU64("reg", VirtMemoryMap.VgaVramBase, (ulong)fb.Width * (ulong)fb.Height * 4);
        w.PropertyU32("width", (uint)fb.Width);
        w.PropertyU32("height", (uint)fb.Height);
        w.PropertyU32("stride", (uint)fb.Width * 4);
        w.PropertyString("format", "a8r8g8b8");
        w.PropertyString("compatible", "simple-framebuffer");
        w.EndNode();
    }

    private static void AddRtc(FdtWriter w)
    {
        // QEMU (create_rtc): compatible, reg, interrupts, clocks, clock-names.
        w.BeginNode($"pl031@{VirtMemoryMap.RtcBase:x}");
        w.PropertyString("clock-names", "apb_pclk");
        w.PropertyU32("clocks", ClockPhandle);
        w.PropertyU32("interrupts", GicFdtIrqTypeSpi, VirtMemoryMap.RtcSpi, GicFdtIrqFlagsLevelHigh);
        w.PropertyU64("reg", VirtMemoryMap.RtcBase, VirtMemoryMap.RtcSize);
        w.PropertyStringList("compatible", "arm,pl031", "arm,primecell");
        w.EndNode();
    }

    private static void AddUart(FdtWriter w)
    {
        w.BeginNode(UartNodeName);
        w.PropertyStringList("clock-names", "uartclk", "apb_pclk");
        w.PropertyU32("clocks", ClockPhandle, ClockPhandle);
        w.PropertyU32("interrupts", GicFdtIrqTypeSpi, VirtMemoryMap.UartSpi, GicFdtIrqFlagsLevelHigh);
        w.PropertyU64("reg", VirtMemoryMap.UartBase, VirtMemoryMap.UartSize);
        w.PropertyStringList("compatible", "arm,pl011", "arm,primecell");
        w.EndNode();
    }
}
