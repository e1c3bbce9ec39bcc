using System.Buffers.Binary;
using System.Text;
using Emulator.Host.DeviceTree;
using Emulator.Host.Tests.EndToEnd;
using Emulator.Host.Tests.Loading;

namespace Emulator.Host.Tests.Robustness;

/// <summary>
/// One malformed input of the corpus: the command line (built in a scratch directory, where the
/// case writes its files) and what the one error line must say: <see cref="Names"/> (the file or
/// option at fault, verbatim) and <see cref="What"/> (the problem, case-insensitive).
/// </summary>
internal sealed record MalformedInput(string[] Args, string Names, string What)
{
    /// <summary>False when the case is a bad --report itself, so no report can be written.</summary>
    public bool WritesReport { get; init; } = true;

    /// <summary>False when the case is a bad --record itself.</summary>
    public bool AddsRecord { get; init; } = true;
}

/// <summary>
/// The corpus of malformed inputs (issue 11): broken ELF headers and program headers, Linux Image
/// headers, raw binaries with bad load addresses, images larger than RAM, bad device trees given
/// with --dtb, and bad values for every option that takes one. Each entry builds its input in a
/// scratch directory; <see cref="MalformedInputCorpusTests"/> runs each through the real program.
/// The cases of tests/Host.Tests/EndToEnd/BadInputTests.cs are not repeated here.
/// </summary>
internal static class MalformedInputs
{
    private const ulong Load = 0x4010_0000;
    private const ulong RamBase = 0x4000_0000;
    private const ulong RamEnd128M = 0x4800_0000;
    private static readonly byte[] Code = [0x1F, 0x20, 0x03, 0xD5, 0x1F, 0x20, 0x03, 0xD5]; // NOP; NOP

    private static string Hello => EmulatorProcess.Sample("hello.elf");

