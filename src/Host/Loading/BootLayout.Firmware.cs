namespace Emulator.Host.Loading;

public sealed partial record BootLayout
{
    /// <summary>
    /// Whether the core starts with X0 = the DTB's address (the arm64 boot protocol for an image
    /// entered directly). False for firmware: QEMU starts it from flash with X0 = 0, and the
    /// firmware finds the DTB at RAM base by convention.
    /// </summary>
    public bool PassDeviceTree { get; init; } = true;

    /// <summary>
    /// Firmware (<see cref="ImageFormat.Firmware"/>): the DTB at RAM base, as QEMU's arm_load_kernel
    /// puts it when there is no kernel for it ("for the bootloader to pick up"); all RAM above it
    /// free; no boot stub; no initrd (QEMU hands a -kernel/-initrd to firmware through fw_cfg,
    /// which this board does not).
    /// </summary>
    private static BootLayout PlanFirmware(string imageName, ulong? initrdSize, string? initrdName, ulong dtbSize, ulong ramBase, ulong ramEnd)
    {
        if (initrdSize is not null)
            throw new ImageLoadException(initrdName ?? "", $"--initrd cannot be given with firmware ({imageName}): the board does not pass an initrd to firmware through fw_cfg");
        CheckDeviceTree(imageName, ramBase, dtbSize, ramEnd);
        return new BootLayout(null, null, 0, ramBase) { PassDeviceTree = false };
    }
}
