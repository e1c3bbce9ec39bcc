using System.Buffers.Binary;
using System.IO.Compression;

namespace Emulator.Host.Tests.Display;

/// <summary>A decoded PNG: pixels as RGBA (R in bits 7:0), whatever colour type the file used.</summary>
internal sealed record PngImage(int Width, int Height, byte ColourType, uint[] Pixels, IReadOnlyList<string> Chunks);

/// <summary>
/// A minimal, independent PNG reader for the tests: checks the signature and every chunk's CRC
/// (computed bit by bit, not with the writer's table), inflates the IDAT data, undoes the five
/// filter types. 8-bit greyscale, RGB, grey+alpha and RGBA, not interlaced.
/// </summary>
internal static class PngReader
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static PngImage Read(string path) => Read(File.ReadAllBytes(path));

    public static PngImage Read(byte[] file)
    {
        Assert.True(file.AsSpan(0, 8).SequenceEqual(Signature), "PNG signature");
        int offset = 8;
        int width = 0, height = 0;
        byte colourType = 0;
        var idat = new MemoryStream();
        var chunks = new List<string>();
        while (true)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(offset));
            string type = System.Text.Encoding.ASCII.GetString(file, offset + 4, 4);
            ReadOnlySpan<byte> typeAndData = file.AsSpan(offset + 4, 4 + length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset + 8 + length));
            Assert.True(Crc32(typeAndData) == crc, $"CRC of chunk {type}");
            ReadOnlySpan<byte> data = typeAndData[4..];
            chunks.Add(type);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    Assert.Equal(8, data[8]);
                    colourType = data[9];
                    Assert.Equal(0, data[12]);
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }
            offset += 12 + length;
            if (type == "IEND")
                break;
        }
        Assert.Equal(file.Length, offset);
        int channels = colourType switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, _ => throw new NotSupportedException($"colour type {colourType}") };
        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        var raw = new MemoryStream();
        zlib.CopyTo(raw);
        byte[] bytes = raw.ToArray();
        int stride = width * channels;
        Assert.Equal(height * (stride + 1), bytes.Length);
        var pixels = new uint[width * height];
        var previous = new byte[stride];
        var line = new byte[stride];
        for (int y = 0; y < height; y++)
        {
            int start = y * (stride + 1);
            byte filter = bytes[start];
            for (int i = 0; i < stride; i++)
            {
                int a = i >= channels ? line[i - channels] : 0;
                int b = previous[i];
                int c = i >= channels ? previous[i - channels] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"filter {filter}"),
                };
                line[i] = (byte)(bytes[start + 1 + i] + predictor);
            }
            for (int x = 0; x < width; x++)
            {
                ReadOnlySpan<byte> p = line.AsSpan(x * channels, channels);
                (uint r, uint g, uint bl, uint al) = channels switch
                {
                    1 => (p[0], p[0], p[0], 255u),
                    2 => (p[0], p[0], p[0], (uint)p[1]),
                    3 => (p[0], p[1], p[2], 255u),
                    _ => ((uint)p[0], (uint)p[1], (uint)p[2], (uint)p[3]),
                };
                pixels[(y * width) + x] = r | (g << 8) | (bl << 16) | (al << 24);
            }
            (previous, line) = (line, previous);
        }
        return new PngImage(width, height, colourType, pixels, chunks);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte value in bytes)
        {
            crc ^= value;
            for (int k = 0; k < 8; k++)
                crc = (crc >> 1) ^ (0xEDB88320 & (0 - (crc & 1)));
        }
        return ~crc;
    }
}
