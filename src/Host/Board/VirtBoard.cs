using Emulator.Cpu.Core;
using Emulator.Devices.Gic;
using Emulator.Devices.Rtc;
using Emulator.Devices.Uart;
using Emulator.Devices.Vga;
using Emulator.Host.Hypervisor;
using Emulator.Host.Hypervisor.Policies;
using Emulator.Host.Loading;
using Emulator.Host.Vmm;
using Emulator.Host.Logging;
using Emulator.Mmu.Caches;
using Emulator.Mmu.Physical;
using Serilog;

namespace Emulator.Host.Board;

/// <summary>
/// The machine: QEMU virt's memory map (<see cref="VirtMemoryMap"/>) with RAM, a PL011, a PL031,
/// the GIC, a Bochs VBE display with its VRAM slot, and one Cortex-A57-like core running at EL1
/// under the hypervisor model (<see cref="KvmHypervisor"/>, stage 2 on from the first
/// instruction). Boots an image the way QEMU's hw/arm/boot.c does for the kernel formats we load:
/// segments copied into RAM by the VMM, the device tree in RAM, X0 pointing at it.
/// </summary>
public sealed partial class VirtBoard
{
    private static readonly ILogger Log = LogCategories.For(LogCategories.Board);
    private static readonly ILogger LoaderLog = LogCategories.For(LogCategories.Loader);
    private static readonly ILogger CpuLog = LogCategories.For(LogCategories.Cpu);

    /// <summary>The RTC's time at power-on unless configured (2026-01-01T00:00:00Z): fixed, for determinism.</summary>
    public const uint DefaultRtcStartSeconds = 1_767_225_600;

    /// <summary>The display mode the board's firmware leaves set (the simple-framebuffer node describes it).</summary>
    public const int BootModeWidth = 640, BootModeHeight = 480;

    public VirtBoard(ulong ramSize, Action<byte> uartTransmit, CpuConfiguration cpuConfiguration,
        int gicVersion = 2, uint rtcStartSeconds = DefaultRtcStartSeconds, CacheHierarchyConfig? cache = null, bool ncSnoop = false,
        CoherencyPolicy? policy = null, ulong vramSize = VirtMemoryMap.VgaVramDefaultSize, FirmwareConfig? firmware = null,
        DisplayModel display = DisplayModel.Vga, int cpuCount = 1, ulong quantum = Cluster.DefaultQuantum)
    {
        RamSlot = new MemorySlot("ram", VirtMemoryMap.RamBase, ramSize);
        VramSlot = new MemorySlot("vram", VirtMemoryMap.VgaVramBase, vramSize);
        Ram = new Ram([RamSlot, VramSlot, .. FlashSlots(firmware)]);
        Bus = new PhysicalAddressSpace(Ram);
        Gic = new GenericInterruptController(gicVersion, cpuCount);
        Bus.AddMmio(VirtMemoryMap.GicDistributorBase, VirtMemoryMap.GicDistributorSize, Gic.Distributor);
        if (gicVersion == 2)
            Bus.AddMmio(VirtMemoryMap.GicCpuInterfaceBase, VirtMemoryMap.GicCpuInterfaceSize, Gic.CpuInterface);
        else
            Bus.AddMmio(VirtMemoryMap.GicRedistributorBase, Gic.RedistributorsSize, Gic.Redistributor); // one redistributor per PE
        Uart = new Pl011(uartTransmit) { InterruptLine = Gic.SpiLine(VirtMemoryMap.UartSpi) };
        Bus.AddMmio(VirtMemoryMap.UartBase, VirtMemoryMap.UartSize, Uart);
        Rtc = new Pl031(rtcStartSeconds, () => Cluster!.Cycles / cpuConfiguration.CoreClockHz) { InterruptLine = Gic.SpiLine(VirtMemoryMap.RtcSpi) };
        Bus.AddMmio(VirtMemoryMap.RtcBase, VirtMemoryMap.RtcSize, Rtc);
        Cluster = SmpBoard.CreateCluster(Bus, cpuConfiguration, Gic, cpuCount, quantum);
        Core = Cluster.Cores[0];
        if (cache is not null)
        {
            // Guest CPUs are agents 0..n-1; the host agent is the VMM's thread (image loads, the VGA scanout).
            Cache = new CacheHierarchy(cache, Ram, cpuCount) { NcSnoop = ncSnoop };
            foreach (ArmCore core in Cluster.Cores)
                core.AttachCache(Cache, core.CpuIndex);
            VramOracle = Cache.AddOracleRegion("vram", VramSlot.Base, VramSlot.Size);
        }
        Hypervisor = new KvmHypervisor(Cluster, Bus, Cache, policy ?? new KvmPolicy());
        if (Cache is not null)
            Cache.CoherentInstructionFetch = Hypervisor.Policy.RequiresCoherentInstructionFetch;
        VramDirtyLog = Hypervisor.EnableDirtyLogging(VramSlot);
        VramView = new HostVramView(VramSlot, Ram, Cache, Hypervisor.Policy, Hypervisor.HostMaintenance);
        Vga = new BochsDisplay(vramSize, VramView, display);
        AttachPci(); // the display as PCI function 00:01.0 behind the host bridge (VirtBoard.Pci.cs)
        if (CpuLog.IsEnabled(Serilog.Events.LogEventLevel.Debug))
        {
            foreach (ArmCore core in Cluster.Cores)
            {
                int index = core.CpuIndex;
                core.ExceptionTaken = e => CpuLog.Debug(
                    "cpu{Cpu}: exception {Type} from EL{El} at PC 0x{Pc:x}: ESR 0x{Esr:x} FAR 0x{Far:x}, returns to 0x{Return:x}",
                    index, e.Type, e.FromEl, e.Pc, e.Esr, e.Far, e.PreferredReturn);
            }
        }
        if (firmware is not null)
            AttachFirmware(firmware);
    }

