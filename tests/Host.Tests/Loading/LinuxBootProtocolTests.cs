using Emulator.Cpu.Core;
using Emulator.Host.Board;
using Emulator.Host.DeviceTree;
using Emulator.Host.Loading;

namespace Emulator.Host.Tests.Loading;

/// <summary>
/// QEMU's -kernel/-initrd boot protocol for Linux kernels (arm64 Image and raw binaries), as
/// measured on qemu-system-aarch64 7.2 -M virt: the boot stub at RAM base leaves X0 = DTB,
/// X1..X3 = 0 and X4 = the kernel entry; the initrd at RAM base + min(RAM/2, 128 MiB); the DTB at
/// the next 2 MiB boundary after it, with /chosen/linux,initrd-start/-end.
/// </summary>
public sealed class LinuxBootProtocolTests
{
    private const ulong RamBase = 0x4000_0000;
    private static readonly byte[] Spin = [0x00, 0x00, 0x00, 0x14]; // b .

    [Theory]
    [InlineData(128UL << 20, 5000UL, 0x4400_0000UL, 0x4420_0000UL)]  // QEMU: initrd 0x44000000, DTB 0x44200000
    [InlineData(1UL << 30, 5000UL, 0x4800_0000UL, 0x4820_0000UL)]    // 1 GiB: capped at 128 MiB
    [InlineData(128UL << 20, 0x30_0000UL, 0x4400_0000UL, 0x4440_0000UL)]
    public void Raw_kernel_with_initrd_boots_through_the_stub(ulong ramSize, ulong initrdSize, ulong initrdStart, ulong dtbAddress)
    {
        byte[] initrd = new byte[initrdSize];
        new Random(1).NextBytes(initrd);
        LoadedImage image = ImageLoader.Parse("raw.bin", Spin, RamBase, ramSize, loadAddress: null);
        var board = new VirtBoard(ramSize, _ => { }, new CpuConfiguration());
        byte[] dtb = VirtDeviceTree.Build(new VirtDeviceTreeConfig(ramSize, "console=ttyAMA0", 2, 62_500_000, null, (initrdStart, initrdStart + initrdSize)));
        BootLayout layout = BootLayout.Plan(image, "raw.bin", initrdSize, "rd", (ulong)dtb.Length, RamBase, ramSize);

        Assert.Equal(initrdStart, layout.InitrdStart);
        Assert.Equal(dtbAddress, layout.DeviceTreeAddress);
        board.Boot(image, layout, dtb, initrd, "raw.bin");
        Assert.Equal(RamBase, board.Core.Pc); // the stub
        board.Core.X[1] = board.Core.X[2] = board.Core.X[3] = 0x5555;
        for (int i = 0; i < 20 && board.Core.Pc != RamBase + 0x8_0000; i++)
        {
            // Each page's first touch is a stage-2 fault the hypervisor model maps, as KVM does.
            if (board.Core.Run(1) == CpuExit.Stage2Abort)
                board.Hypervisor.HandleStage2Abort();
        }

        Assert.Equal(RamBase + 0x8_0000, board.Core.Pc);
        Assert.Equal(dtbAddress, board.Core.X[0]);
        Assert.Equal(0UL, board.Core.X[1]);
        Assert.Equal(0UL, board.Core.X[2]);
        Assert.Equal(0UL, board.Core.X[3]);
        Assert.Equal(RamBase + 0x8_0000, board.Core.X[4]);
        byte[] inRam = new byte[initrdSize];
        board.Ram.Read(initrdStart, inRam);
        Assert.Equal(initrd, inRam);
        byte[] dtbInRam = new byte[dtb.Length];
        board.Ram.Read(dtbAddress, dtbInRam);
        FdtNode chosen = FdtReader.Parse(dtbInRam).FindNode("/chosen")!;
        Assert.Equal(initrdStart, chosen.GetU64("linux,initrd-start"));
        Assert.Equal(initrdStart + initrdSize, chosen.GetU64("linux,initrd-end"));
    }

    [Fact]
    public void Image_with_text_offset_0_lands_at_2M_and_the_dtb_at_half_ram()
    {
        byte[] header = new byte[0x1000];
        BitConverter.TryWriteBytes(header.AsSpan(16), 0x1_0000UL); // image_size
        BitConverter.TryWriteBytes(header.AsSpan(24), 0xAUL);      // LE, 4K pages
        BitConverter.TryWriteBytes(header.AsSpan(56), 0x644d_5241u);
        Spin.CopyTo(header, 0);
        LoadedImage image = ImageLoader.Parse("Image", header, RamBase, 128UL << 20, loadAddress: null);
        BootLayout layout = BootLayout.Plan(image, "Image", null, null, 4096, RamBase, 128UL << 20);

        Assert.Equal(0x4020_0000UL, image.EntryPoint);
        Assert.Equal(RamBase, layout.StubAddress);
        Assert.Null(layout.InitrdStart);
        Assert.Equal(0x4400_0000UL, layout.DeviceTreeAddress);
    }

    [Fact]
    public void Elf_images_keep_the_dtb_at_ram_base_and_refuse_an_initrd()
    {
        var elf = new ElfBuilder { Entry = 0x4010_0000 }.AddLoad(0x4010_0000, Spin).Build();
        LoadedImage image = ImageLoader.Parse("k.elf", elf, RamBase, 128UL << 20, loadAddress: null);

        Assert.Equal(RamBase, BootLayout.Plan(image, "k.elf", null, null, 4096, RamBase, 128UL << 20).DeviceTreeAddress);
        var e = Assert.Throws<ImageLoadException>(() => BootLayout.Plan(image, "k.elf", 100, "rd.img", 4096, RamBase, 128UL << 20));
        Assert.Contains("rd.img", e.Message);
        Assert.Contains("needs a Linux kernel", e.Message);
    }
}
