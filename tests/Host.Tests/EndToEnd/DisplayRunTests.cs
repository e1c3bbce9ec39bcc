using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Emulator.Host.Display;
using Emulator.Host.Tests.Display;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// The demo guest on the headless display as a user runs it: `--frames N --record DIR --report`,
/// the report's display section against frames.csv and the PNG files (read back with the tests'
/// own PNG reader), stale pixels with `fb=nc --policy kvm` and none with `fb=wb` or s2fwb, the same
/// run twice giving the same frames, and the display options' bad values.
/// </summary>
public sealed class DisplayRunTests
{
    private const uint Red = 0xFF0000FF, Yellow = 0xFF00FFFF; // RGBA, R in bits 7:0
    private const int PagePixels = 4096 / 4;                 // 640x480x32: a VRAM page holds 1024 pixels

    [Fact]
    public void Nc_framebuffer_under_kvm_shows_stale_pixels_and_the_diff_images_mark_exactly_them()
    {
        using var temp = new TempDirectory();
        Run run = RunDemo(temp, 12, "--append", "fb=nc", "--policy", "kvm");

        Assert.Equal(0, run.Result.ExitCode);
        Assert.Equal("demo: mode 640x480x32 fb=nc\n", run.Result.Stdout);
        Assert.Equal("frames", run.Report.GetProperty("exit").GetProperty("reason").GetString());
        Assert.Equal(0, run.Report.GetProperty("exit").GetProperty("status").GetInt32());
        JsonElement display = run.Report.GetProperty("display");
        Assert.Equal(12, display.GetProperty("frames").GetInt64());
        Assert.Equal("640x480x32", display.GetProperty("mode").GetString());
        long framesWithStale = display.GetProperty("frames_with_stale").GetInt64();
        Assert.True(framesWithStale > 0, "fb=nc under the kvm policy must show stale pixels");

        // frames.csv: one row per displayed frame, numbered 1..12, agreeing with the report.
        Assert.Equal(Enumerable.Range(1, 12).Select(n => (long)n), run.Frames.Select(f => f.Number));
        Assert.Equal(display.GetProperty("stale_pixels_total").GetInt64(), run.Frames.Sum(f => f.Stale));
        Assert.Equal(display.GetProperty("stale_pixels_max").GetInt64(), run.Frames.Max(f => f.Stale));
        Assert.Equal(framesWithStale, run.Frames.Count(f => f.Stale > 0));
        Assert.Equal(display.GetProperty("last_frame_hash").GetString(), run.Frames[^1].Hash);
        Assert.True(run.Frames[0].FullRedraw, "the first frame is a full redraw");
        foreach (CsvFrame f in run.Frames)
        {
            foreach (string suffix in new[] { "", "-oracle", "-diff" })
                Assert.True(File.Exists(temp.File($"rec/frame-{f.Number:D6}{suffix}.png")), $"frame-{f.Number:D6}{suffix}.png");
        }

        // The first frame and the first and last frames with stale pixels, pixel by pixel.
        CsvFrame[] stale = run.Frames.Where(f => f.Stale > 0).ToArray();
        foreach (CsvFrame f in new[] { run.Frames[0], stale[0], stale[^1] }.Distinct())
            CheckImages(temp, f);

        AssertIdentifyAccepts(temp.File("rec/frame-000001.png"), temp.File("rec/frame-000001-oracle.png"),
            temp.File($"rec/frame-{stale[0].Number:D6}-diff.png"));
    }

    [Theory]
    [InlineData("fb=wb", "kvm")]
    [InlineData("fb=nc", "s2fwb")]
    public void Coherent_configurations_show_no_stale_pixel_on_any_frame(string append, string policy)
    {
        using var temp = new TempDirectory();
        Run run = RunDemo(temp, 8, "--append", append, "--policy", policy);

        Assert.Equal(0, run.Result.ExitCode);
        Assert.Equal("frames", run.Report.GetProperty("exit").GetProperty("reason").GetString());
        Assert.Equal(policy, run.Report.GetProperty("stage2").GetProperty("policy").GetString());
        JsonElement display = run.Report.GetProperty("display");
        Assert.Equal(8, display.GetProperty("frames").GetInt64());
        Assert.Equal(0, display.GetProperty("stale_pixels_total").GetInt64());
        Assert.Equal(0, display.GetProperty("stale_pixels_max").GetInt64());
        Assert.Equal(0, display.GetProperty("frames_with_stale").GetInt64());
        Assert.Equal(8, run.Frames.Count);
        Assert.All(run.Frames, f => Assert.Equal(0, f.Stale));
        Assert.True(run.Frames.Sum(f => f.DirtyPages) > 0, "the guest drew something");
    }

