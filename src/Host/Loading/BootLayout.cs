namespace Emulator.Host.Loading;

/// <summary>
/// Where the board puts what it loads besides the image, as QEMU's hw/arm/boot.c does for
/// <c>-kernel</c> on the virt board (measured against qemu-system-aarch64 7.2):
/// <list type="bullet">
/// <item>Linux kernels (an arm64 Image, or a raw binary): QEMU's boot stub at RAM base, which
/// sets X0 = DTB, X1..X3 = 0 and jumps to the kernel (X4 = its entry); the initrd at RAM base +
/// min(RAM / 2, 128 MiB), moved up past the kernel if they would overlap, page aligned; the DTB
/// at the next 2 MiB boundary after the initrd (at that address itself without one).</item>
/// <item>ELF images: the DTB at RAM base, or at the next 2 MiB boundary after the image when the
/// image covers RAM base; no boot stub (the core starts at the ELF entry with X0 = DTB); QEMU
/// ignores -initrd for them, so --initrd is refused.</item>
/// </list>
/// </summary>
public sealed partial record BootLayout(ulong? StubAddress, ulong? InitrdStart, ulong InitrdSize, ulong DeviceTreeAddress)
{
    /// <summary>Linux wants the DTB 8-byte aligned and not crossing a 2 MiB boundary; QEMU aligns it to 2 MiB.</summary>
    public const ulong DeviceTreeAlignment = 2UL << 20;

    private const ulong InitrdMaxOffset = 128UL << 20;
    private const ulong PageSize = 4096;

    /// <summary>QEMU's aarch64 boot stub (hw/arm/boot.c bootloader_aarch64): ldr x0, arg; mov x1..x3, xzr; ldr x4, entry; br x4; then arg and entry as doublewords.</summary>
    private static readonly uint[] StubCode = [0x580000C0, 0xAA1F03E1, 0xAA1F03E2, 0xAA1F03E3, 0x58000084, 0xD61F0080];

    /// <summary>The stub's bytes for a DTB at <paramref name="dtb"/> and a kernel entered at <paramref name="entry"/>.</summary>
    public static byte[] Stub(ulong dtb, ulong entry)
    {
        byte[] bytes = new byte[StubCode.Length * 4 + 16];
        for (int i = 0; i < StubCode.Length; i++)
            global::System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), StubCode[i]);
        global::System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(StubCode.Length * 4), dtb);
        global::System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(StubCode.Length * 4 + 8), entry);
        return bytes;
    }

    /// <summary>The stub's size in bytes.</summary>
    public static ulong StubSize => (ulong)StubCode.Length * 4 + 16;

    /// <summary>
    /// Plans the boot of <paramref name="image"/> with an initrd of <paramref name="initrdSize"/>
    /// bytes (null: none) and a DTB of <paramref name="dtbSize"/> bytes, in RAM
    /// <c>[ramBase, ramBase + ramSize)</c>. Problems are <see cref="ImageLoadException"/>s naming
    /// <paramref name="imageName"/> or <paramref name="initrdName"/>.
    /// </summary>
    public static BootLayout Plan(LoadedImage image, string imageName, ulong? initrdSize, string? initrdName, ulong dtbSize, ulong ramBase, ulong ramSize)
    {
        ulong ramEnd = ramBase + ramSize;
        (ulong imageStart, ulong imageEnd) = image.Extent;
        if (image.Format == ImageFormat.Firmware)
            return PlanFirmware(imageName, initrdSize, initrdName, dtbSize, ramBase, ramEnd);
        if (!image.IsLinuxKernel)
        {
            if (initrdSize is not null)
                throw new ImageLoadException(initrdName ?? "", $"--initrd needs a Linux kernel (an arm64 Image or a raw binary); {imageName} is an ELF file, for which QEMU ignores -initrd");
            ulong elfDtb = ramBase;
            if (imageStart < elfDtb + dtbSize && elfDtb < imageEnd)
                elfDtb = AlignUp(imageEnd, DeviceTreeAlignment);
            CheckDeviceTree(imageName, elfDtb, dtbSize, ramEnd);
            return new BootLayout(null, null, 0, elfDtb);
        }
        if (imageStart < ramBase + StubSize)
            throw new ImageLoadException(imageName, $"the kernel at 0x{imageStart:x} overlaps the boot stub at RAM base 0x{ramBase:x}");
        ulong initrdStart = ramBase + Math.Min(ramSize / 2, InitrdMaxOffset);
        initrdStart = AlignUp(Math.Max(initrdStart, imageEnd), PageSize);
        ulong size = initrdSize ?? 0;
        if (initrdSize is not null && (initrdStart >= ramEnd || size > ramEnd - initrdStart))
        {
            throw new ImageLoadException(initrdName ?? "",
                $"initrd of {size} bytes does not fit in RAM at 0x{initrdStart:x} (RAM ends at 0x{ramEnd:x}); give more --memory");
        }
        ulong dtb = AlignUp(initrdStart + size, DeviceTreeAlignment);
        CheckDeviceTree(imageName, dtb, dtbSize, ramEnd);
        return new BootLayout(ramBase, initrdSize is null ? null : initrdStart, size, dtb);
    }

    private static void CheckDeviceTree(string imageName, ulong address, ulong size, ulong ramEnd)
    {
        if (address >= ramEnd || size > ramEnd - address)
            throw new ImageLoadException(imageName, $"no room for the device tree ({size} bytes) in RAM at 0x{address:x}; give more --memory");
    }

    private static ulong AlignUp(ulong value, ulong alignment) => (value + alignment - 1) & ~(alignment - 1);
}