    /// <summary>Guest memory: the RAM slot and the VRAM slot.</summary>
    public Ram Ram { get; }

    public MemorySlot RamSlot { get; }

    public MemorySlot VramSlot { get; }

    /// <summary>The hypervisor model the guest runs under.</summary>
    public KvmHypervisor Hypervisor { get; }

    /// <summary>The VRAM slot's dirty log (the VGA code collects it each refresh).</summary>
    public DirtyLog VramDirtyLog { get; }

    /// <summary>The VMM's mapping of VRAM.</summary>
    public HostVramView VramView { get; }

    /// <summary>The Bochs VBE display.</summary>
    public BochsDisplay Vga { get; }

    /// <summary>The coherent oracle's copy of VRAM (null without the cache model).</summary>
    public OracleRegion? VramOracle { get; }

    public PhysicalAddressSpace Bus { get; }

    public Pl011 Uart { get; }

    /// <summary>The interrupt controller (GICv2 or GICv3, as --gic says).</summary>
    public GenericInterruptController Gic { get; }

    /// <summary>The PL031 real-time clock.</summary>
    public Pl031 Rtc { get; }

    /// <summary>The core cycle at which the RTC's armed alarm falls (a host deadline), or ulong.MaxValue.</summary>
    public ulong RtcMatchCycle =>
        Rtc.MatchElapsedSecond is ulong second && second < ulong.MaxValue / Core.Configuration.CoreClockHz
            ? second * Core.Configuration.CoreClockHz
            : ulong.MaxValue;


    /// <summary>The boot CPU (core 0 of <see cref="Cluster"/>).</summary>
    public ArmCore Core { get; }

    /// <summary>The CPUs (--smp), the machine clock and the schedule.</summary>
    public Cluster Cluster { get; }

    /// <summary>The cache model, or null with --cache off.</summary>
    public CacheHierarchy? Cache { get; }

    /// <summary>Where the device tree blob was placed in RAM.</summary>
    public ulong DeviceTreeAddress { get; private set; }

