using System.Diagnostics;
using Emulator.Cpu.Core;
using Emulator.Host.Board;
using Emulator.Host.Display;
using Emulator.Host.Hypervisor;
using Emulator.Host.Logging;
using Emulator.Host.Reporting;
using Emulator.Host.Vmm;
using Serilog;

namespace Emulator.Host.Running;

/// <summary>
/// The run loop: executes the cores in deterministic slices (Runner.Cluster.cs), and between slices
/// does the host's work (serial input, output flushing, stop requests), as a VMM's vCPU thread
/// around KVM_RUN. Hypervisor calls, semihosting and guest faults are handled as the core reports
/// them. Timer deadlines do not depend on the slice size: <see cref="ArmCore.Run"/> itself stops
/// at the exact cycle the next armed timer fires (and WFI sleeps straight to it), so runs are
/// deterministic whatever the slices.
/// </summary>
public sealed partial class Runner(VirtBoard board, PsciHandler psci, SemihostingHandler semihosting, SerialInput input, Stream console,
    DisplayPipeline? display = null, ulong? maxFrames = null, Gdb.GdbStub? debugger = null)
{
    /// <summary>Instructions per slice: how often host work and stop requests are looked at.</summary>
    public const ulong SliceInstructions = 1 << 16;

    private static readonly ILogger Log = LogCategories.For(LogCategories.Run);

    /// <summary>Runs the machine until the guest or the host ends the run (the loop is in Runner.Cluster.cs).</summary>
    public RunOutcome Run(ulong? maxInstructions, CancellationToken cancel, double? maxSeconds = null) =>
        RunCores(maxInstructions, cancel, maxSeconds);

    internal RunOutcome? HandleExit(ArmCore core, CpuExit exit)
    {
        switch (exit)
        {
            case CpuExit.BudgetExhausted:
                return null;
            case CpuExit.HypervisorCall:
            case CpuExit.SecureMonitorCall:
                HostCallOutcome call = psci.Handle(core, core.ExitImmediate, exit == CpuExit.HypervisorCall ? "HVC" : "SMC");
                return call switch
                {
                    HostCallOutcome.SystemOff => new RunOutcome(ExitReason.SystemOff, ExitStatus.Success, null),
                    HostCallOutcome.SystemReset when board.TryReboot() => null, // firmware: the machine restarts within the run
                    HostCallOutcome.SystemReset => new RunOutcome(ExitReason.SystemReset, ExitStatus.Success, "the guest asked for a system reset"),
                    HostCallOutcome.Halt => Halted(core, "the guest turned its only CPU off or suspended it with nothing to wake it"),
                    HostCallOutcome.CpuOff => board.Cluster.AnyOn ? null : Halted(core, "the guest turned every CPU off"),
                    _ => null,
                };
            case CpuExit.Semihosting:
                if (!semihosting.Handle(core))
                    return null;
                long status = semihosting.ExitStatus;
                int processStatus = status is >= 0 and <= 255 ? (int)status : ((status & 0xFF) == 0 ? ExitStatus.GuestError : (int)(status & 0xFF));
                return new RunOutcome(ExitReason.SemihostingExit, processStatus, $"guest exit status {status}");
            case CpuExit.Halted:
                if (WaitForSerialInput(core))
                    return null;
                return Halted(core, $"the guest waits for an interrupt (WFI/WFE at PC 0x{core.Pc - 4:x}) and nothing can raise one");
            case CpuExit.Stage2Abort:
                return FromHypervisor(core, board.Hypervisor.HandleStage2Abort(core));
            case CpuExit.HypervisorTrap:
                return FromHypervisor(core, board.Hypervisor.HandleTrap(core));
            case CpuExit.GuestFault:
                return GuestFault(core);
            case CpuExit.Unsupported:
                return new RunOutcome(ExitReason.Error, ExitStatus.Internal,
                    $"emulator limitation at PC 0x{core.Pc:x}: {core.UnsupportedReason}");
            default:
                throw new InvalidOperationException($"unknown CPU exit {exit}");
        }
    }

    /// <summary>After the hypervisor handled an exit: go on, or stop the way KVM_RUN failing stops QEMU.</summary>
    private RunOutcome? FromHypervisor(ArmCore core, HypervisorOutcome outcome)
    {
        if (!outcome.Stop)
            return null;
        if (outcome.GuestFault)
            return GuestFault(core);
        return new RunOutcome(ExitReason.GuestFault, ExitStatus.GuestFault, outcome.Message);
    }

    /// <summary>A guest fault, explained by its chain (see <see cref="FaultExplanation"/>): exit 4, or 70 when the cause is the emulator's limitation.</summary>
    private RunOutcome GuestFault(ArmCore core)
    {
        GuestFaultRecord fault = core.LastGuestFault!;
        FaultExplanation explained = FaultExplanation.Explain(_exceptions!.Explain(fault), fault);
        return explained.EmulatorLimitation
            ? new RunOutcome(ExitReason.Error, ExitStatus.Internal, "emulator limitation: " + explained.Message) { Fault = fault, Explanation = explained }
            : new RunOutcome(ExitReason.GuestFault, ExitStatus.GuestFault, explained.Message) { Fault = fault, Explanation = explained };
    }

    /// <summary>
    /// A WFI that nothing inside the machine can end may still be ended by the UART's receive
    /// interrupt while standard input can deliver bytes: waits for them (simulated time stands
    /// still meanwhile). True when an interrupt now wakes the core; false when it never can.
    /// </summary>
    internal bool WaitForSerialInput(ArmCore core)
    {
        if (!board.Uart.ReceiveInterruptEnabled)
            return false;
        while (input.MayDeliverMore && !_cancel.IsCancellationRequested)
        {
            input.Deliver(board.Uart.EnqueueReceived);
            if (core.IrqAsserted || core.FiqAsserted)
                return true;
            if (board.Uart.ReceiveSpace == 0)
                return false; // the FIFO is full and still nothing is signalled: nothing will be
            Thread.Sleep(1);
        }
        return _cancel.IsCancellationRequested; // the run loop reports the interruption
    }

    private CancellationToken _cancel;
    private ExceptionChain? _exceptions;
    private bool _stepping;

    /// <summary>
    /// The display's share of the loop: the scanout step or frame due now, the --frames limit, and
    /// the window's commands (close, pause, single step, snapshot). While paused, simulated time
    /// stands still and the loop only waits for commands.
    /// </summary>
    internal RunOutcome? DisplayWork(Stopwatch clock, CancellationToken cancel)
    {
        DisplayPipeline pipeline = display!;
        Cluster cluster = board.Cluster;
        ulong cycles = cluster.Cycles; // the machine clock
        if (pipeline.FrameDue(cycles))
        {
            double seconds = clock.Elapsed.TotalSeconds; // for the window title only
            pipeline.GuestMips = seconds > 0 ? cluster.Instructions / seconds / 1e6 : 0;
        }
        Devices.Vga.VgaFrame? frame = pipeline.Advance(cycles);
        if (frame is not null)
        {
            if (maxFrames is ulong limit && (ulong)pipeline.Statistics.Frames >= limit)
                return new RunOutcome(ExitReason.Frames, ExitStatus.Success, $"stopped after --frames {limit}");
            if (_stepping)
            {
                _stepping = false;
                pipeline.Paused = true;
                pipeline.Refresh();
            }
        }
        do
        {
            while (pipeline.TryGetCommand(out DisplayCommand command))
            {
                switch (command)
                {
                    case DisplayCommand.Close:
                        return new RunOutcome(ExitReason.WindowClosed, ExitStatus.Success, "the display window was closed");
                    case DisplayCommand.TogglePause:
                        pipeline.Paused = !pipeline.Paused;
                        _stepping = false;
                        pipeline.Refresh();
                        Log.Information(pipeline.Paused ? "paused" : "resumed");
                        break;
                    case DisplayCommand.Step:
                        if (pipeline.Paused)
                        {
                            pipeline.Paused = false;
                            _stepping = true;
                        }
                        break;
                    case DisplayCommand.SaveSnapshot:
                        pipeline.SaveSnapshot(Directory.GetCurrentDirectory());
                        break;
                    case DisplayCommand.Explain:
                        pipeline.ExplainPick();
                        break;
                }
            }
            if (pipeline.Paused && !cancel.IsCancellationRequested)
                Thread.Sleep(10); // wall-clock wait outside the simulation: nothing simulated moves
        }
        while (pipeline.Paused && !cancel.IsCancellationRequested);
        return null;
    }

    internal static RunOutcome Halted(ArmCore core, string why) =>
        new(ExitReason.GuestHalted, ExitStatus.GuestHalted, why);
}

/// <summary>How a run ended.</summary>
public sealed record RunOutcome(ExitReason Reason, int Status, string? Message)
{
    public GuestFaultRecord? Fault { get; init; }

    /// <summary>The exception chain of a guest fault and the message that names its cause.</summary>
    public FaultExplanation? Explanation { get; init; }

    public double WallSeconds { get; init; }
}
