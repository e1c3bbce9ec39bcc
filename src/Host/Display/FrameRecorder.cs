using System.Collections.Concurrent;
using System.Globalization;
using Emulator.Host.Logging;
using Serilog;

using Emulator.Devices.Vga;

namespace Emulator.Host.Display;

/// <summary>
/// <c>--record DIR</c>: writes every frame handed to <see cref="Record"/> as DIR/frame-NNNNNN.png
/// (host view), frame-NNNNNN-oracle.png and frame-NNNNNN-diff.png (<see cref="FrameImages.DiffWithLegend"/>: the diff with a legend strip below),
/// and a line of DIR/frames.csv, on a background thread: the simulation only queues the frame
/// (immutable, not copied) and never waits. The queue is unbounded, so a disk slower than the
/// simulation costs memory, not determinism. <see cref="Complete"/> (and Dispose) wait until
/// everything queued is written. Each PNG is written under a temporary name and then renamed, so
/// a file with the final name is always complete.
/// </summary>
public sealed class FrameRecorder : IDisposable
{
    /// <summary>The CSV header of frames.csv; one line per recorded frame follows.</summary>
    public const string CsvHeader = "number,cycles,simulated_seconds,stale,pending,dirty_pages,hash,full_redraw";

    private readonly BlockingCollection<Job> _queue = new(new ConcurrentQueue<Job>());
    private readonly Thread _worker;
    private readonly ILogger _log;
    private StreamWriter? _csv;
    private uint[] _scratch = [];
    private long _filesWritten;
    private int _failures;
    private bool _completed;

    public FrameRecorder(string directory, ILogger? log = null)
    {
        Directory.CreateDirectory(directory);
        DirectoryPath = directory;
        _log = log ?? LogCategories.For(DisplayFactory.LogCategory);
        _worker = new Thread(Work) { IsBackground = true, Name = "frame-recorder" };
        _worker.Start();
    }

    public string DirectoryPath { get; }

    /// <summary>PNG files written so far.</summary>
    public long FilesWritten => Interlocked.Read(ref _filesWritten);

    /// <summary>Writes that failed (each logged as an error); the recorder carries on with the next.</summary>
    public int Failures => Volatile.Read(ref _failures);

    /// <summary>The host-view file name of a frame, e.g. frame-000001.png.</summary>
    public static string FileName(long number, string suffix = "") =>
        string.Create(CultureInfo.InvariantCulture, $"frame-{number:D6}{suffix}.png");

    /// <summary>Queues the frame's three images and its CSV line. Never blocks.</summary>
    public void Record(VgaFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Enqueue(new Job(frame, null));
    }

    /// <summary>Queues a snapshot: the frame's host view as a PNG at <paramref name="path"/>. Never blocks.</summary>
    public void SaveSnapshot(VgaFrame frame, string path)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentException.ThrowIfNullOrEmpty(path);
        Enqueue(new Job(frame, path));
    }

    /// <summary>Waits until every queued file is written and closes frames.csv. Later calls do nothing.</summary>
    public void Complete()
    {
        lock (_queue)
        {
            if (!_completed)
            {
                _completed = true;
                _queue.CompleteAdding();
            }
        }
        _worker.Join();
    }

    public void Dispose()
    {
        Complete();
        _queue.Dispose();
    }

    private void Enqueue(Job job)
    {
        lock (_queue)
        {
            if (_completed)
                throw new InvalidOperationException("the frame recorder has been completed");
            _queue.Add(job);
        }
    }

    private void Work()
    {
        try
        {
            foreach (Job job in _queue.GetConsumingEnumerable())
            {
                if (job.SnapshotPath is not null)
                    TryWrite(job.SnapshotPath, job.Frame, job.Frame.Pixels);
                else
                    WriteRecorded(job.Frame);
            }
        }
        finally
        {
            _csv?.Dispose();
        }
    }

    private void WriteRecorded(VgaFrame frame)
    {
        int count = frame.Width * frame.Height;
        TryWrite(Path.Combine(DirectoryPath, FileName(frame.Number)), frame, frame.Pixels);
        TryWrite(Path.Combine(DirectoryPath, FileName(frame.Number, "-oracle")), frame,
            frame.Oracle.Length >= count ? frame.Oracle : frame.Pixels);
        (int diffWidth, int diffHeight) = FrameImages.DiffWithLegendSize(frame);
        if (_scratch.Length < diffWidth * diffHeight)
            _scratch = new uint[diffWidth * diffHeight];
        FrameImages.DiffWithLegend(frame, _scratch);
        TryWrite(Path.Combine(DirectoryPath, FileName(frame.Number, "-diff")), diffWidth, diffHeight, _scratch);
        try
        {
            if (_csv is null)
            {
                _csv = new StreamWriter(Path.Combine(DirectoryPath, "frames.csv"), append: false);
                _csv.WriteLine(CsvHeader);
            }
            _csv.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{frame.Number},{frame.Cycles},{frame.SimulatedSeconds:R},{frame.StalePixels},{frame.PendingPixels},{frame.DirtyPages},0x{frame.Hash:x16},{(frame.FullRedraw ? 1 : 0)}"));
            _csv.Flush();
        }
        catch (IOException e)
        {
            Fail("frames.csv", e);
        }
    }

    private void TryWrite(string path, VgaFrame frame, ReadOnlySpan<uint> pixels) => TryWrite(path, frame.Width, frame.Height, pixels);

    private void TryWrite(string path, int width, int height, ReadOnlySpan<uint> pixels)
    {
        try
        {
            PngWriter.WriteFile(path, width, height, pixels);
            Interlocked.Increment(ref _filesWritten);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(path, e);
            try
            {
                File.Delete(path + ".tmp");
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Nothing more to do: the failure is already reported.
            }
        }
    }

    private void Fail(string path, Exception e)
    {
        Interlocked.Increment(ref _failures);
        _log.Error("could not write {Path}: {Message}", path, e.Message);
    }

    private readonly record struct Job(VgaFrame Frame, string? SnapshotPath);
}
