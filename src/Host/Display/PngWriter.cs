using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Emulator.Host.Display;

/// <summary>
/// Writes 8-bit truecolour PNG files (RGBA or RGB) from RGBA pixels (R in bits 7:0, A in 31:24):
/// signature, IHDR, one IDAT (rows with the Up filter, deflated with <see cref="ZLibStream"/>),
/// IEND, each chunk with its CRC-32 (PNG specification, ISO/IEC 15948, sections 5 and 11): the
/// ISO-HDLC CRC-32 of System.IO.Hashing's <see cref="Crc32"/>, which is the one PNG's annex D
/// specifies (reflected polynomial 0xEDB88320, initial and final value all ones).
/// </summary>
public static class PngWriter
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private const byte ColourTypeRgb = 2;
    private const byte ColourTypeRgba = 6;
    private const byte FilterUp = 2;

    /// <summary>Writes an RGBA PNG of <paramref name="width"/> x <paramref name="height"/> row-major pixels.</summary>
    public static void Write(Stream stream, int width, int height, ReadOnlySpan<uint> rgba) =>
        Write(stream, width, height, rgba, alpha: true);

    /// <summary>Writes an RGB PNG (alpha dropped: frames are opaque), a quarter smaller.</summary>
    public static void WriteRgb(Stream stream, int width, int height, ReadOnlySpan<uint> rgba) =>
        Write(stream, width, height, rgba, alpha: false);

    /// <summary>Writes an RGBA PNG to a file through a temporary name, so no partial file is ever seen under <paramref name="path"/>.</summary>
    public static void WriteFile(string path, int width, int height, ReadOnlySpan<uint> rgba)
    {
        string temporary = path + ".tmp";
        using (FileStream file = File.Create(temporary))
        {
            Write(file, width, height, rgba);
        }
        File.Move(temporary, path, overwrite: true);
    }

    private static void Write(Stream stream, int width, int height, ReadOnlySpan<uint> rgba, bool alpha)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (width <= 0 || height <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), $"a PNG is at least 1x1, not {width}x{height}");
        if (rgba.Length < (long)width * height)
            throw new ArgumentException($"{rgba.Length} pixels given for a {width}x{height} image", nameof(rgba));

        stream.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8; // bit depth
        header[9] = alpha ? ColourTypeRgba : ColourTypeRgb;
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method 0
        header[12] = 0; // no interlace
        WriteChunk(stream, "IHDR"u8, header);

        using (var data = new MemoryStream())
        {
            using (var zlib = new ZLibStream(data, CompressionLevel.Fastest, leaveOpen: true))
                WriteRows(zlib, width, height, rgba, alpha ? 4 : 3);
            WriteChunk(stream, "IDAT"u8, data.GetBuffer().AsSpan(0, (int)data.Length));
        }
        WriteChunk(stream, "IEND"u8, default);
    }

    /// <summary>Each row: the filter byte, then every byte minus the byte above it (Up filter).</summary>
    private static void WriteRows(Stream zlib, int width, int height, ReadOnlySpan<uint> rgba, int channels)
    {
        int rowBytes = width * channels;
        byte[] buffer = ArrayPool<byte>.Shared.Rent((2 * rowBytes) + 1);
        try
        {
            Span<byte> previous = buffer.AsSpan(0, rowBytes);
            Span<byte> line = buffer.AsSpan(rowBytes, rowBytes + 1);
            previous.Clear();
            for (int y = 0; y < height; y++)
            {
                ReadOnlySpan<uint> row = rgba.Slice(y * width, width);
                line[0] = FilterUp;
                Span<byte> filtered = line[1..];
                for (int x = 0, i = 0; x < width; x++)
                {
                    uint p = row[x];
                    for (int c = 0; c < channels; c++, i++)
                    {
                        byte value = (byte)(p >> (8 * c));
                        filtered[i] = (byte)(value - previous[i]);
                        previous[i] = value;
                    }
                }
                zlib.Write(line);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void WriteChunk(Stream stream, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        stream.Write(word);
        stream.Write(type);
        stream.Write(data);
        var crc = new Crc32();
        crc.Append(type);
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc.GetCurrentHashAsUInt32());
        stream.Write(word);
    }
}
