using Emulator.Devices.Vga;
using Emulator.Host.Board;
using Emulator.Mmu.Caches;
using Emulator.Mmu.Caches.Provenance;

namespace Emulator.Host.Provenance;

/// <summary>
/// Provenance for one run: the recorder on VRAM's lines, the guest-store describer, and at the end
/// of every displayed frame the cause of each stale pixel (the report's per-frame counts, the
/// window's overlay and click explanations) and, with a recording directory, the frame's file.
/// </summary>
public sealed class ProvenanceSession
{
    private readonly VirtBoard _board;
    private readonly string? _directory;
    private readonly LineEvent[] _events = new LineEvent[ProvenanceRecorder.Depth];

    // Per VRAM line: the history stamp at which a frame classified its stale pixels (one cause for the line), and that cause.
    private readonly long[] _classifiedStamp;
    private readonly byte[] _classifiedCause;

    public ProvenanceSession(VirtBoard board, string? recordDirectory)
    {
        CacheHierarchy cache = board.Cache ?? throw new InvalidOperationException("provenance needs the cache model (--cache off has no caches to explain)");
        _board = board;
        Recorder = cache.EnableProvenance(board.VramSlot.Base, board.VramSlot.Size, () => board.Core.Cycles);
        Recorder.Stores = new GuestStoreContext(board.Core, board.Hypervisor, cache);
        board.Hypervisor.Provenance = Recorder;
        board.VramView.Provenance = Recorder;
        _classifiedStamp = new long[Recorder.Lines];
        _classifiedCause = new byte[Recorder.Lines];
        if (recordDirectory is not null)
        {
            _directory = Path.Combine(recordDirectory, ProvenanceFile.DirectoryName);
            Directory.CreateDirectory(_directory);
        }
    }

    public ProvenanceRecorder Recorder { get; }

    /// <summary>Whether to keep each frame's cause per pixel (<see cref="LastCauses"/>, for the window's overlay).</summary>
    public bool KeepCauses { get; init; }

    public ProvenanceStatistics Statistics { get; } = new();

    /// <summary>The last frame's geometry (null before the first).</summary>
    public ProvenanceFrame? LastFrame { get; private set; }

    /// <summary>The cause of each pixel of the last frame (None where not stale); null when it had no stale pixel or <see cref="KeepCauses"/> is off.</summary>
    public byte[]? LastCauses { get; private set; }

    private VgaFrame? _lastVgaFrame;

    public void BeginFrame(long number)
    {
        Recorder.Frame = (int)Math.Min(number, int.MaxValue);
    }

