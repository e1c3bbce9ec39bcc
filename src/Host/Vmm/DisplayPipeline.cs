using Emulator.Devices.Vga;
using Emulator.Host.Board;
using Emulator.Host.Display;
using Emulator.Host.Logging;
using Serilog;

namespace Emulator.Host.Vmm;

/// <summary>
/// The VMM's display thread, run deterministically beside the vCPU: every refresh period of
/// simulated time (core cycles at the core clock) it starts a scanout
/// (<see cref="VgaScanout.BeginFrame"/>: collect the dirty log), reads the framebuffer in small
/// steps between short slices of guest execution, so that guest writes land between the VMM's
/// maintenance and its reads or in the middle of them, as on two real cores; then it hands the
/// finished frame to the display back end and the recorder and counts it.
/// </summary>
public sealed class DisplayPipeline : IDisposable
{
    /// <summary>
    /// Simulated cycles between two scanout steps while a frame is being read. With
    /// <see cref="StepBytes"/> per step the VMM reads 2 bytes per core cycle (2 GB/s at 1 GHz, a
    /// host memcpy's order of magnitude): a 640x480x32 frame takes about 0.6 ms of simulated time.
    /// </summary>
    public const ulong StepCycles = 2048;

    /// <summary>Bytes of VRAM the VMM reads per step (whole scanlines, at least one).</summary>
    public const int StepBytes = 4096;

    private static readonly ILogger Log = LogCategories.For(LogCategories.Display);

    private readonly VirtBoard _board;
    private readonly VgaScanout _scanout;
    private readonly ulong _periodCycles;
    private readonly double _coreClockHz;
    private readonly IDisplay _display;
    private readonly FrameRecorder? _recorder;
    private ulong _nextFrameAt;
    private ulong _nextStepAt;
    private long _nextNumber = 1;
    private VbeMode? _warnedTooLarge;

    public DisplayPipeline(VirtBoard board, double refreshHz, ulong coreClockHz, IDisplay display, FrameRecorder? recorder)
    {
        _board = board;
        _display = display;
        _recorder = recorder;
        _coreClockHz = coreClockHz;
        _periodCycles = Math.Max(1, (ulong)Math.Round(coreClockHz / refreshHz));
        _nextFrameAt = _periodCycles;
        Statistics = new DisplayStatistics { VmmTraffic = () => (board.VramView.BytesRead, board.VramView.Cycles) };
        Func<ReadOnlySpan<byte>>? truth = board.VramOracle is { } oracle ? () => oracle.Truth : null;
        _scanout = new VgaScanout(board.Vga, board.VramView, new VgaDirtyLog(board.Hypervisor, board.VramDirtyLog), truth);
    }

    public DisplayStatistics Statistics { get; }

    /// <summary>The last finished frame (null before the first).</summary>
    public VgaFrame? LastFrame { get; private set; }

    /// <summary>Guest MIPS shown in the window title (set by the run loop).</summary>
    public double GuestMips { get; set; }

    public bool Paused { get; set; }

    /// <summary>Who paused the run when not the window's own key (the title says "paused (gdb)"), or null.</summary>
    public string? PausedBy { get; set; }

    /// <summary>Random VRAM lines the speculation model pulls into the host's cache at each scanout step.</summary>
    public int SpeculativeFillsPerStep { get; init; }

    /// <summary>Stale-pixel provenance (null: not recorded): told when frames begin and end.</summary>
    public Provenance.ProvenanceSession? Provenance { get; init; }

    /// <summary>Whether a refresh starts at <paramref name="cycles"/> (the next <see cref="Advance"/> begins a frame).</summary>
    public bool FrameDue(ulong cycles) => !_scanout.InFrame && cycles >= _nextFrameAt;

    /// <summary>The simulated cycle at which the pipeline needs the host next: the next scanout step, or the next refresh.</summary>
    public ulong NextEventCycle => _scanout.InFrame ? _nextStepAt : _nextFrameAt;

