using System.Text;
using Emulator.Cpu.Core;
using Emulator.Host.Display;
using Emulator.Host.Logging;
using Emulator.Host.Reporting;
using Emulator.Host.Running;
using Emulator.Host.Vmm;
using Serilog;

namespace Emulator.Host.Gdb;

/// <summary>
/// The simulation thread's side of the gdb stub. The run loop asks <see cref="NeedsService"/>
/// (a volatile flag) between slices and, when set, calls <see cref="Service"/>, which answers
/// what the client sent and, while the target is stopped, waits there: simulated time stands
/// still, the window keeps being served. While gdb has breakpoints, watchpoints or a step
/// pending, the stub is also the core's instruction-boundary hook (<see cref="IHostDebugger"/>):
/// it looks at the PC before each instruction (gdb's breakpoints are checked by the emulator, the
/// guest's memory is never patched, and they are invisible to the guest and to its own debug
/// registers) and at the watchpoint hit the core recorded, and stops there by waiting inside the
/// core's Run. Neither kind of stop cuts a run into different pieces, so the guest computes the
/// same things in the same cycles as without gdb.
/// </summary>
public sealed partial class GdbStub : IHostDebugger, IDisposable
{
    private static readonly ILogger Log = LogCategories.For(LogCategories.Run);

    private readonly GdbServer _server;
    private readonly IReadOnlyList<ArmCore> _cores;
    private readonly GdbMonitor _monitor;
    private readonly DisplayPipeline? _display;
    private readonly CancellationToken _cancel;
    private readonly HashSet<ulong> _softwareBreakpoints = [];
    private readonly HashSet<ulong> _hardwareBreakpoints = [];
    private readonly List<HostWatchpoint> _watchpoints = [];
    private bool _stopped;
    private bool _stepping;
    private bool _reportStop; // the client resumed the target and waits for a stop reply
    private string _lastStop = "S05";
    private int _selectedThread = 1;
    // Where and when the target was last resumed: the boundary it resumed at does not stop it again.
    private ulong _resumePc = ulong.MaxValue;
    private ulong _resumeInstructions = ulong.MaxValue;
    private RunOutcome? _ended;
    private int _connection; // the current client's connection number

    public GdbStub(GdbServer server, IReadOnlyList<ArmCore> cores, GdbMonitor monitor, DisplayPipeline? display, bool waitForDebugger, CancellationToken cancel)
    {
        _server = server;
        _cores = cores;
        _monitor = monitor;
        _display = display;
        _cancel = cancel;
        _stopped = waitForDebugger;
    }

    /// <summary>Whether the run loop must call <see cref="Service"/> now.</summary>
    public bool NeedsService => _stopped || _server.Attention || _ended is not null;

    private ArmCore Core => _cores[Math.Clamp(_selectedThread, 1, _cores.Count) - 1];

    /// <summary>Attaches the boundary hook to the cores while anything needs it, detaches it otherwise.</summary>
    private void UpdateHook()
    {
        bool needed = _stepping || _softwareBreakpoints.Count + _hardwareBreakpoints.Count + _watchpoints.Count > 0;
        foreach (ArmCore c in _cores)
            c.SetHostDebugger(needed ? this : null);
    }

    /// <summary>Before each instruction while the hook is attached: a step done, a breakpoint, or a watchpoint hit stops the target here.</summary>
    public bool AtInstructionBoundary(ArmCore core)
    {
        if (_server.Attention)
            Drain(); // Ctrl-C and packets sent while running are served at the next boundary too
        if (_ended is not null)
            return true;
        bool resumedHere = core.Pc == _resumePc && core.Instructions == _resumeInstructions;
        string? reason = null;
        if (core.LastHostWatchHit is { } hit)
            reason = WatchReply(hit);
        else if (_stepping && !resumedHere)
            reason = "T05";
        else if (!resumedHere && (_softwareBreakpoints.Contains(core.Pc) || _hardwareBreakpoints.Contains(core.Pc)))
            reason = "T05";
        if (reason is null && !_stopped)
            return false;
        if (reason is not null)
        {
            _stepping = false;
            SelectThreadOf(core); // the stop reply names the CPU that stopped (thread:N)
            Stop(reason);
        }
        return WaitWhileStopped() is not null;
    }

    private void SelectThreadOf(ArmCore core)
    {
        for (int i = 0; i < _cores.Count; i++)
        {
            if (ReferenceEquals(_cores[i], core))
                _selectedThread = i + 1;
        }
    }

