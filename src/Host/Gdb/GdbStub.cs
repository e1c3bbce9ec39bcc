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
/// still, the window keeps being served. <see cref="Run"/> replaces the core's Run: with no
/// breakpoint and no step pending it is the core's Run; otherwise it runs one instruction at a
/// time and looks at the PC before each (gdb's breakpoints are checked by the emulator, the guest's
/// memory is never patched, and they are invisible to the guest and to its own debug registers).
/// Watchpoints are checked by the core on data accesses (<see cref="ArmCore.SetHostWatchpoints"/>).
/// Stopping and resuming do not change what the guest computes or its cycles: a slice cut short
/// is the same run in more pieces, which the core makes exact.
/// </summary>
public sealed partial class GdbStub : IDisposable
{
    private static readonly ILogger Log = LogCategories.For(LogCategories.Run);

    private readonly GdbServer _server;
    private readonly IReadOnlyList<ArmCore> _cores;
    private readonly GdbMonitor _monitor;
    private readonly HashSet<ulong> _softwareBreakpoints = [];
    private readonly HashSet<ulong> _hardwareBreakpoints = [];
    private readonly List<HostWatchpoint> _watchpoints = [];
    private bool _stopped;
    private bool _stepping;
    private bool _reportStop; // the client resumed the target and waits for a stop reply
    private string _lastStop = "S05";
    private int _selectedThread = 1;
    private ulong _resumePc = ulong.MaxValue; // a breakpoint here is not hit by the first instruction after resuming
    private RunOutcome? _ended;

    public GdbStub(GdbServer server, IReadOnlyList<ArmCore> cores, GdbMonitor monitor, bool waitForDebugger)
    {
        _server = server;
        _cores = cores;
        _monitor = monitor;
        _stopped = waitForDebugger;
    }

    /// <summary>Whether the run loop must call <see cref="Service"/> now.</summary>
    public bool NeedsService => _stopped || _server.Attention;

    /// <summary>Whether the target is stopped for the debugger (the window title says so).</summary>
    public bool Stopped => _stopped;

    private ArmCore Core => _cores[Math.Clamp(_selectedThread, 1, _cores.Count) - 1];

    private bool Breakpoints => _softwareBreakpoints.Count + _hardwareBreakpoints.Count > 0;

    /// <summary>
    /// Runs the core for up to <paramref name="budget"/> instructions as <see cref="ArmCore.Run"/>
    /// does, stopping before an instruction at a breakpoint, after a single step, or after an
    /// access that met a watchpoint.
    /// </summary>
    public CpuExit Run(ArmCore core, ulong budget)
    {
        CpuExit exit;
        if (_stepping)
        {
            ulong before = core.Instructions;
            exit = core.Run(1);
            if (core.Instructions != before || exit != CpuExit.BudgetExhausted)
            {
                _stepping = false;
                Stop(core.LastHostWatchHit is { } hit ? WatchReply(hit) : "T05");
            }
            return exit;
        }
        if (!Breakpoints)
        {
            exit = core.Run(budget);
            CheckWatch(core);
            return exit;
        }
        ulong end = core.Instructions + budget;
        while (true)
        {
            ulong pc = core.Pc;
            if (pc != _resumePc && (_softwareBreakpoints.Contains(pc) || _hardwareBreakpoints.Contains(pc)))
            {
                Stop("T05");
                return CpuExit.BudgetExhausted;
            }
            _resumePc = ulong.MaxValue;
            ulong before = core.Instructions;
            exit = core.Run(1);
            if (CheckWatch(core) || exit != CpuExit.BudgetExhausted || core.Instructions == before || core.Instructions >= end)
                return exit; // a host deadline (the display's) also ends the slice there
        }
    }

    private bool CheckWatch(ArmCore core)
    {
        if (core.LastHostWatchHit is not { } hit)
            return false;
        Stop(WatchReply(hit));
        return true;
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
    /// Answers queued packets; while the target is stopped, waits for the client to resume it,
    /// serving the window meanwhile (a close ends the run). Returns how the run ends when the
    /// client kills it or the window is closed, else null to go on.
    /// </summary>
    public RunOutcome? Service(DisplayPipeline? display, CancellationToken cancel)
    {
        if (_stopped && _reportStop)
        {
            _reportStop = false;
            _server.Send(StopReply());
        }
        bool shown = false;
        while (true)
        {
            while (_server.TryTake(out GdbEvent e))
            {
                Handle(e);
                if (_ended is not null)
                    return _ended;
            }
            if (!_stopped || cancel.IsCancellationRequested)
                break;
            if (display is not null)
            {
                if (!shown)
                {
                    display.PausedBy = "gdb";
                    display.Refresh();
                    shown = true;
                }
                while (display.TryGetCommand(out DisplayCommand command))
                {
                    if (command == DisplayCommand.Close)
                        return new RunOutcome(ExitReason.WindowClosed, ExitStatus.Success, "the display window was closed");
                    if (command == DisplayCommand.SaveSnapshot)
                        display.SaveSnapshot(Directory.GetCurrentDirectory());
                }
            }
            _server.Wait(10); // wall-clock wait outside the simulation: nothing simulated moves
        }
        if (shown)
        {
            display!.PausedBy = null;
            display.Refresh();
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
        switch (e.Kind)
        {
            case GdbEventKind.Connected:
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
        _stopped = false;
        foreach (ArmCore c in _cores)
            c.ClearHostWatchHit();
    }

    private void RemoveAll()
    {
        _softwareBreakpoints.Clear();
        _hardwareBreakpoints.Clear();
        _watchpoints.Clear();
        foreach (ArmCore c in _cores)
            c.SetHostWatchpoints(_watchpoints);
    }

    public void Dispose() => _server.Dispose();
}
