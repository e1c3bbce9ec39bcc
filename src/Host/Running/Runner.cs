using System.Diagnostics;
using Emulator.Cpu.Core;
using Emulator.Host.Board;
using Emulator.Host.Hypervisor;
using Emulator.Host.Logging;
using Emulator.Host.Reporting;
using Serilog;

namespace Emulator.Host.Running;

/// <summary>
/// The run loop: executes the core in deterministic slices, and between slices does the host's
/// work (serial input, output flushing, stop requests), as a VMM's vCPU thread around KVM_RUN.
/// Hypervisor calls, semihosting and guest faults are handled as the core reports them.
/// Timer deadlines do not depend on the slice size: <see cref="ArmCore.Run"/> itself stops at the
/// exact cycle the next armed timer fires (and WFI sleeps straight to it), so runs are
/// deterministic whatever the slices.
/// </summary>
public sealed class Runner(VirtBoard board, PsciHandler psci, SemihostingHandler semihosting, SerialInput input, Stream console)
{
    /// <summary>Instructions per slice: how often host work and stop requests are looked at.</summary>
    public const ulong SliceInstructions = 1 << 16;

    private static readonly ILogger Log = LogCategories.For(LogCategories.Run);

    public RunOutcome Run(ulong? maxInstructions, CancellationToken cancel)
    {
        ArmCore core = board.Core;
        _cancel = cancel;
        var clock = Stopwatch.StartNew();
        RunOutcome outcome;
        while (true)
        {
            if (cancel.IsCancellationRequested)
            {
                outcome = new RunOutcome(ExitReason.Interrupted, ExitStatus.Interrupted, "interrupted by the user");
                break;
            }
            input.Deliver(board.Uart.EnqueueReceived);
            ulong budget = SliceInstructions;
            if (maxInstructions is ulong max)
            {
                if (core.Instructions >= max)
                {
                    outcome = new RunOutcome(ExitReason.MaxInstructions, ExitStatus.MaxInstructions,
                        $"stopped after --max-instructions {max} at PC 0x{core.Pc:x}");
                    break;
                }
                budget = Math.Min(budget, max - core.Instructions);
            }
            CpuExit exit = core.Run(budget);
            board.Rtc.Poll(); // the RTC's match interrupt, at slice granularity
            RunOutcome? result = HandleExit(core, exit);
            if (exit == CpuExit.BudgetExhausted)
                console.Flush();
            if (result is not null)
            {
                outcome = result;
                break;
            }
        }
        console.Flush();
        Log.Debug("run ended: {Reason} after {Instructions} instructions", outcome.Reason.ToReportName(), core.Instructions);
        return outcome with { WallSeconds = clock.Elapsed.TotalSeconds };
    }

    private RunOutcome? HandleExit(ArmCore core, CpuExit exit)
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
                    HostCallOutcome.SystemReset => new RunOutcome(ExitReason.SystemReset, ExitStatus.Success, "the guest asked for a system reset"),
                    HostCallOutcome.Halt => Halted(core, "the guest turned its only CPU off or suspended it with nothing to wake it"),
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
                return FromHypervisor(core, board.Hypervisor.HandleStage2Abort());
            case CpuExit.HypervisorTrap:
                return FromHypervisor(core, board.Hypervisor.HandleTrap());
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
    private static RunOutcome? FromHypervisor(ArmCore core, HypervisorOutcome outcome)
    {
        if (!outcome.Stop)
            return null;
        if (outcome.GuestFault)
            return GuestFault(core);
        return new RunOutcome(ExitReason.GuestFault, ExitStatus.GuestFault, outcome.Message);
    }

    private static RunOutcome GuestFault(ArmCore core)
    {
        GuestFaultRecord fault = core.LastGuestFault!;
        string word = fault.Instruction is uint w ? $"0x{w:x8}" : "unreadable";
        return new RunOutcome(ExitReason.GuestFault, ExitStatus.GuestFault,
            $"guest fault at its own exception vector: PC 0x{fault.Pc:x}, ESR 0x{fault.Esr:x}, FAR 0x{fault.Far:x}, instruction {word}, ELR_EL1 0x{fault.Elr:x}")
        { Fault = fault };
    }

    /// <summary>
    /// A WFI that nothing inside the machine can end may still be ended by the UART's receive
    /// interrupt while standard input can deliver bytes: waits for them (simulated time stands
    /// still meanwhile). True when an interrupt now wakes the core; false when it never can.
    /// </summary>
    private bool WaitForSerialInput(ArmCore core)
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

    private static RunOutcome Halted(ArmCore core, string why) =>
        new(ExitReason.GuestHalted, ExitStatus.GuestHalted, why);
}

/// <summary>How a run ended.</summary>
public sealed record RunOutcome(ExitReason Reason, int Status, string? Message)
{
    public GuestFaultRecord? Fault { get; init; }

    public double WallSeconds { get; init; }
}