    /// <summary>Classifies the frame's stale pixels, counts them by cause, and writes the frame's file when recording.</summary>
    public void EndFrame(VgaFrame frame, VbeMode mode, ulong endCycle)
    {
        var info = new ProvenanceFrame(frame.Number, frame.Cycles, endCycle, frame.Width, frame.Height, mode.Bpp, mode.BytesPerPixel,
            mode.StrideBytes, mode.StartOffset, _board.VramSlot.Base);
        int[] byCause = new int[StaleCauses.All.Length + 1];
        byte[]? causes = null;
        HistorySnapshot? snapshot = _directory is null ? null
            : new HistorySnapshot(Recorder.LineShift, Recorder.HostAgent, [.. _board.Cache!.Caches.Select(c => c.Name)]);
        if (frame.StalePixels > 0)
        {
            causes = KeepCauses ? new byte[frame.Width * frame.Height] : null;
            ulong loaded = ulong.MaxValue;
            int count = 0;
            bool known = false, truncated = false;
            StaleCause lineCause = StaleCause.None;
            ReadOnlySpan<byte> state = frame.PixelState;
            for (int i = 0; i < state.Length;)
            {
                int skip = state[i..].IndexOf(VgaFrame.Stale); // vectorized: most pixels are not stale
                if (skip < 0)
                    break;
                i += skip;
                int y = i / frame.Width, x = i - y * frame.Width;
                ulong pa = info.PixelAddress(x, y);
                ulong line = pa >> Recorder.LineShift;
                if (line != loaded)
                {
                    loaded = line;
                    known = false;
                    snapshot?.Copy(Recorder, line);
                    // A line whose history has not changed since an earlier frame classified it (the same for all its pixels) keeps its cause:
                    // most stale lines sit on pages the guest no longer writes, and reading their histories again is most of the work.
                    long stamp = Recorder.Stamp(line);
                    ulong index = line - Recorder.FirstLine;
                    if (stamp != 0 && index < (ulong)_classifiedStamp.Length && _classifiedStamp[index] == stamp)
                    {
                        lineCause = (StaleCause)_classifiedCause[index];
                        known = true;
                    }
                    else
                    {
                        count = ProvenanceExplainer.Load(Recorder, pa, endCycle, _events, out truncated);
                    }
                }
                if (!known)
                {
                    lineCause = ProvenanceExplainer.Classify(Recorder, pa, info.BytesPerPixel, _events, count, out known);
                    ulong index = line - Recorder.FirstLine;
                    if (known && !truncated && index < (ulong)_classifiedStamp.Length)
                    {
                        _classifiedStamp[index] = Recorder.Stamp(line);
                        _classifiedCause[index] = (byte)lineCause;
                    }
                    if (!known)
                    {
                        // The cause depends on the pixel's bytes: this pixel alone.
                        if (causes is not null)
                            causes[i] = (byte)lineCause;
                        byCause[(int)lineCause]++;
                        i++;
                        continue;
                    }
                }
                // The same cause for every stale pixel of this row whose first byte is on this line: count them at once.
                ulong lineEnd = (line + 1) << Recorder.LineShift;
                int run = (int)Math.Min((ulong)(frame.Width - x), (lineEnd - pa + (ulong)info.BytesPerPixel - 1) / (ulong)info.BytesPerPixel);
                ReadOnlySpan<byte> piece = state.Slice(i, run);
                byCause[(int)lineCause] += piece.Count(VgaFrame.Stale);
                if (causes is not null)
                {
                    for (int k = 0; k < run; k++)
                    {
                        if (piece[k] == VgaFrame.Stale)
                            causes[i + k] = (byte)lineCause;
                    }
                }
                i += run;
            }
        }
        Statistics.AddFrame(frame.Number, byCause);
        Statistics.Events = Recorder.Events;
        Statistics.StoreRecords = Recorder.StoreSequence;
        LastFrame = info;
        LastCauses = causes;
        _lastVgaFrame = frame;
        if (snapshot is not null)
            Write(frame, info, snapshot);
    }

    /// <summary>Explains pixel (x, y) of the last frame from the live history; null before the first frame or outside it.</summary>
    public PixelExplanation? ExplainLast(int x, int y)
    {
        if (LastFrame is not { } info || _lastVgaFrame is not { } frame || (uint)x >= (uint)info.Width || (uint)y >= (uint)info.Height)
            return null;
        int i = y * info.Width + x;
        byte state = frame.PixelState.Length > i ? frame.PixelState[i] : VgaFrame.Same;
        uint oracle = frame.Oracle.Length > i ? frame.Oracle[i] : frame.Pixels[i];
        return ProvenanceExplainer.Explain(Recorder, info, x, y, state, frame.Pixels[i], oracle);
    }

    private void Write(VgaFrame frame, ProvenanceFrame info, HistorySnapshot snapshot)
    {
        var diff = new Dictionary<int, (uint, uint)>();
        byte[] state = frame.PixelState.Length == frame.Width * frame.Height ? frame.PixelState : new byte[frame.Width * frame.Height];
        for (int i = 0; i < state.Length; i++)
        {
            if (state[i] != VgaFrame.Same)
                diff[i] = (frame.Pixels[i], frame.Oracle[i]);
        }
        var file = new ProvenanceFile { Frame = info, PixelState = state, Differences = diff, History = snapshot };
        file.Write(Path.Combine(_directory!, ProvenanceFile.FileName(frame.Number)));
    }
}
