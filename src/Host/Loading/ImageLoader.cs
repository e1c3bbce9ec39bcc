using System.Buffers.Binary;

namespace Emulator.Host.Loading;

/// <summary>
/// Loads the guest image named on the command line. The format is detected from the contents:
/// an ELF file (by its magic), a Linux arm64 <c>Image</c> (by the "ARM\x64" magic at offset 56),
/// otherwise a raw binary, loaded as QEMU's -kernel loads one (at RAM base + 0x80000, booted as a
/// Linux kernel) unless --load-address says where. Every problem, including any
/// malformed or hostile file, is reported as an <see cref="ImageLoadException"/> naming the file.
/// </summary>
public static class ImageLoader
{
    /// <summary>Linux arm64 Image magic "ARM\x64", little-endian, at offset 56 of the header.</summary>
    internal const uint LinuxImageMagic = 0x644d_5241;

    internal const int LinuxImageMagicOffset = 56;

    /// <summary>Where QEMU loads a raw -kernel: RAM base + 0x80000 (KERNEL64_LOAD_ADDR).</summary>
    public const ulong RawKernelOffset = 0x8_0000;

    /// <summary>Reads an initial RAM disk (--initrd); every problem is an <see cref="ImageLoadException"/> naming the file.</summary>
    public static byte[] ReadInitrd(string path)
    {
        byte[] contents = ReadFile(path);
        if (contents.Length == 0)
            throw new ImageLoadException(path, "initrd file is empty");
        return contents;
    }

    /// <summary>
    /// Reads and validates the image in <paramref name="path"/> for a board whose RAM is
    /// <c>[ramBase, ramBase + ramSize)</c>.
    /// </summary>
    /// <param name="path">The file as the user typed it; messages repeat it verbatim.</param>
    /// <param name="ramBase">Guest physical address of the first byte of RAM.</param>
    /// <param name="ramSize">Size of RAM in bytes.</param>
    /// <param name="loadAddress">The --load-address option: required for raw binaries, refused for ELF and Image files.</param>
    public static LoadedImage Load(string path, ulong ramBase, ulong ramSize, ulong? loadAddress)
    {
        ArgumentNullException.ThrowIfNull(path);
        CheckRam(ramBase, ramSize);
        byte[] contents = ReadFile(path);
        return Parse(path, contents, ramBase, ramSize, loadAddress);
    }

    /// <summary>
    /// Validates an image already in memory; <paramref name="fileName"/> is used only in messages.
    /// </summary>
    public static LoadedImage Parse(string fileName, byte[] contents, ulong ramBase, ulong ramSize, ulong? loadAddress)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(contents);
        CheckRam(ramBase, ramSize);

        if (contents.Length == 0)
        {
            throw new ImageLoadException(fileName, "file is empty");
        }

        var ram = new RamRange(ramBase, ramBase + ramSize);

        if (ElfImageLoader.HasElfMagic(contents))
        {
            if (loadAddress is not null)
            {
                throw new ImageLoadException(fileName,
                    "--load-address is only for raw binaries; an ELF file is loaded at the physical addresses in its program headers");
            }

            return ElfImageLoader.Load(fileName, contents, ram);
        }

        if (contents.Length >= LinuxImageMagicOffset + 4
            && BinaryPrimitives.ReadUInt32LittleEndian(contents.AsSpan(LinuxImageMagicOffset)) == LinuxImageMagic)
        {
            if (loadAddress is not null)
            {
                throw new ImageLoadException(fileName,
                    "--load-address is only for raw binaries; an arm64 Image is loaded at RAM base + its text_offset");
            }

            return LinuxImageLoader.Load(fileName, contents, ram);
        }

        if (loadAddress is not ulong address)
        {
            if (contents.Length >= 2 && contents[0] == 0x7f && contents[1] == (byte)'E')
            {
                throw new ImageLoadException(fileName,
                    "looks like an ELF file with a damaged identification (magic); give --load-address to load it as a raw binary anyway");
            }

            // QEMU's -kernel: anything else is a raw Linux kernel at RAM base + KERNEL64_LOAD_ADDR.
            ulong kernelAddress = ramBase + RawKernelOffset;
            ram.Check(fileName, "raw image", kernelAddress, (ulong)contents.Length);
            return new LoadedImage(ImageFormat.Raw, kernelAddress, [new LoadedSegment(kernelAddress, contents, (ulong)contents.Length)], IsLinuxKernel: true);
        }

        return LoadRaw(fileName, contents, ram, address);
    }

    private static LoadedImage LoadRaw(string fileName, byte[] contents, RamRange ram, ulong address)
    {
        ram.Check(fileName, "raw image", address, (ulong)contents.Length);
        var segment = new LoadedSegment(address, contents, (ulong)contents.Length);
        return new LoadedImage(ImageFormat.Raw, address, [segment], IsLinuxKernel: false);
    }

    private static void CheckRam(ulong ramBase, ulong ramSize)
    {
        if (ramSize == 0 || ramSize > ulong.MaxValue - ramBase)
        {
            throw new ArgumentOutOfRangeException(nameof(ramSize), ramSize,
                $"RAM at 0x{ramBase:x} of size 0x{ramSize:x} is empty or wraps the address space");
        }
    }

    private static byte[] ReadFile(string path)
    {
        if (path.Length == 0)
        {
            throw new ImageLoadException(path, "no file name given");
        }

        try
        {
            if (Directory.Exists(path))
            {
                throw new ImageLoadException(path, "is a directory, not an image file");
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (!stream.CanSeek)
            {
                throw new ImageLoadException(path, "not a regular file");
            }

            long length = stream.Length;
            if (length > Array.MaxLength)
            {
                throw new ImageLoadException(path, $"file is too large ({length} bytes)");
            }

            var contents = new byte[length];
            int read = stream.ReadAtLeast(contents, contents.Length, throwOnEndOfStream: false);
            if (read != contents.Length)
            {
                throw new ImageLoadException(path, $"file shrank while being read ({read} of {length} bytes)");
            }

            return contents;
        }
        catch (FileNotFoundException e)
        {
            throw new ImageLoadException(path, "no such file", e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new ImageLoadException(path, "no such file", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ImageLoadException(path, "permission denied", e);
        }
        catch (IOException e)
        {
            throw new ImageLoadException(path, $"cannot read: {e.Message}", e);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new ImageLoadException(path, "invalid file name", e);
        }
    }
}

/// <summary>Guest RAM <c>[Start, End)</c>, with the containment check every loader applies.</summary>
internal readonly record struct RamRange(ulong Start, ulong End)
{
    /// <summary>
    /// Throws unless <c>[address, address + size)</c> lies inside RAM. Safe for any inputs:
    /// a range that wraps past 2^64 is reported as such.
    /// </summary>
    public void Check(string fileName, string what, ulong address, ulong size)
    {
        if (size > ulong.MaxValue - address)
        {
            throw new ImageLoadException(fileName,
                $"{what} at 0x{address:x} with size 0x{size:x} wraps past the end of the 64-bit address space");
        }

        ulong end = address + size;
        if (address >= Start && end <= End)
        {
            return;
        }

        string how = end <= Start || address >= End ? "lies outside" : "does not fit in";
        throw new ImageLoadException(fileName,
            $"{what} [0x{address:x}, 0x{end:x}) {how} RAM [0x{Start:x}, 0x{End:x})");
    }
}
