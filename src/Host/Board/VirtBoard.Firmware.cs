using Emulator.Devices.Flash;
using Emulator.Devices.FwCfg;
using Emulator.Devices.Virtio;
using Emulator.Host.Loading;
using Emulator.Mmu.Physical;

namespace Emulator.Host.Board;

/// <summary>
/// The firmware side of the board, present when the run has firmware (-bios, -drive if=pflash):
/// the two CFI flash banks as ROM-device memory slots (read-only to the guest in read-array mode,
/// the device behind them otherwise), fw_cfg and the 32 empty virtio-mmio transports, and a
/// machine reset that reboots the firmware within the run instead of ending it (QEMU's default
/// without -no-reboot), keeping the flash contents.
/// </summary>
public sealed partial class VirtBoard
{
    private readonly List<CfiFlash> _flash = [];
    private byte[]? _bootDeviceTree;

    /// <summary>The firmware configuration, or null for a board booted with a kernel or a bare-metal image.</summary>
    public FirmwareConfig? Firmware { get; private set; }

    /// <summary>The flash banks (empty without firmware).</summary>
    public IReadOnlyList<CfiFlash> Flash => _flash;

    /// <summary>fw_cfg (null without firmware).</summary>
    public FwCfgDevice? FwCfg { get; private set; }

    /// <summary>Machine resets done within the run (SYSTEM_RESET with firmware).</summary>
    public int Reboots { get; private set; }

    private static MemorySlot[] FlashSlots(FirmwareConfig? firmware)
    {
        if (firmware is null)
            return [];
        var slots = new MemorySlot[VirtMemoryMap.FlashBankCount];
        for (int i = 0; i < slots.Length; i++)
            slots[i] = new MemorySlot($"flash{i}", VirtMemoryMap.FlashBase + (ulong)i * VirtMemoryMap.FlashBankSize, VirtMemoryMap.FlashBankSize);
        return slots;
    }

    private void AttachFirmware(FirmwareConfig firmware)
    {
        Firmware = firmware;
        for (int i = 0; i < VirtMemoryMap.FlashBankCount; i++)
        {
            ulong baseAddress = VirtMemoryMap.FlashBase + (ulong)i * VirtMemoryMap.FlashBankSize;
            MemorySlot slot = Ram.FindSlot(baseAddress)!;
            FlashBankImage? image = null;
            foreach (FlashBankImage bank in firmware.Banks)
            {
                if (bank.Unit == i)
                    image = bank;
            }
            var storage = new FlashBankStorage(this, baseAddress, image?.BackingFile);
            var flash = new CfiFlash(slot.Name, slot.Size, storage, image?.ReadOnly ?? false);
            flash.RomdChanged = romd => Hypervisor.RomdChanged(slot, romd);
            Hypervisor.AddRomDevice(slot, flash, () => flash.Romd);
            _flash.Add(flash);
        }
        FwCfg = new FwCfgDevice(new DmaMemory(this));
        AddFwCfgItems(FwCfg);
        Bus.AddMmio(VirtMemoryMap.FwCfgBase, VirtMemoryMap.FwCfgSize, FwCfg);
        for (int n = 0; n < VirtMemoryMap.VirtioMmioCount; n++)
            Bus.AddMmio(VirtMemoryMap.VirtioMmioBase + (ulong)n * VirtMemoryMap.VirtioMmioSize, VirtMemoryMap.VirtioMmioSize, new EmptyVirtioMmioTransport(n));
    }

