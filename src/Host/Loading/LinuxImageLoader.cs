using System.Buffers.Binary;

namespace Emulator.Host.Loading;

/// <summary>
/// Loads a Linux arm64 <c>Image</c> following Documentation/arch/arm64/booting.rst. The 64-byte
/// header is:
/// <code>
///   u32 code0; u32 code1; u64 text_offset; u64 image_size; u64 flags;
///   u64 res2; u64 res3; u64 res4; u32 magic = "ARM\x64"; u32 res5;
/// </code>
/// The kernel is placed at a 2 MiB aligned base plus text_offset; we use the start of RAM as the
/// base (RAM on virt is 1 GiB aligned). Kernels older than 3.17 have image_size 0, and for them
/// text_offset is taken to be 0x80000. The entry point is the first byte of the image.
/// </summary>
/// <remarks>
/// QEMU (hw/arm/boot.c) moves an image with text_offset below 4 KiB up by 2 MiB, because it puts
/// its own boot stub at the bottom of RAM. This emulator sets up the boot registers itself and
/// has no stub there, so the image goes exactly where booting.rst allows.
/// </remarks>
internal static class LinuxImageLoader
{
    private const int HeaderSize = 64;
    private const ulong LegacyTextOffset = 0x8_0000;
    private const ulong FlagBigEndian = 1;

    public static LoadedImage Load(string fileName, byte[] contents, RamRange ram)
    {
        if (contents.Length < HeaderSize)
        {
            throw new ImageLoadException(fileName,
                $"truncated: arm64 Image header needs {HeaderSize} bytes, file has {contents.Length}");
        }

        ReadOnlySpan<byte> header = contents;
        ulong textOffset = BinaryPrimitives.ReadUInt64LittleEndian(header[8..]);
        ulong imageSize = BinaryPrimitives.ReadUInt64LittleEndian(header[16..]);
        ulong flags = BinaryPrimitives.ReadUInt64LittleEndian(header[24..]);

        if (imageSize == 0)
        {
            textOffset = LegacyTextOffset;
        }
        else if ((flags & FlagBigEndian) != 0)
        {
            throw new ImageLoadException(fileName, "arm64 Image is a big-endian kernel; only little-endian is supported");
        }

        ulong ramSize = ram.End - ram.Start;
        if (textOffset >= ramSize)
        {
            throw new ImageLoadException(fileName,
                $"arm64 Image text_offset 0x{textOffset:x} lies outside RAM [0x{ram.Start:x}, 0x{ram.End:x})");
        }

        // QEMU (load_aarch64_image): a text_offset below 4 KiB would overlap its boot stub at RAM
        // base, so the kernel goes 2 MiB higher (Linux 6.1's text_offset 0 lands at 0x40200000).
        if (textOffset < 4096)
        {
            textOffset += 2UL << 20;
        }

        ulong loadAddress = ram.Start + textOffset;
        ulong memorySize = Math.Max(imageSize, (ulong)contents.Length);
        ram.Check(fileName, "arm64 Image", loadAddress, memorySize);

        var segment = new LoadedSegment(loadAddress, contents, memorySize);
        return new LoadedImage(ImageFormat.LinuxImage, loadAddress, [segment], IsLinuxKernel: true);
    }
}