    private static string WatchReply(HostWatchHit hit)
    {
        string kind = hit.Kind switch { HostWatchKind.Write => "watch", HostWatchKind.Read => "rwatch", _ => "awatch" };
        return $"T05{kind}:{hit.Address:x};";
    }

    private void Stop(string reply)
    {
        _stopped = true;
        _lastStop = reply;
        foreach (ArmCore c in _cores)
            c.ClearHostWatchHit();
    }

    /// <summary>
    /// Between slices: answers queued packets and, while the target is stopped, waits for the
    /// client to resume it. Returns how the run ends when the client kills it or the window is
    /// closed meanwhile, else null to go on.
    /// </summary>
    public RunOutcome? Service() => WaitWhileStopped();

    private void Drain()
    {
        while (_ended is null && _server.TryTake(out GdbEvent e))
            Handle(e);
    }

    /// <summary>Serves the client (and the window) until the target is resumed; the run's end, or null.</summary>
    private RunOutcome? WaitWhileStopped()
    {
        if (_stopped && _reportStop)
        {
            _reportStop = false;
            _server.Send(StopReply());
        }
        bool shown = false;
        while (true)
        {
            Drain();
            if (_ended is not null)
                return _ended;
            if (!_stopped || _cancel.IsCancellationRequested)
                break;
            if (_display is not null)
            {
                if (!shown)
                {
                    _display.PausedBy = "gdb";
                    _display.Refresh();
                    shown = true;
                }
                while (_display.TryGetCommand(out DisplayCommand command))
                {
                    if (command == DisplayCommand.Close)
                    {
                        _ended = new RunOutcome(ExitReason.WindowClosed, ExitStatus.Success, "the display window was closed");
                        _server.CloseClient();
                        return _ended;
                    }
                    if (command == DisplayCommand.SaveSnapshot)
                        _display.SaveSnapshot(Directory.GetCurrentDirectory());
                }
            }
            _server.Wait(10); // wall-clock wait outside the simulation: nothing simulated moves
        }
        if (shown)
        {
            _display!.PausedBy = null;
            _display.Refresh();
        }
        return null;
    }

    /// <summary>The run ended: tells the client (W with the exit status) and closes the connection.</summary>
    public void RunEnded(int status)
    {
        if (_server.HasClient)
            _server.Send($"W{Math.Clamp(status, 0, 255):x2}");
        _server.CloseClient();
    }

    private string StopReply() => _lastStop.StartsWith('T') ? $"{_lastStop}thread:{_selectedThread:x};" : _lastStop;

    private void Handle(GdbEvent e)
    {
        if (e.Connection < _connection)
            return; // from a client that has gone since: its replies would go to the new one
        switch (e.Kind)
        {
            case GdbEventKind.Connected:
                _connection = e.Connection;
                RemoveAll(); // a new client starts with nothing inserted (the last may have gone without removing its own)
                Stop("T05"); // gdb expects a stopped target when it attaches (QEMU stops the VM too)
                _reportStop = false;
                break;
            case GdbEventKind.Disconnected:
                Log.Information("gdb: client gone; the run continues");
                RemoveAll();
                _reportStop = false;
                Resume(step: false);
                break;
            case GdbEventKind.Interrupt:
                if (!_stopped)
                {
                    Stop("T02");
                    _reportStop = false;
                    _server.Send(StopReply());
                }
                break;
            case GdbEventKind.Oversized:
                _server.Send("E01");
                break;
            case GdbEventKind.Packet:
                string packet = Encoding.Latin1.GetString(e.Payload!);
                string? reply = Dispatch(packet, e.Payload!);
                if (reply is not null)
                    _server.Send(reply);
                break;
        }
    }

    private void Resume(bool step)
    {
        _stepping = step;
        _resumePc = Core.Pc;
        _resumeInstructions = Core.Instructions;
        _stopped = false;
        foreach (ArmCore c in _cores)
            c.ClearHostWatchHit();
        UpdateHook();
    }

    private void RemoveAll()
    {
        _softwareBreakpoints.Clear();
        _hardwareBreakpoints.Clear();
        _watchpoints.Clear();
        foreach (ArmCore c in _cores)
            c.SetHostWatchpoints(_watchpoints);
        UpdateHook();
    }

    public void Dispose() => _server.Dispose();
}