    /// <summary>
    /// Does the display work due at this point of simulated time: starts a frame at the refresh
    /// deadline, then reads one step every <see cref="StepCycles"/>. Returns a finished frame, or null.
    /// </summary>
    public VgaFrame? Advance(ulong cycles)
    {
        if (!_scanout.InFrame)
        {
            if (cycles < _nextFrameAt)
                return null;
            _scanout.BeginFrame(_nextNumber, cycles, cycles / _coreClockHz);
            Provenance?.BeginFrame(_nextNumber);
            while (_nextFrameAt <= cycles)
                _nextFrameAt += _periodCycles;
        }
        else if (cycles < _nextStepAt)
        {
            return null;
        }
        _nextStepAt = cycles + StepCycles;
        if (SpeculativeFillsPerStep > 0)
            _board.Cache?.SpeculateRandomLines(SpeculativeFillsPerStep);
        if (_scanout.Step(StepBytes))
            return null;
        VgaFrame? frame = _scanout.EndFrame();
        if (_scanout.TooLarge is { } huge && !ReferenceEquals(huge, _warnedTooLarge))
        {
            _warnedTooLarge = huge;
            Log.Warning("the guest set mode {Mode}: larger than the {Max} pixels the display shows; nothing is displayed until a smaller mode is set",
                huge, VgaScanout.MaxPixels);
        }
        if (frame is null)
            return null; // no mode set: nothing displayed, no frame counted
        _nextNumber++;
        if (Provenance is { } provenance && _scanout.FrameMode is { } mode)
            provenance.EndFrame(frame, mode, cycles);
        LastFrame = frame;
        Statistics.Add(frame);
        if (Log.IsEnabled(Serilog.Events.LogEventLevel.Verbose)) // the hash costs a pass over the frame
            Log.Verbose("frame {Number} at {Seconds:F4} s: {Mode}, {Dirty} dirty pages, {Lines} lines read, {Stale} stale and {Pending} pending pixels, hash 0x{Hash:x16}",
            frame.Number, frame.SimulatedSeconds, frame.Mode, frame.DirtyPages, frame.LinesRead, frame.StalePixels, frame.PendingPixels, frame.Hash);
        _recorder?.Record(frame);
        if (Provenance is not null && _display is ICauseOverlayTarget overlay)
            overlay.SetCauses(frame.Number, Provenance.LastCauses);
        _display.Present(frame, new DisplayStatus(_board.Hypervisor.Policy.Name, GuestMips, Paused || PausedBy is not null) { PausedBy = PausedBy });
        return frame;
    }

    /// <summary>Presents the last frame again (after a pause toggle, so the title shows it).</summary>
    public void Refresh()
    {
        if (LastFrame is { } frame)
            _display.Present(frame, new DisplayStatus(_board.Hypervisor.Policy.Name, GuestMips, Paused || PausedBy is not null) { PausedBy = PausedBy });
    }

    public bool TryGetCommand(out DisplayCommand command) => _display.TryGetCommand(out command);

    /// <summary>
    /// Explains the pixel the user picked in the window (<see cref="IPixelPicker"/>) from the
    /// provenance history: the full chain in the log, the summary in the title.
    /// </summary>
    public void ExplainPick()
    {
        if (_display is not IPixelPicker picker || !picker.TryTakePick(out int x, out int y))
            return;
        if (Provenance?.ExplainLast(x, y) is not { } explanation)
        {
            picker.ShowExplanation(Provenance is null ? "no provenance recorded (--cache off)" : $"({x}, {y}): no frame there");
            return;
        }
        Log.Information("explain: {Explanation}", explanation.ToString());
        string cause = explanation.Cause != Host.Provenance.StaleCause.None ? "stale: " + Host.Provenance.StaleCauses.Name(explanation.Cause)
            : explanation.Summary.Contains(": pending", StringComparison.Ordinal) ? "pending" : "not stale";
        picker.ShowExplanation($"pixel ({x}, {y}): {cause}");
        Refresh();
    }

    /// <summary>Writes a PNG of the last frame (the window's save key).</summary>
    public string? SaveSnapshot(string directory)
    {
        if (LastFrame is not { } frame)
            return null;
        string path = Path.Combine(directory, $"snapshot-{frame.Number:D6}.png");
        if (_recorder is not null)
        {
            _recorder.SaveSnapshot(frame, path);
        }
        else
        {
            using FileStream stream = File.Create(path);
            PngWriter.Write(stream, frame.Width, frame.Height, frame.Pixels);
        }
        Log.Information("saved {Path}", path);
        return path;
    }

    public void Dispose()
    {
        _recorder?.Dispose();
        _display.Dispose();
    }
}
