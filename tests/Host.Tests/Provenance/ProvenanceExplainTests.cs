using System.Text.Json;
using Emulator.Devices.Vga;
using Emulator.Host.Provenance;
using Emulator.Host.Tests.EndToEnd;

namespace Emulator.Host.Tests.Provenance;

/// <summary>
/// Stale-pixel provenance end to end: the demo drawing Non-cacheable under kvm, recorded with
/// --record; `emulator explain` on a stale pixel (its cause and the guest's store), on a pixel that
/// matches the oracle, and its usage errors; the report's provenance section; and the write-back
/// guest, whose report has no stale pixel of any cause.
/// </summary>
public sealed class ProvenanceExplainTests : IClassFixture<ProvenanceExplainTests.Recording>
{
    private readonly Recording _run;

    public ProvenanceExplainTests(Recording run) => _run = run;

    public sealed class Recording : IDisposable
    {
        public Recording()
        {
            Result = EmulatorProcess.Run("run", EmulatorProcess.Sample("demo.elf"), "--display", "headless", "--append", "fb=nc",
                "--policy", "kvm", "--frames", "5", "--record", Directory.Path, "--report", Directory.File("report.json"));
        }

        internal TempDirectory Directory { get; } = new();

        internal ProcessResult Result { get; }

        public void Dispose() => Directory.Dispose();
    }

    [Fact]
    public void The_report_counts_stale_pixels_by_cause_and_they_add_up_to_the_display_total()
    {
        Assert.Equal(0, _run.Result.ExitCode);
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(_run.Directory.File("report.json")));
        JsonElement root = report.RootElement;
        long total = root.GetProperty("display").GetProperty("stale_pixels_total").GetInt64();
        JsonElement provenance = root.GetProperty("provenance");
        long sum = provenance.GetProperty("stale_pixels_by_cause").EnumerateObject().Sum(p => p.Value.GetInt64());
        Assert.True(total > 0);
        Assert.Equal(total, sum);
        Assert.Equal("stale-clean-line", provenance.GetProperty("dominant_cause").GetString());
        long perFrame = provenance.GetProperty("frames").EnumerateArray().Sum(f => f.GetProperty("stale_pixels").GetInt64());
        Assert.Equal(total, perFrame);
    }

    [Fact]
    public void A_stale_pixel_is_explained_by_the_guests_store_and_the_VMMs_old_line()
    {
        (long frame, int x, int y) = FindPixel(VgaFrame.Stale);
        var output = new StringWriter();
        int status = ExplainCommand(frame, x, y, output);
        string text = output.ToString();
        Assert.Equal(0, status);
        Assert.Contains("stale, cause stale-clean-line", text);
        Assert.Contains("<- the read the display shows", text);
        Assert.Contains("the VMM's scanout read the line from", text);
        Assert.Contains("the store at PC 0x", text);
        Assert.Contains("Non-cacheable (around the caches)", text);
        Assert.Contains("stage 1 Normal Non-cacheable (0x44)", text);
        Assert.Contains("<- the fill of the copy the read shown hit", text);
        // The dirty-log collection that had the VMM read the line again (the guest's store made the page dirty).
        Assert.Contains("the VMM collected the dirty log (KVM_GET_DIRTY_LOG, ", text);
        Assert.Contains("page dirty, the VMM reads it again <- the collection that had the VMM read the line", text);
    }

    [Fact]
    public void A_pixel_that_matches_the_oracle_is_not_stale()
    {
        (long frame, int x, int y) = FindPixel(VgaFrame.Same);
        var output = new StringWriter();
        Assert.Equal(0, ExplainCommand(frame, x, y, output));
        Assert.Contains("as the coherent oracle: not stale", output.ToString());
        Assert.DoesNotContain("cause", output.ToString());
    }

    [Fact]
    public void Explain_rejects_a_frame_or_pixel_out_of_range_and_a_run_that_was_not_recorded()
    {
        var output = new StringWriter();
        Assert.Equal(2, ExplainCommand(99, 0, 0, output));
        Assert.Equal(2, ExplainCommand(1, 640, 0, output));
        Assert.Equal(2, ExplainCommand(1, 0, -1, output));
        using var old = new TempDirectory();
        File.WriteAllText(old.File("frames.csv"), "number\n");
        Assert.Equal(2, Host.Cli.ExplainCommand.Execute(old.Path, 1, 0, 0, output));
        Assert.Equal(2, Host.Cli.ExplainCommand.Execute(old.File("missing"), 1, 0, 0, output));
        File.WriteAllText(Path.Combine(_run.Directory.Path, "provenance", "frame-000099.prov"), "not gzip");
        try
        {
            Assert.Equal(2, ExplainCommand(99, 0, 0, output));
        }
        finally
        {
            File.Delete(Path.Combine(_run.Directory.Path, "provenance", "frame-000099.prov"));
        }
        Assert.Empty(output.ToString());
    }

    [Fact]
    public void The_emulator_explain_command_line_prints_the_explanation()
    {
        (long frame, int x, int y) = FindPixel(VgaFrame.Stale);
        ProcessResult r = EmulatorProcess.Run("explain", _run.Directory.Path, "--frame", frame.ToString(), "--x", x.ToString(), "--y", y.ToString());
        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"frame {frame}, pixel ({x}, {y})", r.Stdout);
        ProcessResult bad = EmulatorProcess.Run("explain", _run.Directory.Path, "--frame", "1000", "--x", "0", "--y", "0");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("not in the recording", bad.Stderr);
    }

    [Fact]
    public void A_write_back_guest_has_no_stale_pixel_of_any_cause()
    {
        using var dir = new TempDirectory();
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("demo.elf"), "--display", "headless", "--append", "fb=wb",
            "--policy", "kvm", "--frames", "4", "--explain", "--report", dir.File("report.json"));
        Assert.Equal(0, r.ExitCode);
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(dir.File("report.json")));
        JsonElement provenance = report.RootElement.GetProperty("provenance");
        Assert.Equal("none", provenance.GetProperty("dominant_cause").GetString());
        Assert.All(provenance.GetProperty("stale_pixels_by_cause").EnumerateObject(), p => Assert.Equal(0, p.Value.GetInt64()));
        Assert.True(provenance.GetProperty("events").GetInt64() > 0);
    }

    private int ExplainCommand(long frame, int x, int y, TextWriter output) => Host.Cli.ExplainCommand.Execute(_run.Directory.Path, frame, x, y, output);

    /// <summary>The first pixel in the given state, from the last recorded frame that has one.</summary>
    private (long Frame, int X, int Y) FindPixel(byte state)
    {
        Assert.Equal(0, _run.Result.ExitCode);
        for (long n = 5; n >= 1; n--)
        {
            ProvenanceFile file = ProvenanceFile.Read(ProvenanceFile.PathOf(_run.Directory.Path, n));
            int i = Array.IndexOf(file.PixelState, state);
            if (i >= 0)
                return (n, i % file.Frame.Width, i / file.Frame.Width);
        }
        throw new Xunit.Sdk.XunitException($"no pixel in state {state} in any recorded frame");
    }
}