    [Fact]
    public void The_same_run_twice_gives_the_same_frames_hashes_and_counts()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        string[] options = ["--append", "fb=nc", "--policy", "kvm"];
        Run a = RunDemo(first, 8, options);
        Run b = RunDemo(second, 8, options);

        Assert.Equal(0, a.Result.ExitCode);
        Assert.Equal(0, b.Result.ExitCode);
        foreach (string field in new[] { "instructions", "cycles" })
            Assert.Equal(a.Report.GetProperty(field).GetUInt64(), b.Report.GetProperty(field).GetUInt64());
        Assert.Equal(a.Report.GetProperty("display").GetRawText(), b.Report.GetProperty("display").GetRawText());
        Assert.Equal(File.ReadAllText(first.File("rec/frames.csv")), File.ReadAllText(second.File("rec/frames.csv")));
        Assert.Equal(File.ReadAllBytes(first.File("rec/frame-000008-diff.png")), File.ReadAllBytes(second.File("rec/frame-000008-diff.png")));
        Assert.True(a.Frames.Select(f => f.Hash).Distinct().Count() > 1, "the scene moves");
    }

    [Theory]
    [InlineData("--policy", "bogus")]
    [InlineData("--vram", "3M")]
    [InlineData("--vram", "512M")]
    [InlineData("--vram", "x")]
    [InlineData("--refresh", "0")]
    [InlineData("--refresh", "abc")]
    [InlineData("--display", "tv")]
    [InlineData("--frames", "-1")]
    [InlineData("--host-prefetch", "2")]
    [InlineData("--speculative-fills", "-3")]
    [InlineData("--seed", "x")]
    public void Bad_display_option_value_names_the_option_exits_2_and_reports_error(string option, string value)
    {
        using var temp = new TempDirectory();
        string report = temp.File("report.json");
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("demo.elf"), "--max-instructions", "100000",
            "--report", report, option, value); // the instruction bound ends the run should the value be accepted

        Assert.Equal(2, r.ExitCode);
        Assert.Equal(string.Empty, r.Stdout);
        string line = r.Stderr.Split('\n')[0];
        Assert.Contains(option + ":", line);
        Assert.Contains(value, line);
        Assert.DoesNotContain(option, string.Join('\n', r.Stderr.Split('\n').Skip(1)));
        JsonElement json = EmulatorProcess.ReadReport(report);
        Assert.Equal("error", json.GetProperty("exit").GetProperty("reason").GetString());
        Assert.Equal(2, json.GetProperty("exit").GetProperty("status").GetInt32());
        Assert.Contains(option, json.GetProperty("exit").GetProperty("message").GetString());
        Assert.Equal(0UL, json.GetProperty("instructions").GetUInt64());
        Assert.False(json.TryGetProperty("display", out JsonElement d) && d.GetProperty("frames").GetInt64() > 0);
    }

    /// <summary>
    /// The host view's FNV-1a hash is the CSV's; the diff image is pure red exactly where the host
    /// view differs from the oracle on a page that is not pending, yellow where the page is pending
    /// (so no 4 KiB page has both), and grey elsewhere.
    /// </summary>
    private static void CheckImages(TempDirectory temp, CsvFrame f)
    {
        PngImage host = PngReader.Read(temp.File($"rec/frame-{f.Number:D6}.png"));
        PngImage oracle = PngReader.Read(temp.File($"rec/frame-{f.Number:D6}-oracle.png"));
        PngImage diff = PngReader.Read(temp.File($"rec/frame-{f.Number:D6}-diff.png"));
        foreach (PngImage image in new[] { host, oracle })
            Assert.Equal((640, 480), (image.Width, image.Height));
        Assert.Equal((640, 480 + FrameImages.LegendHeight), (diff.Width, diff.Height)); // the legend strip below
        Assert.Equal(f.Hash, $"0x{Fnv1a(host.Pixels):x16}");

        int red = 0, yellow = 0;
        var pageHas = new int[(640 * 480) / PagePixels]; // bit 0: red, bit 1: yellow
        for (int i = 0; i < host.Pixels.Length; i++)
        {
            uint d = diff.Pixels[i];
            if (host.Pixels[i] == oracle.Pixels[i])
            {
                bool grey = (d & 0xFF) == ((d >> 8) & 0xFF) && (d & 0xFF) == ((d >> 16) & 0xFF);
                Assert.True(grey, $"frame {f.Number}: pixel ({i % 640},{i / 640}) equals the oracle but the diff shows 0x{d:X8}");
                continue;
            }
            if (d == Red)
            {
                red++;
                pageHas[i / PagePixels] |= 1;
            }
            else if (d == Yellow)
            {
                yellow++;
                pageHas[i / PagePixels] |= 2;
            }
            else
            {
                Assert.Fail($"frame {f.Number}: pixel ({i % 640},{i / 640}) differs from the oracle but the diff shows 0x{d:X8}");
            }
        }
        Assert.Equal(f.Stale, red);
        Assert.Equal(f.Pending, yellow);
        Assert.DoesNotContain(3, pageHas);
    }

    private static void AssertIdentifyAccepts(params string[] files)
    {
        string? identify = EmulatorProcess.FindTool("identify");
        if (identify is null)
            return; // ImageMagick not installed and not required: the PNG reader's checks stand alone
        foreach (string file in files)
        {
            var start = new ProcessStartInfo(identify)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (string a in new[] { "-regard-warnings", "-format", "%m %w %h", file })
                start.ArgumentList.Add(a);
            ProcessResult r = EmulatorProcess.Execute(start, null, TimeSpan.FromSeconds(30));
            Assert.True(r.ExitCode == 0, $"identify {file}: {r.Stderr}");
            int height = file.EndsWith("-diff.png", StringComparison.Ordinal) ? 480 + FrameImages.LegendHeight : 480;
            Assert.Equal($"PNG 640 {height}", r.Stdout.Trim());
            Assert.Equal(string.Empty, r.Stderr);
        }
    }

    private static ulong Fnv1a(uint[] rgba)
    {
        ulong h = 0xcbf29ce484222325;
        foreach (uint p in rgba)
        {
            for (int shift = 0; shift < 32; shift += 8)
                h = (h ^ ((p >> shift) & 0xFF)) * 0x100000001b3;
        }
        return h;
    }

    private static Run RunDemo(TempDirectory temp, int frames, params string[] options)
    {
        string report = temp.File("report.json");
        ProcessResult r = EmulatorProcess.Run(["run", EmulatorProcess.Sample("demo.elf"), "--display", "headless",
            "--frames", frames.ToString(CultureInfo.InvariantCulture), "--record", temp.File("rec"), "--report", report, .. options]);
        Assert.True(r.ExitCode == 0, $"exit status {r.ExitCode}: {r.Stderr}");
        return new Run(r, EmulatorProcess.ReadReport(report), ReadCsv(temp.File("rec/frames.csv")));
    }

    /// <summary>Reads frames.csv by its header's column names.</summary>
    internal static List<CsvFrame> ReadCsv(string path)
    {
        string[] lines = File.ReadAllLines(path);
        string[] header = lines[0].Split(',');
        int Column(string name)
        {
            int i = Array.IndexOf(header, name);
            Assert.True(i >= 0, $"frames.csv has no column {name}: {lines[0]}");
            return i;
        }
        int number = Column("number"), stale = Column("stale"), pending = Column("pending"), dirty = Column("dirty_pages"),
            hash = Column("hash"), full = Column("full_redraw");
        var rows = new List<CsvFrame>();
        foreach (string line in lines.Skip(1))
        {
            string[] c = line.Split(',');
            Assert.Equal(header.Length, c.Length);
            rows.Add(new CsvFrame(long.Parse(c[number], CultureInfo.InvariantCulture), long.Parse(c[stale], CultureInfo.InvariantCulture),
                long.Parse(c[pending], CultureInfo.InvariantCulture), long.Parse(c[dirty], CultureInfo.InvariantCulture), c[hash], c[full] == "1"));
        }
        return rows;
    }

    internal sealed record CsvFrame(long Number, long Stale, long Pending, long DirtyPages, string Hash, bool FullRedraw);

    private sealed record Run(ProcessResult Result, JsonElement Report, List<CsvFrame> Frames);
}