    /// <summary>
    /// What QEMU's virt board puts in fw_cfg with no kernel and no devices: fw_cfg_common_init's
    /// items (UUID all zeros as without -uuid, NOGRAPHIC 1 as with -nographic, BOOT_MENU 0), the
    /// CPU count, the reboot timeout file (-1: none), and the empty boot order and BIOS geometry
    /// files. QEMU's ACPI and SMBIOS files are not built here: firmware finds them absent and
    /// uses the device tree, as it does with -machine virt,acpi=off.
    /// </summary>
    private static void AddFwCfgItems(FwCfgDevice fwCfg)
    {
        fwCfg.AddItem(FwCfgKeys.Uuid, new byte[16]);
        fwCfg.AddItem(FwCfgKeys.NoGraphic, [1, 0]);
        fwCfg.AddItem(FwCfgKeys.BootMenu, [0, 0]);
        fwCfg.AddItem(FwCfgKeys.NbCpus, [1, 0]);
        fwCfg.AddFile("bios-geometry", []);
        fwCfg.AddFile("bootorder", []);
        fwCfg.AddFile("etc/boot-fail-wait", [0xFF, 0xFF, 0xFF, 0xFF]);
    }

    /// <summary>
    /// A machine reset (PSCI SYSTEM_RESET) with firmware: QEMU's qemu_system_reset. Devices go to
    /// their reset state (flash banks to read-array mode, fw_cfg, the GIC, the display), the DTB
    /// is written to RAM base again (QEMU's rom_reset re-copies it; the flash keeps what the guest
    /// programmed), and the core restarts at 0x0 under a freshly set up EL2. False without
    /// firmware: the run then ends, as before.
    /// </summary>
    public bool TryReboot()
    {
        if (Firmware is null || _bootDeviceTree is null)
            return false;
        Reboots++;
        foreach (CfiFlash flash in _flash)
            flash.Reset();
        FwCfg?.Reset();
        Gic.Reset();
        WriteImage(DeviceTreeAddress, _bootDeviceTree);
        Core.Reset(VirtMemoryMap.FlashBase);
        Core.InvalidateStage2All();
        SetBootMode();
        Hypervisor.Start();
        Log.Information("system reset: firmware restarted at 0x{Entry:x} (reboot {Count})", VirtMemoryMap.FlashBase, Reboots);
        return true;
    }

    /// <summary>Keeps the DTB for <see cref="TryReboot"/>.</summary>
    private void RememberBootDeviceTree(ReadOnlySpan<byte> deviceTree)
    {
        if (Firmware is not null)
            _bootDeviceTree = deviceTree.ToArray();
    }

    /// <summary>The guest memory behind a flash bank, written by the VMM (a host-agent access with the cache model), and the -drive file behind it.</summary>
    private sealed class FlashBankStorage(VirtBoard board, ulong baseAddress, string? backingFile) : IFlashStorage
    {
        private FileStream? _file;

        public void Read(ulong offset, Span<byte> destination)
        {
            if (board.Cache is { } cache)
                cache.HostRead(baseAddress + offset, destination);
            else
                board.Ram.Read(baseAddress + offset, destination);
        }

        public void Write(ulong offset, ReadOnlySpan<byte> source)
        {
            if (board.Cache is { } cache)
                cache.HostWrite(baseAddress + offset, source);
            else
                board.Ram.Write(baseAddress + offset, source);
            if (backingFile is null)
                return;
            _file ??= new FileStream(backingFile, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
            _file.Position = (long)offset;
            _file.Write(source);
            _file.Flush();
        }
    }

    /// <summary>Guest memory as fw_cfg's DMA sees it: RAM slots only, through the host agent (the device is dma-coherent).</summary>
    private sealed class DmaMemory(VirtBoard board) : IDmaMemory
    {
        public bool Read(ulong pa, Span<byte> destination)
        {
            if (!board.Ram.Contains(pa, (ulong)destination.Length))
                return false;
            if (board.Cache is { } cache)
                cache.HostRead(pa, destination);
            else
                board.Ram.Read(pa, destination);
            return true;
        }

        public bool Write(ulong pa, ReadOnlySpan<byte> source)
        {
            if (!board.Ram.Contains(pa, (ulong)source.Length))
                return false;
            if (board.Cache is { } cache)
                cache.HostWrite(pa, source);
            else
                board.Ram.Write(pa, source);
            return true;
        }
    }
}