    public static readonly IReadOnlyDictionary<string, Func<TempDirectory, MalformedInput>> All =
        new Dictionary<string, Func<TempDirectory, MalformedInput>>
        {
            // ELF identification and header.
            ["elf-bad-magic"] = t => Image(t, "badmagic.elf", Patch(Elf(), 3, (byte)'G'), "--load-address"),
            ["elf-magic-only"] = t => Image(t, "magic.elf", [0x7f, (byte)'E', (byte)'L', (byte)'F'], "truncated"),
            ["elf-class-invalid"] = t => Image(t, "class3.elf", new ElfBuilder { Class = 3, Entry = Load }.AddLoad(Load, Code).Build(), "ELF class 3"),
            ["elf-big-endian"] = t => Image(t, "be.elf", new ElfBuilder { DataEncoding = 2, Entry = Load }.AddLoad(Load, Code).Build(), "big-endian"),
            ["elf-data-encoding-invalid"] = t => Image(t, "data0.elf", new ElfBuilder { DataEncoding = 0, Entry = Load }.AddLoad(Load, Code).Build(), "data encoding"),
            ["elf-version-0"] = t => Image(t, "v0.elf", new ElfBuilder { IdentVersion = 0, Entry = Load }.AddLoad(Load, Code).Build(), "version"),
            ["elf-machine-none"] = t => Image(t, "em0.elf", new ElfBuilder { Machine = 0, Entry = Load }.AddLoad(Load, Code).Build(), "machine"),
            ["elf-machine-riscv"] = t => Image(t, "riscv.elf", new ElfBuilder { Machine = 243, Entry = Load }.AddLoad(Load, Code).Build(), "RISC-V"),
            ["elf-type-dyn"] = t => Image(t, "pie.elf", new ElfBuilder { Type = 3, Entry = Load }.AddLoad(Load, Code).Build(), "DYN"),
            ["elf-type-rel"] = t => Image(t, "obj.o", new ElfBuilder { Type = 1, Entry = Load }.AddLoad(Load, Code).Build(), "REL"),
            ["elf-header-63-bytes"] = t => Image(t, "short.elf", Elf()[..63], "truncated"),
            // Program header table.
            ["elf-phoff-beyond-file"] = t => Image(t, "phoff.elf", new ElfBuilder { PhOff = 0x10_0000, Entry = Load }.AddLoad(Load, Code).Build(), "beyond end of file"),
            ["elf-phoff-wraps"] = t => Image(t, "phoffwrap.elf", new ElfBuilder { PhOff = ulong.MaxValue - 8, Entry = Load }.AddLoad(Load, Code).Build(), "beyond end of file"),
            ["elf-phnum-huge"] = t => Image(t, "phnum.elf", new ElfBuilder { PhNum = 0xFFF0, Entry = Load }.AddLoad(Load, Code).Build(), "beyond end of file"),
            ["elf-phnum-pn-xnum"] = t => Image(t, "xnum.elf", new ElfBuilder { PhNum = 0xFFFF, Entry = Load }.AddLoad(Load, Code).Build(), "PN_XNUM"),
            ["elf-phnum-zero"] = t => Image(t, "nophdr.elf", new ElfBuilder { PhNum = 0, Entry = Load }.AddLoad(Load, Code).Build(), "no program headers"),
            ["elf-phentsize-32"] = t => Image(t, "phent32.elf", new ElfBuilder { PhEntSize = 32, Entry = Load }.AddLoad(Load, Code).Build(), "program header size is 32"),
            ["elf-phentsize-64"] = t => Image(t, "phent64.elf", new ElfBuilder { PhEntSize = 64, Entry = Load }.AddLoad(Load, Code).Build(), "program header size is 64"),
            // Segments.
            ["elf-filesz-over-memsz"] = t => Image(t, "filesz.elf", new ElfBuilder { Entry = Load }.AddLoad(Load, Code, memSize: 4).Build(), "larger than memory size"),
            ["elf-segment-beyond-file"] = t => Image(t, "segsize.elf", new ElfBuilder { Entry = Load }.AddRaw(ElfBuilder.PtLoad, 0x40, Load, 0x10_0000, 0x10_0000).Build(), "beyond end of file"),
            ["elf-segment-offset-wraps"] = t => Image(t, "segwrap.elf", new ElfBuilder { Entry = Load }.AddRaw(ElfBuilder.PtLoad, ulong.MaxValue - 3, Load, 8, 8).Build(), "beyond end of file"),
            ["elf-paddr-above-ram"] = t => Image(t, "above.elf", new ElfBuilder { Entry = RamEnd128M + 0x1000 }.AddLoad(RamEnd128M + 0x1000, Code).Build(), "outside RAM"),
            ["elf-segment-straddles-ram-end"] = t => Image(t, "straddle.elf", new ElfBuilder { Entry = RamEnd128M - 4 }.AddLoad(RamEnd128M - 4, Code).Build(), "does not fit"),
            ["elf-segment-wraps-address-space"] = t => Image(t, "wrap.elf", new ElfBuilder { Entry = Load }.AddLoad(Load, Code, memSize: ulong.MaxValue - 0x1000).Build(), "wraps"),
            ["elf-segment-in-vram"] = t => Image(t, "vram.elf", new ElfBuilder { Entry = 0x1000_0000 }.AddLoad(0x1000_0000, Code).Build(), "outside RAM"),
            ["elf-same-address-twice"] = t => Image(t, "twice.elf", new ElfBuilder { Entry = Load }.AddLoad(Load, Code).AddLoad(Load, Code).Build(), "overlap"),
            ["elf-no-pt-load"] = t => Image(t, "note.elf", new ElfBuilder { Entry = Load }.AddRaw(ElfBuilder.PtNote, 0x40, Load, 8, 8).Build(), "no loadable segment"),
            ["elf-only-empty-load"] = t => Image(t, "memsz0.elf", new ElfBuilder { Entry = Load }.AddRaw(ElfBuilder.PtLoad, 0x40, Load, 0, 0).Build(), "no loadable segment"),
            ["elf-entry-outside-segments"] = t => Image(t, "entry.elf", new ElfBuilder { Entry = Load + 0x10_0000 }.AddLoad(Load, Code).Build(), "entry point"),
            ["elf-larger-than-ram"] = t => Image(t, "big.elf", new ElfBuilder { Entry = RamBase }.AddLoad(RamBase, Code, memSize: 2UL << 20).Build(), "does not fit", "--memory", "1M"),
            ["elf-with-load-address"] = t => Image(t, "la.elf", Elf(), "only for raw binaries", "--load-address", "0x40100000"),
            // The file itself.
            ["image-is-a-directory"] = t => new MalformedInput(["run", Dir(t, "image.d")], t.File("image.d"), "is a directory"),
            ["image-unreadable"] = Unreadable,
            ["image-dangling-symlink"] = t => Symlink(t),
            // Linux arm64 Image headers.
            ["linux-image-truncated-header"] = t => Image(t, "Image-short", LinuxImage(0x8_0000, 0, 0)[..60], "truncated"),
            ["linux-image-big-endian"] = t => Image(t, "Image-be", LinuxImage(0x8_0000, 0x1000, flags: 1), "big-endian"),
            ["linux-image-text-offset-beyond-ram"] = t => Image(t, "Image-far", LinuxImage(1UL << 40, 0x1000, 0), "text_offset"),
            ["linux-image-size-larger-than-ram"] = t => Image(t, "Image-huge", LinuxImage(0x8_0000, 1UL << 30, 0), "does not fit"),
            ["linux-image-size-wraps"] = t => Image(t, "Image-wrap", LinuxImage(0x8_0000, ulong.MaxValue, 0), "wraps"),
            ["linux-image-leaves-no-room-for-the-dtb"] = t => Image(t, "Image-full", LinuxImage(0x8_0000, (128UL << 20) - 0x8_0000, 0), "no room for the device tree"),
            ["elf-fills-ram-leaving-no-room-for-the-dtb"] = t => Image(t, "full.elf", new ElfBuilder { Entry = RamBase }.AddLoad(RamBase, Code, memSize: 128UL << 20).Build(), "no room for the device tree"),
            ["linux-image-with-load-address"] = t => Image(t, "Image-la", LinuxImage(0x8_0000, 0x1000, 0), "only for raw binaries", "--load-address", "0x40080000"),
            // Raw binaries.
            ["raw-load-address-below-ram"] = t => Image(t, "low.bin", Code, "outside RAM", "--load-address", "0x1000"),
            ["raw-load-address-at-ram-end"] = t => Image(t, "end.bin", Code, "outside RAM", "--load-address", "0x48000000"),
            ["raw-straddles-ram-end"] = t => Image(t, "straddle.bin", Code, "does not fit", "--load-address", "0x47fffffc"),
            ["raw-load-address-wraps"] = t => Image(t, "wrap.bin", Code, "wraps", "--load-address", "0xfffffffffffffffc"),
            ["raw-larger-than-ram"] = t => Image(t, "big.bin", new byte[(1 << 20) + 4096], "does not fit", "--memory", "1M", "--load-address", "0x40000000"),
            ["raw-load-address-negative"] = t => Option("--load-address", "-4", t, image: RawFile(t)),
            ["raw-load-address-overflows"] = t => Option("--load-address", "0x10000000000000000", t, image: RawFile(t)),
            // Initial RAM disks given with --initrd.
            ["initrd-with-an-elf-kernel"] = t => new MalformedInput(["run", Hello, "--initrd", t.Write("rd.img", Code)], t.File("rd.img"), "needs a Linux kernel"),
            ["initrd-missing"] = t => new MalformedInput(["run", RawFile(t), "--initrd", t.File("absent.img")], t.File("absent.img"), "no such file"),
            ["initrd-empty"] = t => new MalformedInput(["run", RawFile(t), "--initrd", t.Write("empty.img", [])], t.File("empty.img"), "empty"),
            ["initrd-larger-than-ram"] = t => new MalformedInput(["run", RawFile(t), "--memory", "16M", "--initrd", t.Write("big.img", new byte[9 << 20])], t.File("big.img"), "does not fit"),
            ["initrd-with-dtb"] = t => new MalformedInput(["run", RawFile(t), "--dtb", t.Write("ok.dtb", ValidDtb()), "--initrd", t.Write("rd.img", Code)], t.File("rd.img"), "--dtb"),
            // Device trees given with --dtb.
            ["dtb-junk"] = t => Dtb(t, "junk.dtb", Encoding.ASCII.GetBytes("this is not a device tree, just text\n"), "bad magic"),
            ["dtb-truncated-4-bytes"] = t => Dtb(t, "four.dtb", ValidDtb()[..4], "truncated"),
            ["dtb-truncated-half"] = t => Dtb(t, "half.dtb", ValidDtb()[..(ValidDtb().Length / 2)], "truncated"),
            ["dtb-bad-magic"] = t => Dtb(t, "magic.dtb", Patch32(ValidDtb(), 0, 0xd00dfeee), "bad magic"),
            ["dtb-version-15"] = t => Dtb(t, "v15.dtb", Patch32(ValidDtb(), 20, 15), "version 15"),
            ["dtb-last-compatible-too-new"] = t => Dtb(t, "lcv.dtb", Patch32(ValidDtb(), 24, 99), "last compatible version"),
            ["dtb-totalsize-too-small"] = t => Dtb(t, "small.dtb", Patch32(ValidDtb(), 4, 16), "smaller than the header"),
            ["dtb-strings-beyond-blob"] = t => Dtb(t, "strings.dtb", Patch32(ValidDtb(), 12, 0x00FF_FF00), "strings block"),
            ["dtb-struct-beyond-blob"] = t => Dtb(t, "struct.dtb", Patch32(ValidDtb(), 8, 0x00FF_FF00), "structure block"),
            ["dtb-reservation-map-misaligned"] = t => Dtb(t, "rsv.dtb", Patch32(ValidDtb(), 16, 44), "memory reservation map"),
            ["dtb-larger-than-2M"] = t => Dtb(t, "huge.dtb", Grow(ValidDtb(), (2 << 20) + 8), "2 MiB"),
            ["dtb-empty"] = t => Dtb(t, "empty.dtb", [], "truncated"),
            ["dtb-with-append"] = t => new MalformedInput(["run", Hello, "--dtb", t.Write("ok.dtb", ValidDtb()), "--append", "console=ttyAMA0"], t.File("ok.dtb"), "--append"),
            ["dtb-missing"] = t => new MalformedInput(["run", Hello, "--dtb", t.File("absent.dtb")], t.File("absent.dtb"), "cannot read"),
            ["dtb-is-a-directory"] = t => new MalformedInput(["run", Hello, "--dtb", Dir(t, "dtb.d")], t.File("dtb.d"), "cannot read"),
            // Option values.
            ["memory-not-multiple-of-64K"] = t => Option("--memory", "1000K", t),
            ["memory-negative"] = t => Option("--memory", "-128M", t),
            ["memory-missing-value"] = t => new MalformedInput(["run", Hello, "--max-instructions", "10", "--memory"], "--memory", ""),
            ["max-instructions-negative"] = t => Option("--max-instructions", "-1", t),
            ["max-instructions-overflows"] = t => Option("--max-instructions", "99999999999999999999999", t),
            ["max-seconds-infinite"] = t => Option("--max-seconds", "Infinity", t),
            ["max-seconds-words"] = t => Option("--max-seconds", "1e999", t),
            ["gic-4"] = t => Option("--gic", "4", t),
            ["gic-v2"] = t => Option("--gic", "v2", t),
            ["rtc-time-negative"] = t => Option("--rtc-time", "-1", t),
            ["rtc-time-beyond-32-bits"] = t => Option("--rtc-time", "4294967296", t),
            ["cache-bad-preset"] = t => Option("--cache", "cortex-a99", t),
            ["cache-missing-file"] = t => Option("--cache", t.File("absent-cache.json"), t),
            ["cache-junk-json-file"] = t => new MalformedInput(["run", Hello, "--cache", t.Write("junk.json", "{ this is not json"u8.ToArray())], t.File("junk.json"), ""),
            ["cache-empty-json-object"] = t => new MalformedInput(["run", Hello, "--cache", t.Write("empty.json", "{}"u8.ToArray())], t.File("empty.json"), ""),
            ["cache-json-array"] = t => new MalformedInput(["run", Hello, "--cache", t.Write("array.json", "[1, 2, 3]"u8.ToArray())], t.File("array.json"), ""),
            ["policy-case-wrong"] = t => Option("--policy", "KVM", t),
            ["vram-2M"] = t => Option("--vram", "2M", t),
            ["vram-zero"] = t => Option("--vram", "0", t),
            ["refresh-1001"] = t => Option("--refresh", "1001", t),
            ["refresh-nan"] = t => Option("--refresh", "NaN", t),
            ["display-unknown"] = t => Option("--display", "vga", t),
            ["display-window-without-a-display"] = t => new MalformedInput(["run", Hello, "--display", "window"], "--display window", "no window"),
            ["frames-words"] = t => Option("--frames", "ten", t),
            ["host-prefetch-negative"] = t => Option("--host-prefetch", "-0.1", t),
            ["host-prefetch-nan"] = t => Option("--host-prefetch", "NaN", t),
            ["speculative-fills-too-many"] = t => Option("--speculative-fills", "2000000", t),
            ["seed-negative"] = t => Option("--seed", "-1", t),
            ["log-level-number"] = t => Option("--log-level", "3", t),
            ["trace-one-bad-category"] = t => Option("--trace", "cpu,bogus", t, named: "bogus"),
            ["record-into-a-file"] = t => new MalformedInput(["run", Hello, "--display", "headless", "--record", t.Write("plain-file", [1, 2, 3])], t.File("plain-file"), "") { AddsRecord = false },
            // Known bugs (see the report of issue 11's robustness work): these fail until fixed.
            ["report-in-unwritable-directory"] = t => new MalformedInput(["run", Hello, "--report", "/proc/emulator-report.json"], "--report", "") { WritesReport = false },
            ["log-file-in-missing-directory"] = t => new MalformedInput(["run", Hello, "--log-file", t.File("no-such-dir/run.log")], "--log-file", ""),
            ["frames-zero"] = t => Option("--frames", "0", t),
            ["log-file-is-a-directory"] = t => new MalformedInput(["run", Hello, "--log-file", Dir(t, "log.d")], "--log-file", ""),
            ["report-is-a-directory"] = t => new MalformedInput(["run", Hello, "--report", Dir(t, "report.d")], "--report", "is a directory") { WritesReport = false },
        };