    /// <summary>Boots <paramref name="image"/> without an initrd (see the other overload).</summary>
    public void Boot(LoadedImage image, ReadOnlySpan<byte> deviceTree, string imageName) =>
        Boot(image, BootLayout.Plan(image, imageName, null, null, (ulong)deviceTree.Length, RamSlot.Base, RamSlot.Size), deviceTree, null, imageName);

    /// <summary>
    /// Copies the image, the initrd, the device tree and (for a Linux kernel) QEMU's boot stub into
    /// RAM where <paramref name="layout"/> says, and resets the core: at the stub for a Linux
    /// kernel (which sets X0 = DTB, X1..X3 = 0 and jumps to the kernel), else at the image's entry
    /// with X0 = DTB, as the arm64 boot protocol asks.
    /// </summary>
    public void Boot(LoadedImage image, BootLayout layout, ReadOnlySpan<byte> deviceTree, byte[]? initrd, string imageName)
    {
        foreach (LoadedSegment segment in image.Segments)
        {
            WriteImage(segment.Address, segment.Data);
            LoaderLog.Debug("loaded {Bytes} bytes at 0x{Address:x} ({MemorySize} in memory)", segment.Data.Length, segment.Address, segment.MemorySize);
        }
        if (initrd is not null && layout.InitrdStart is ulong initrdStart)
        {
            WriteImage(initrdStart, initrd);
            LoaderLog.Debug("initrd: {Bytes} bytes at 0x{Address:x}", initrd.Length, initrdStart);
        }
        ulong address = layout.DeviceTreeAddress;
        if (!RamSlot.Contains(address, (ulong)deviceTree.Length))
            throw new ImageLoadException(imageName, $"no room for the device tree ({deviceTree.Length} bytes) in RAM at 0x{address:x}; give more --memory");
        WriteImage(address, deviceTree);
        DeviceTreeAddress = address;
        RememberBootDeviceTree(deviceTree);
        Log.Debug("device tree ({Bytes} bytes) at 0x{Address:x}", deviceTree.Length, address);
        ulong start = image.EntryPoint;
        if (layout.StubAddress is ulong stub)
        {
            WriteImage(stub, BootLayout.Stub(address, image.EntryPoint));
            start = stub;
        }
        Core.Reset(start);
        if (layout.StubAddress is null && layout.PassDeviceTree)
            Core.X[0] = address;
        ResetPci();
        Hypervisor.Start();
        Log.Information("boot {Image}: {Format} image, entry 0x{Entry:x}, x0 = 0x{Dtb:x}", imageName, image.Format, image.EntryPoint, address);
    }

    /// <summary>
    /// Writes boot data into guest RAM as a VMM does: with the cache model, a cacheable memcpy by
    /// the host agent (QEMU's loader) that leaves the last lines dirty in the host's caches. Making
    /// it visible to a guest that starts with its MMU and caches off is KVM's job: it cleans each
    /// page to the PoC when a stage-2 translation fault first maps it (unless the policy says
    /// otherwise: no-clean shows what happens without).
    /// </summary>
    private void WriteImage(ulong address, ReadOnlySpan<byte> data)
    {
        if (Cache is null)
            Ram.Write(address, data);
        else
            Cache.LoadImage(address, data, cleanToPoC: false);
    }

    /// <summary>
    /// The mode firmware (EDK2's QemuVideoDxe, say) leaves the display in before handing over, which
    /// the device tree's simple-framebuffer node describes: 640x480, 32 bpp, VRAM not cleared.
    /// </summary>
    private void SetBootMode()
    {
        Vga.Reset();
        WriteDispi(Dispi.XRes, BootModeWidth);
        WriteDispi(Dispi.YRes, BootModeHeight);
        WriteDispi(Dispi.Bpp, 32);
        WriteDispi(Dispi.Enable, Dispi.Enabled | Dispi.LfbEnabled | Dispi.NoClearMem);
    }

    private void WriteDispi(int index, ulong value) => Vga.Write(BochsDisplay.DispiOffset + 2 * (ulong)index, 2, value);
}
