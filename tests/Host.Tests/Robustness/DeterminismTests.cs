using System.Text.Json;
using Emulator.Host.Tests.EndToEnd;
using Xunit.Abstractions;

namespace Emulator.Host.Tests.Robustness;

/// <summary>
/// Issue 11's determinism check: the demo, run three times with the same command line, gives the
/// same instruction count, cycles, last frame hash and the same frames.csv (every frame's number,
/// cycles, stale and pending pixels, dirty pages and hash), whatever the host's speed.
/// </summary>
public sealed class DeterminismTests(ITestOutputHelper output)
{
    [Fact]
    public void Demo_run_three_times_gives_identical_counts_hashes_and_frames_csv()
    {
        using var temp = new TempDirectory();
        var runs = new List<(ulong Instructions, ulong Cycles, string Hash, string Csv)>();
        for (int i = 0; i < 3; i++)
        {
            string report = temp.File($"report-{i}.json");
            string record = temp.File($"rec-{i}");
            ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("demo.elf"), "--frames", "8", "--display", "headless",
                "--record", record, "--report", report);
            Assert.True(r.ExitCode == 0, r.Stderr);
            JsonElement json = EmulatorProcess.ReadReport(report);
            Assert.Equal("frames", json.GetProperty("exit").GetProperty("reason").GetString());
            Assert.Equal(8, json.GetProperty("display").GetProperty("frames").GetInt32());
            string csv = File.ReadAllText(Path.Combine(record, "frames.csv"));
            Assert.Equal(9, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header + 8 frames
            runs.Add((json.GetProperty("instructions").GetUInt64(), json.GetProperty("cycles").GetUInt64(),
                json.GetProperty("display").GetProperty("last_frame_hash").GetString()!, csv));
            output.WriteLine($"run {i}: {runs[i].Instructions} instructions, {runs[i].Cycles} cycles, last frame {runs[i].Hash}, wall {json.GetProperty("wall_seconds").GetDouble():F2} s");
        }
        Assert.StartsWith("0x", runs[0].Hash);
        for (int i = 1; i < runs.Count; i++)
        {
            Assert.Equal(runs[0].Instructions, runs[i].Instructions);
            Assert.Equal(runs[0].Cycles, runs[i].Cycles);
            Assert.Equal(runs[0].Hash, runs[i].Hash);
            Assert.Equal(runs[0].Csv, runs[i].Csv);
        }
    }
}
