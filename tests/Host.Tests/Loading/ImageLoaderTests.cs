using System.Buffers.Binary;
using Emulator.Host.Loading;

namespace Emulator.Host.Tests.Loading;

public sealed class ImageLoaderTests : IDisposable
{
    private const ulong RamBase = 0x4000_0000;
    private const ulong RamSize = 0x1000_0000;

    private readonly string _dir = Directory.CreateTempSubdirectory("image-loader-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // ---- ELF: accepted files ----

    [Fact]
    public void ValidElf_LoadsSegmentsEntryAndBss()
    {
        byte[] text = Pattern(0x100, seed: 1);
        byte[] data = Pattern(0x20, seed: 2);
        var elf = new ElfBuilder { Entry = 0x4008_0010 }
            .AddLoad(0x4008_0000, text)
            .AddRaw(ElfBuilder.PtNote, offset: 0, paddr: 0, fileSize: 0x10, memSize: 0)
            .AddLoad(0x4009_0000, data, memSize: 0x1000, flags: ElfBuilder.PfR | ElfBuilder.PfW)
            .AddRaw(ElfBuilder.PtLoad, offset: 0, paddr: 0x1000, fileSize: 0, memSize: 0);  // empty: skipped
        string path = Write("hello.elf", elf.Build());

        LoadedImage image = ImageLoader.Load(path, RamBase, RamSize, loadAddress: null);

        Assert.Equal(ImageFormat.Elf, image.Format);
        Assert.False(image.IsLinuxKernel);
        Assert.Equal(0x4008_0010UL, image.EntryPoint);
        Assert.Equal(2, image.Segments.Count);
        Assert.Equal(0x4008_0000UL, image.Segments[0].Address);
        Assert.Equal(text, image.Segments[0].Data);
        Assert.Equal(0x100UL, image.Segments[0].MemorySize);
        Assert.Equal(0x4009_0000UL, image.Segments[1].Address);
        Assert.Equal(data, image.Segments[1].Data);
        Assert.Equal(0x1000UL, image.Segments[1].MemorySize);  // 0x20 bytes of data, the rest bss
        Assert.Equal((0x4008_0000UL, 0x4009_1000UL), image.Extent);
    }

    [Fact]
    public void Elf_EntryIsMovedToPhysicalAddress_WhenVirtualAndPhysicalDiffer()
    {
        var elf = new ElfBuilder { Entry = 0xffff_0000_0008_0040 }
            .AddLoad(0x4008_0000, Pattern(0x100, 3), vaddr: 0xffff_0000_0008_0000);

        LoadedImage image = Parse("kernel.elf", elf.Build());

        Assert.Equal(0x4008_0040UL, image.EntryPoint);
        Assert.Equal(0x4008_0000UL, image.Segments[0].Address);
    }

    [Fact]
    public void Elf_AdjacentSegmentsDoNotOverlap()
    {
        var elf = new ElfBuilder { Entry = 0x4008_0000 }
            .AddLoad(0x4008_0000, Pattern(0x10, 1), memSize: 0x1000)
            .AddLoad(0x4008_1000, Pattern(0x10, 2));

        Assert.Equal(2, Parse("a.elf", elf.Build()).Segments.Count);
    }

    // ---- file errors ----

    [Fact]
    public void MissingFile_IsReported()
    {
        string path = Path.Combine(_dir, "missing.elf");
        AssertLoadError(path, null, $"{path}: no such file");
    }

    [Fact]
    public void MissingFile_IsNamedAsTyped()
    {
        const string typed = "no-such-directory/x.elf";
        AssertLoadError(typed, null, "no-such-directory/x.elf: no such file");
    }

    [Fact]
    public void EmptyFile_IsReported()
    {
        string path = Write("x", []);
        AssertLoadError(path, 0x4000_0000, $"{path}: file is empty");
    }

    [Fact]
    public void Directory_IsReported()
    {
        AssertLoadError(_dir, null, $"{_dir}: is a directory");
    }

    // ---- ELF header errors ----

    [Fact]
    public void Elf32Arm_IsRejected()
    {
        var elf = new ElfBuilder { Class = 1, Machine = 40, Entry = 0x4008_0000 }.AddLoad(0x4008_0000, Pattern(16, 1));
        string path = Write("hello.elf", elf.Build());
        AssertLoadError(path, null, $"{path}: not an ELF64 file (ELF class 1, 32-bit)");
    }

    [Fact]
    public void ElfX86_64_IsRejected()
    {
        var elf = new ElfBuilder { Machine = 62, Entry = 0x4008_0000 }.AddLoad(0x4008_0000, Pattern(16, 1));
        string path = Write("x.elf", elf.Build());
        AssertLoadError(path, null, $"{path}: ELF machine is x86-64 (62), expected AArch64 (183)");
    }

    [Fact]
    public void ElfBigEndian_IsRejected()
    {
        var elf = new ElfBuilder { DataEncoding = 2, Entry = 0x4008_0000 }.AddLoad(0x4008_0000, Pattern(16, 1));
        AssertParseError("be.elf", elf.Build(), "big-endian");
    }

    [Fact]
    public void ElfBadIdentVersion_IsRejected()
    {
        var elf = new ElfBuilder { IdentVersion = 0, Entry = 0x4008_0000 }.AddLoad(0x4008_0000, Pattern(16, 1));
        AssertParseError("v.elf", elf.Build(), "invalid ELF version (EI_VERSION 0, expected 1)");
    }

    [Fact]
    public void ElfSharedObject_IsRejected()
    {
        var elf = new ElfBuilder { Type = 3, Entry = 0x4008_0000 }.AddLoad(0x4008_0000, Pattern(16, 1));
        AssertParseError("pie.elf", elf.Build(), "ELF type is DYN (3");
        AssertParseError("pie.elf", elf.Build(), "only EXEC");
    }

    [Fact]
    public void ElfTruncatedHeader_IsRejected()
    {
        byte[] whole = new ElfBuilder { Entry = 0x4008_0000 }.AddLoad(0x4008_0000, Pattern(16, 1)).Build();
        string path = Write("short.elf", whole[..40]);
        AssertLoadError(path, null, $"{path}: truncated: ELF header needs 64 bytes, file has 40");
    }

    [Fact]
    public void ElfTruncatedProgramHeaderTable_IsRejected()
    {
        byte[] whole = new ElfBuilder { Entry = 0x4008_0000 }
            .AddLoad(0x4008_0000, Pattern(16, 1))
            .AddLoad(0x4009_0000, Pattern(16, 2))
            .AddLoad(0x400a_0000, Pattern(16, 3))
            .Build();
        int cut = 64 + (2 * 56) + 10;  // headers 0 and 1 whole, header 2 cut short
        string path = Write("x.elf", whole[..cut]);
        AssertLoadError(path, null, $"{path}: truncated: program header 2 lies beyond end of file (size {cut})");
    }

    [Fact]
    public void ElfProgramHeaderOffsetFarBeyondFile_IsRejected()
    {
        var elf = new ElfBuilder { Entry = 0x4008_0000, PhOff = ulong.MaxValue - 8 }.AddLoad(0x4008_0000, Pattern(16, 1));
        AssertParseError("x.elf", elf.Build(), "truncated: program header 0 lies beyond end of file");
    }

    [Fact]
    public void ElfWrongProgramHeaderSize_IsRejected()
    {
        var elf = new ElfBuilder { Entry = 0x4008_0000, PhEntSize = 32 }.AddLoad(0x4008_0000, Pattern(16, 1));
        AssertParseError("x.elf", elf.Build(), "program header size is 32, expected 56");
    }

    [Fact]
    public void ElfWithoutProgramHeaders_IsRejected()
    {
        var elf = new ElfBuilder { Entry = 0x4008_0000, PhNum = 0 };
        AssertParseError("x.elf", elf.Build(), "no program headers");
    }

    [Fact]
    public void ElfWithoutLoadableSegment_IsRejected()
    {
        var elf = new ElfBuilder { Entry = 0x4008_0000 }.AddRaw(ElfBuilder.PtNote, 0, 0x4008_0000, 0x10, 0x10);
        AssertParseError("x.elf", elf.Build(), "no loadable segment");
    }

    // ---- ELF segment errors ----

    [Fact]
    public void ElfSegmentDataBeyondFile_IsRejected()
    {
        var elf = new ElfBuilder { Entry = 0x4008_0000 }.AddLoad(0x4008_0000, Pattern(16, 1));
        elf.ProgramHeaders[0].FileSize = 0x10000;
        elf.ProgramHeaders[0].MemSize = 0x10000;
        byte[] file = elf.Build();
        string path = Write("x.elf", file);
        AssertLoadError(path, null,
            $"{path}: truncated: segment 0 data (offset 0x80, 0x10000 bytes) extends beyond end of file (size {file.Length})");
    }

    [Fact]
    public void ElfSegmentOffsetNearTopOfRange_DoesNotOverflow()
    {
        var elf = new ElfBuilder { Entry = 0x4008_0000 }
            .AddRaw(ElfBuilder.PtLoad, offset: ulong.MaxValue - 0xf, paddr: 0x4008_0000, fileSize: 0x20, memSize: 0x20);
        AssertParseError("x.elf", elf.Build(), "truncated: segment 0 data (offset 0xfffffffffffffff0, 0x20 bytes)");
    }

    [Fact]
    public void ElfSegmentOutsideRam_IsRejected()
    {
        var elf = new ElfBuilder { Entry = 0x4008_0000 }
            .AddLoad(0x4008_0000, Pattern(16, 1))
            .AddLoad(0x1000_0000, Pattern(16, 2), memSize: 0x1000);
        string path = Write("x.elf", elf.Build());
        AssertLoadError(path, null, $"{path}: segment 1 [0x10000000, 0x10001000) lies outside RAM [0x40000000, 0x50000000)");
    }

    [Fact]
    public void ElfSegmentCrossingEndOfRam_IsRejected()
    {
        var elf = new ElfBuilder { Entry = 0x4fff_f000 }.AddLoad(0x4fff_f000, Pattern(16, 1), memSize: 0x2000);
        AssertParseError("x.elf", elf.Build(), "segment 0 [0x4ffff000, 0x50001000) does not fit in RAM [0x40000000, 0x50000000)");
    }

    [Fact]
    public void ElfOverlappingSegments_AreRejected()
    {
        var elf = new ElfBuilder { Entry = 0x4008_0000 }
            .AddLoad(0x4008_0000, Pattern(16, 1), memSize: 0x2000)
            .AddLoad(0x4008_1000, Pattern(16, 2));
        string path = Write("x.elf", elf.Build());
        AssertLoadError(path, null, $"{path}: segments 0 and 1 overlap at 0x40081000");
    }

    [Fact]
    public void ElfOverlappingSegments_InReverseOrder_AreRejected()
    {
        var elf = new ElfBuilder { Entry = 0x4008_0000 }
            .AddLoad(0x4009_0000, Pattern(16, 1))
            .AddLoad(0x4008_0000, Pattern(16, 2))
            .AddLoad(0x4008_0800, Pattern(16, 3), memSize: 0x10000);
        AssertParseError("x.elf", elf.Build(), "segments 0 and 2 overlap at 0x40090000");
    }

    [Fact]
    public void ElfFileSizeLargerThanMemorySize_IsRejected()
    {
        var elf = new ElfBuilder { Entry = 0x4008_0000 }.AddLoad(0x4008_0000, Pattern(0x100, 1), memSize: 0x80);
        string path = Write("x.elf", elf.Build());
        AssertLoadError(path, null, $"{path}: segment 0: file size 0x100 is larger than memory size 0x80");
    }

    [Fact]
    public void ElfEntryOutsideSegments_IsRejected()
    {
        var elf = new ElfBuilder { Entry = 0x4010_0000 }.AddLoad(0x4008_0000, Pattern(0x100, 1), memSize: 0x1000);
        string path = Write("x.elf", elf.Build());
        AssertLoadError(path, null, $"{path}: entry point 0x40100000 is not inside any loaded segment");
    }

    [Fact]
    public void ElfHugeMemorySize_ReportsOverflowWithoutAllocating()
    {
        var elf = new ElfBuilder { Entry = 0x4008_0000 }.AddLoad(0x4008_0000, Pattern(16, 1), memSize: ulong.MaxValue - 0x100);
        string path = Write("x.elf", elf.Build());
        AssertLoadError(path, null,
            $"{path}: segment 0 at 0x40080000 with size 0xfffffffffffffeff wraps past the end of the 64-bit address space");
    }

    [Fact]
    public void ElfLargeButNotOverflowingMemorySize_IsOutsideRam()
    {
        var elf = new ElfBuilder { Entry = 0x4008_0000 }.AddLoad(0x4008_0000, Pattern(16, 1), memSize: 0x1_0000_0000);
        AssertParseError("x.elf", elf.Build(), "segment 0 [0x40080000, 0x140080000) does not fit in RAM");
    }

    [Fact]
    public void ElfWithLoadAddress_IsRejected()
    {
        var elf = new ElfBuilder { Entry = 0x4008_0000 }.AddLoad(0x4008_0000, Pattern(16, 1));
        string path = Write("x.elf", elf.Build());
        AssertLoadError(path, 0x4008_0000, "--load-address is only for raw binaries");
    }

    [Fact]
    public void HostileElfs_OnlyEverThrowImageLoadException()
    {
        byte[] valid = new ElfBuilder { Entry = 0x4008_0000 }
            .AddLoad(0x4008_0000, Pattern(0x40, 1), memSize: 0x1000)
            .AddLoad(0x4009_0000, Pattern(0x40, 2))
            .Build();

        // Every truncation.
        for (int length = 1; length < valid.Length; length++)
        {
            TryParse(valid[..length]);
        }

        // Random corruption of the headers.
        var random = new Random(12345);
        for (int iteration = 0; iteration < 5000; iteration++)
        {
            byte[] file = (byte[])valid.Clone();
            int changes = random.Next(1, 8);
            for (int c = 0; c < changes; c++)
            {
                int at = random.Next(0, 64 + (2 * 56));
                file[at] = random.Next(4) == 0 ? (byte)0xff : (byte)random.Next(256);
            }

            TryParse(file);
        }

        static void TryParse(byte[] file)
        {
            try
            {
                LoadedImage image = ImageLoader.Parse("fuzz.elf", file, RamBase, RamSize, loadAddress: null);
                foreach (LoadedSegment s in image.Segments)
                {
                    Assert.True(s.Address >= RamBase && s.End <= RamBase + RamSize);
                    Assert.True((ulong)s.Data.Length <= s.MemorySize);
                    Assert.True(s.Data.Length <= file.Length);
                }
            }
            catch (ImageLoadException e)
            {
                Assert.StartsWith("fuzz.elf: ", e.Message);
            }
        }
    }

    // ---- Linux arm64 Image ----

    [Fact]
    public void LinuxImage_HonoursTextOffsetAndImageSize()
    {
        byte[] file = LinuxImage(textOffset: 0x20_0000, imageSize: 0x30_0000, length: 0x1000);
        string path = Write("Image", file);

        LoadedImage image = ImageLoader.Load(path, RamBase, RamSize, loadAddress: null);

        Assert.Equal(ImageFormat.LinuxImage, image.Format);
        Assert.True(image.IsLinuxKernel);
        Assert.Equal(0x4020_0000UL, image.EntryPoint);
        LoadedSegment segment = Assert.Single(image.Segments);
        Assert.Equal(0x4020_0000UL, segment.Address);
        Assert.Equal(file, segment.Data);
        Assert.Equal(0x30_0000UL, segment.MemorySize);  // image_size covers the kernel's bss
    }

    [Fact]
    public void LinuxImage_WithZeroImageSize_UsesTextOffset0x80000()
    {
        byte[] file = LinuxImage(textOffset: 0x1234_5000, imageSize: 0, length: 0x2000);

        LoadedImage image = Parse("Image.old", file);

        Assert.Equal(0x4008_0000UL, image.EntryPoint);
        Assert.Equal(0x4008_0000UL, image.Segments[0].Address);
        Assert.Equal(0x2000UL, image.Segments[0].MemorySize);
    }

    [Fact]
    public void LinuxImage_TooLargeForRam_IsRejected()
    {
        byte[] file = LinuxImage(textOffset: 0, imageSize: 0x2000_0000, length: 0x1000);
        string path = Write("Image", file);
        AssertLoadError(path, null, $"{path}: arm64 Image [0x40200000, 0x60200000) does not fit in RAM [0x40000000, 0x50000000)");
    }

    [Fact]
    public void LinuxImage_TextOffsetBeyondRam_IsRejected()
    {
        byte[] file = LinuxImage(textOffset: ulong.MaxValue - 0x10, imageSize: 0x1000, length: 0x1000);
        AssertParseError("Image", file, "text_offset 0xffffffffffffffef lies outside RAM");
    }

    [Fact]
    public void LinuxImage_BigEndian_IsRejected()
    {
        byte[] file = LinuxImage(textOffset: 0, imageSize: 0x1000, length: 0x1000, flags: 1);
        AssertParseError("Image", file, "big-endian kernel");
    }

    [Fact]
    public void LinuxImage_WithLoadAddress_IsRejected()
    {
        byte[] file = LinuxImage(textOffset: 0, imageSize: 0x1000, length: 0x1000);
        AssertParseError("Image", file, "--load-address is only for raw binaries", loadAddress: 0x4000_0000);
    }

    // ---- raw binaries ----

    [Fact]
    public void Raw_WithoutLoadAddress_IsALinuxKernelAtQemusAddress()
    {
        // qemu-system-aarch64 -M virt -kernel raw.bin: loaded at RAM base + 0x80000 and booted through the stub with x0 = DTB.
        byte[] file = Pattern(0x100, 1);
        LoadedImage image = ImageLoader.Load(Write("x.bin", file), RamBase, RamSize, loadAddress: null);

        Assert.Equal(ImageFormat.Raw, image.Format);
        Assert.True(image.IsLinuxKernel);
        Assert.Equal(RamBase + 0x8_0000, image.EntryPoint);
        Assert.Equal(RamBase + 0x8_0000, Assert.Single(image.Segments).Address);
    }

    [Fact]
    public void Raw_WithoutLoadAddress_ThatLooksLikeADamagedElf_IsRejected()
    {
        byte[] file = Pattern(0x100, 1);
        file[0] = 0x7f;
        file[1] = (byte)'E';
        string path = Write("x.elf", file);
        AssertLoadError(path, null, $"{path}: looks like an ELF file with a damaged identification (magic); give --load-address to load it as a raw binary anyway");
    }

    [Fact]
    public void LinuxImage_WithTextOffsetBelow4K_Goes2MHigher()
    {
        // Linux 6.1's text_offset is 0: QEMU puts it at 0x40200000, past its boot stub.
        LoadedImage image = Parse("Image", LinuxImage(textOffset: 0, imageSize: 0x1_0000, length: 0x1000));
        Assert.Equal(RamBase + 0x20_0000, image.EntryPoint);
    }

    [Fact]
    public void Raw_WithLoadAddress_IsLoadedThere()
    {
        byte[] file = Pattern(0x100, 1);
        string path = Write("x.bin", file);

        LoadedImage image = ImageLoader.Load(path, RamBase, RamSize, loadAddress: 0x4010_0000);

        Assert.Equal(ImageFormat.Raw, image.Format);
        Assert.False(image.IsLinuxKernel);
        Assert.Equal(0x4010_0000UL, image.EntryPoint);
        LoadedSegment segment = Assert.Single(image.Segments);
        Assert.Equal(0x4010_0000UL, segment.Address);
        Assert.Equal(file, segment.Data);
        Assert.Equal(0x100UL, segment.MemorySize);
        Assert.Equal((0x4010_0000UL, 0x4010_0100UL), image.Extent);
    }

    [Fact]
    public void Raw_OutsideRam_IsRejected()
    {
        string path = Write("x.bin", Pattern(0x100, 1));
        AssertLoadError(path, 0x1000, $"{path}: raw image [0x1000, 0x1100) lies outside RAM [0x40000000, 0x50000000)");
    }

    [Fact]
    public void Raw_CrossingEndOfRam_IsRejected()
    {
        string path = Write("x.bin", Pattern(0x100, 1));
        AssertLoadError(path, 0x4fff_ff80, $"{path}: raw image [0x4fffff80, 0x50000080) does not fit in RAM");
    }

    [Fact]
    public void Raw_LoadAddressNearTopOfAddressSpace_DoesNotOverflow()
    {
        AssertParseError("x.bin", Pattern(0x100, 1), "wraps past the end of the 64-bit address space", loadAddress: ulong.MaxValue - 0x10);
    }

    // ---- helpers ----

    private string Write(string name, byte[] contents)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, contents);
        return path;
    }

    private static LoadedImage Parse(string name, byte[] contents) =>
        ImageLoader.Parse(name, contents, RamBase, RamSize, loadAddress: null);

    /// <summary>Loads the file and checks the one-line message names the file and contains <paramref name="expected"/>.</summary>
    private static void AssertLoadError(string path, ulong? loadAddress, string expected)
    {
        var e = Assert.Throws<ImageLoadException>(() => ImageLoader.Load(path, RamBase, RamSize, loadAddress));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(path, e.FileName);
    }

    private static void AssertParseError(string name, byte[] contents, string expected, ulong? loadAddress = null)
    {
        var e = Assert.Throws<ImageLoadException>(() => ImageLoader.Parse(name, contents, RamBase, RamSize, loadAddress));
        Assert.StartsWith(name + ": ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    private static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0;  // never an ELF magic by accident
        return bytes;
    }

    private static byte[] LinuxImage(ulong textOffset, ulong imageSize, int length, ulong flags = 0)
    {
        var file = new byte[length];
        Span<byte> s = file;
        BinaryPrimitives.WriteUInt32LittleEndian(s, 0x9100_0000);   // code0: an add instruction
        BinaryPrimitives.WriteUInt32LittleEndian(s[4..], 0x1400_0000);  // code1: a branch
        BinaryPrimitives.WriteUInt64LittleEndian(s[8..], textOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(s[16..], imageSize);
        BinaryPrimitives.WriteUInt64LittleEndian(s[24..], flags);
        BinaryPrimitives.WriteUInt32LittleEndian(s[56..], 0x644d_5241);  // "ARM\x64"
        return file;
    }
}