    /// <summary>A bad value for an option, given with the hello sample: the line names the option and repeats the value.</summary>
    private static MalformedInput Option(string option, string value, TempDirectory temp, string? image = null, string? named = null) =>
        new(["run", image ?? Hello, option, value], option, named ?? value);

    private static MalformedInput Image(TempDirectory temp, string name, byte[] contents, string what, params string[] options)
    {
        string path = temp.Write(name, contents);
        return new MalformedInput(["run", path, .. options], path, what);
    }

    private static MalformedInput Dtb(TempDirectory temp, string name, byte[] contents, string what)
    {
        string path = temp.Write(name, contents);
        return new MalformedInput(["run", Hello, "--dtb", path], path, what);
    }

    private static MalformedInput Unreadable(TempDirectory temp)
    {
        // A damaged ELF identification, so that a reader who can read it anyway (root) is still refused, for another reason.
        string path = temp.Write("secret.bin", [0x7f, (byte)'E', (byte)'L', (byte)'G', .. Code]);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.None);
        bool readable;
        try
        {
            File.ReadAllBytes(path);
            readable = true;
        }
        catch (UnauthorizedAccessException)
        {
            readable = false;
        }
        return new MalformedInput(["run", path], path, readable ? "damaged identification" : "permission denied");
    }

    private static MalformedInput Symlink(TempDirectory temp)
    {
        string link = temp.File("dangling.elf");
        File.CreateSymbolicLink(link, temp.File("nowhere.elf"));
        return new MalformedInput(["run", link], link, "no such file");
    }

    private static string RawFile(TempDirectory temp) => temp.Write("code.bin", Code);

    private static string Dir(TempDirectory temp, string name)
    {
        string path = temp.File(name);
        Directory.CreateDirectory(path);
        return path;
    }

    private static byte[] Elf() => new ElfBuilder { Entry = Load }.AddLoad(Load, Code).Build();

    private static byte[] LinuxImage(ulong textOffset, ulong imageSize, ulong flags)
    {
        var image = new byte[4096];
        BinaryPrimitives.WriteUInt32LittleEndian(image, 0x14000010); // b +64
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(8), textOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(16), imageSize);
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(24), flags);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(56), 0x644d_5241); // "ARM\x64"
        return image;
    }

    private static byte[] ValidDtb() => VirtDeviceTree.Build(new VirtDeviceTreeConfig(128UL << 20, null, 2, 62_500_000));

    private static byte[] Patch(byte[] bytes, int offset, byte value)
    {
        bytes[offset] = value;
        return bytes;
    }

    private static byte[] Patch32(byte[] bytes, int offset, uint bigEndianValue)
    {
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(offset), bigEndianValue);
        return bytes;
    }

    /// <summary>The blob padded with zeros and its totalsize made to cover them.</summary>
    private static byte[] Grow(byte[] blob, int size)
    {
        var grown = new byte[size];
        blob.CopyTo(grown, 0);
        BinaryPrimitives.WriteUInt32BigEndian(grown.AsSpan(4), (uint)size);
        return grown;
    }
}
