using Emulator.Host.Display;
using Emulator.Host.Tests.EndToEnd;

using Emulator.Devices.Vga;

namespace Emulator.Host.Tests.Display;

public sealed class FrameRecorderTests
{
    [Fact]
    public void Records_host_oracle_and_diff_pngs_and_the_csv_for_every_frame()
    {
        using var temp = new TempDirectory();
        string dir = Path.Combine(temp.Path, "rec");
        VgaFrame[] frames = [TestFrames.Pattern(1), TestFrames.Pattern(2), TestFrames.Pattern(3, 64, 48)];
        using (var recorder = new FrameRecorder(dir))
        {
            foreach (VgaFrame frame in frames)
                recorder.Record(frame);
        } // Dispose waits for every queued file.

        foreach (VgaFrame frame in frames)
        {
            string n = frame.Number.ToString("D6");
            Assert.Equal(frame.Pixels, PngReader.Read(Path.Combine(dir, $"frame-{n}.png")).Pixels);
            Assert.Equal(frame.Oracle, PngReader.Read(Path.Combine(dir, $"frame-{n}-oracle.png")).Pixels);
            var expected = new uint[frame.Width * (frame.Height + FrameImages.LegendHeight)];
            FrameImages.DiffWithLegend(frame, expected);
            PngImage diff = PngReader.Read(Path.Combine(dir, $"frame-{n}-diff.png"));
            Assert.Equal((frame.Width, frame.Height + FrameImages.LegendHeight), (diff.Width, diff.Height));
            Assert.Equal(expected, diff.Pixels);
            Assert.Equal(0xFF0000FFu, diff.Pixels[(15 * frame.Width) + 30]);
            if (frame.Height > 105)
                Assert.Equal(0xFF00FFFFu, diff.Pixels[(105 * frame.Width) + 210]);
        }
        string[] csv = File.ReadAllLines(Path.Combine(dir, "frames.csv"));
        Assert.Equal(FrameRecorder.CsvHeader, csv[0]);
        Assert.Equal(4, csv.Length);
        Assert.Equal($"2,33333334,{2 / 60.0:R},{frames[1].StalePixels},{frames[1].PendingPixels},3,0x0123456789abcdf1,0", csv[2]);
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
        Assert.Equal(10, Directory.GetFiles(dir).Length);
    }

    [Fact]
    public void Many_frames_queued_at_once_are_all_written_before_Dispose_returns()
    {
        using var temp = new TempDirectory();
        var recorder = new FrameRecorder(temp.Path);
        for (int i = 1; i <= 40; i++)
            recorder.Record(TestFrames.Pattern(i, 160, 120));
        recorder.Dispose();

        Assert.Equal(120, recorder.FilesWritten);
        Assert.Equal(0, recorder.Failures);
        Assert.Equal(120, Directory.GetFiles(temp.Path, "*.png").Length);
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
        Assert.Equal(41, File.ReadAllLines(temp.File("frames.csv")).Length);
        Assert.Throws<InvalidOperationException>(() => recorder.Record(TestFrames.Pattern(41)));
    }

    [Fact]
    public void Snapshot_writes_the_host_view_to_the_given_path()
    {
        using var temp = new TempDirectory();
        VgaFrame frame = TestFrames.Pattern(9);
        string path = temp.File("snap.png");
        using (var recorder = new FrameRecorder(Path.Combine(temp.Path, "rec")))
            recorder.SaveSnapshot(frame, path);

        Assert.Equal(frame.Pixels, PngReader.Read(path).Pixels);
        Assert.False(File.Exists(Path.Combine(temp.Path, "rec", "frames.csv")));
    }

    [Fact]
    public void A_failed_write_is_counted_and_leaves_no_temporary_file()
    {
        using var temp = new TempDirectory();
        string blocked = temp.File("missing-dir/snap.png");
        using var recorder = new FrameRecorder(temp.Path, Serilog.Core.Logger.None);
        recorder.SaveSnapshot(TestFrames.Pattern(1, 8, 8), blocked);
        recorder.SaveSnapshot(TestFrames.Pattern(2, 8, 8), temp.File("ok.png"));
        recorder.Complete();

        Assert.Equal(1, recorder.Failures);
        Assert.Equal(1, recorder.FilesWritten);
        Assert.True(File.Exists(temp.File("ok.png")));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp", SearchOption.AllDirectories));
    }
}
