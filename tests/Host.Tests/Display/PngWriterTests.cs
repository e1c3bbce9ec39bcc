using System.Diagnostics;
using Emulator.Host.Display;
using Emulator.Host.Tests.EndToEnd;

namespace Emulator.Host.Tests.Display;

public sealed class PngWriterTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(320, 240)]
    [InlineData(7, 3)]
    public void Rgba_png_parses_with_valid_crcs_and_round_trips_every_pixel(int width, int height)
    {
        uint[] pixels = Pattern(width, height, alpha: true);
        var stream = new MemoryStream();
        PngWriter.Write(stream, width, height, pixels);

        PngImage image = PngReader.Read(stream.ToArray());

        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.Equal(6, image.ColourType);
        Assert.Equal(["IHDR", "IDAT", "IEND"], image.Chunks);
        Assert.Equal(pixels, image.Pixels);
    }

    [Fact]
    public void Rgb_png_drops_alpha_and_keeps_colours()
    {
        uint[] pixels = Pattern(64, 32, alpha: false);
        var stream = new MemoryStream();
        PngWriter.WriteRgb(stream, 64, 32, pixels);

        PngImage image = PngReader.Read(stream.ToArray());

        Assert.Equal(2, image.ColourType);
        Assert.Equal(pixels, image.Pixels);
    }

    [Fact]
    public void Chunk_crcs_are_the_png_specifications_known_values()
    {
        using var stream = new MemoryStream();
        PngWriter.Write(stream, 1, 1, [0xFF000000]);
        byte[] png = stream.ToArray();
        // Every PNG ends with the empty IEND chunk, whose CRC-32 over "IEND" is 0xAE426082.
        Assert.Equal(new byte[] { 0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82 }, png[^12..]);
        // IHDR of a 1x1 8-bit RGBA image: 13 bytes, then CRC-32 0x1F15C489 over "IHDR" and them.
        Assert.Equal(new byte[] { 0x1F, 0x15, 0xC4, 0x89 }, png[29..33]);
    }

    [Fact]
    public void Too_few_pixels_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PngWriter.Write(new MemoryStream(), 4, 4, new uint[15]));
        Assert.Throws<ArgumentOutOfRangeException>(() => PngWriter.Write(new MemoryStream(), 0, 4, []));
    }

    [Fact]
    public void WriteFile_leaves_the_png_and_no_temporary_file()
    {
        using var temp = new TempDirectory();
        string path = temp.File("a.png");
        PngWriter.WriteFile(path, 320, 240, Pattern(320, 240, alpha: false));

        Assert.Equal(Pattern(320, 240, alpha: false), PngReader.Read(path).Pixels);
        Assert.Equal(["a.png"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void ImageMagick_identify_accepts_the_png_with_its_size_and_colours()
    {
        string? identify = EmulatorProcess.FindTool("identify");
        if (identify is null)
        {
            Console.WriteLine("skipped: ImageMagick's identify is not installed (scripts/install-deps.sh installs it)");
            return;
        }
        using var temp = new TempDirectory();
        string path = temp.File("pattern.png");
        PngWriter.WriteFile(path, 320, 240, Pattern(320, 240, alpha: false));

        var start = new ProcessStartInfo(identify) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (string a in new[] { "-regard-warnings", "-format", "%m %w %h %[pixel:p{10,20}]", path })
            start.ArgumentList.Add(a);
        ProcessResult r = EmulatorProcess.Execute(start, null, TimeSpan.FromSeconds(30));

        Assert.True(r.ExitCode == 0, $"identify failed: {r.Stderr}");
        Assert.Equal(string.Empty, r.Stderr);
        uint p = TestFrames.HostPixel(10, 20);
        Assert.Equal($"PNG 320 240 srgba({p & 0xFF},{(p >> 8) & 0xFF},{(p >> 16) & 0xFF},1)", r.Stdout.Trim());
    }

    /// <summary>Every pixel different, alpha varied too when asked (opaque otherwise).</summary>
    private static uint[] Pattern(int width, int height, bool alpha)
    {
        var pixels = new uint[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                uint p = TestFrames.HostPixel(x, y);
                pixels[(y * width) + x] = alpha ? (p & 0x00FFFFFF) | ((uint)((x * 5) + y) & 0xFF) << 24 : p;
            }
        }
        return pixels;
    }
}
