using System.Diagnostics;
using Emulator.Cpu.Core;
using Emulator.Host.Reporting;

namespace Emulator.Host.Running;

/// <summary>
/// The run loop: the <see cref="Cluster"/>'s deterministic schedule, for one CPU as for several.
/// Each round, the cores that are on run in index order, each for one slice, and between rounds
/// the host does its work (serial input, the display, output, stop requests), as a VMM's vCPU
/// threads around KVM_RUN. With one CPU a round is one <see cref="ArmCore.Run"/> of up to
/// <see cref="SliceInstructions"/>, ended early only by host deadlines, and the host's work follows
/// every exit. With several a slice is up to a quantum of instructions and at most to the round's
/// end in machine cycles (a core in WFI/WFE sleeps to it); a core's exits are handled inside its
/// slice, which then goes on. The same two mechanisms serve both: a WFI/WFE that a deadline cut
/// short completes before the core's next slice when what it waits for has come
/// (<see cref="Cluster.BeginSlice"/>), and the RTC alarm is every core's wake deadline
/// (<see cref="ArmCore.WakeDeadlineCycle"/>), which also counts, for the schedule, as something
/// that can wake a machine whose cores all sleep (<see cref="Cluster.NextRoundEnd"/>). When every
/// core sleeps, the round jumps to the earliest deadline; when nothing can wake any core, the run
/// ends as a halted guest.
/// </summary>
public sealed partial class Runner
{
    private RunOutcome RunCores(ulong? maxInstructions, CancellationToken cancel, double? maxSeconds)
    {
        Cluster cluster = board.Cluster;
        bool several = cluster.Count > 1;
        _cancel = cancel;
        _exceptions ??= ExceptionChain.Attach(board.Core, board.Ram);
        var clock = Stopwatch.StartNew();
        RunOutcome? outcome = null;
        while (outcome is null)
        {
            if (cancel.IsCancellationRequested)
            {
                outcome = new RunOutcome(ExitReason.Interrupted, ExitStatus.Interrupted, "interrupted by the user");
                break;
            }
            if (debugger is not null && debugger.NeedsService && debugger.Service() is { } ended)
            {
                outcome = ended; // gdb's kill, or the window closed while gdb had the target stopped
                break;
            }
            if (maxSeconds is double limit && clock.Elapsed.TotalSeconds >= limit)
            {
                // Wall clock, outside the simulation: where the run stops varies, what it simulated does not.
                outcome = new RunOutcome(ExitReason.MaxSeconds, ExitStatus.MaxInstructions, $"stopped after --max-seconds {limit} at PC 0x{board.Core.Pc:x}");
                break;
            }
            input.Deliver(board.Uart.EnqueueReceived);
            ulong hostDeadline = display?.NextEventCycle ?? ulong.MaxValue; // a display refresh or scanout step
            ulong wakeDeadline = board.RtcMatchCycle; // the RTC's armed alarm: it can wake a sleeping machine
            ulong roundEnd = ulong.MaxValue;
            if (several)
            {
                roundEnd = cluster.NextRoundEnd(hostDeadline, wakeDeadline);
                if (roundEnd == ulong.MaxValue)
                {
                    if (WaitForSerialInput(board.Core))
                        continue;
                    outcome = Halted(board.Core, "every CPU waits for an interrupt (WFI/WFE) or is off, and nothing can raise one");
                    break;
                }
            }
            bool flush = true;
            if (several)
                cluster.BeginRound();
            // A core whose WFE yielded (Cluster.TryYield) runs again after the others, in the same round.
            for (bool again = true; again && outcome is null;)
            {
                again = false;
                for (int i = 0; i < cluster.Count; i++)
                {
                    ArmCore core = cluster.Cores[i];
                    if (!cluster.IsOn(core) || (several && !cluster.HasSliceToRun(core)))
                        continue;
                    if (maxInstructions is ulong max && cluster.Instructions >= max)
                    {
                        outcome = new RunOutcome(ExitReason.MaxInstructions, ExitStatus.MaxInstructions,
                            $"stopped after --max-instructions {max} at PC 0x{board.Core.Pc:x}");
                        break;
                    }
                    core.WakeDeadlineCycle = wakeDeadline;
                    if (several)
                    {
                        outcome = RunSlice(core, Math.Min(roundEnd, hostDeadline), maxInstructions);
                        cluster.EndTurn(core);
                        again |= core.Yielded;
                    }
                    else
                    {
                        outcome = RunOnlyCore(core, hostDeadline, maxInstructions, out flush);
                    }
                    if (outcome is not null)
                        break;
                }
            }
            if (outcome is null && display is not null)
                outcome = DisplayWork(clock, cancel);
            if (flush)
                console.Flush();
        }
        console.Flush();
        Log.Debug("run ended: {Reason} after {Instructions} instructions on {Cpus} CPUs", outcome.Reason.ToReportName(), cluster.Instructions, cluster.Count);
        Log.Debug("block translation: {Blocks} blocks translated, {Invalidated} dropped for changed code", board.Core.BlocksTranslated, board.Core.BlocksInvalidated);
        return outcome with { WallSeconds = clock.Elapsed.TotalSeconds };
    }

    /// <summary>
    /// The slice of a machine's only CPU: one <see cref="ArmCore.Run"/> of up to
    /// <see cref="SliceInstructions"/>, stopped early only by the host's deadline; its exit is handled
    /// and the host's work follows. <paramref name="flush"/>: the slice ran to its end (output is
    /// flushed then, not after every exit).
    /// </summary>
    private RunOutcome? RunOnlyCore(ArmCore core, ulong hostDeadline, ulong? maxInstructions, out bool flush)
    {
        Cluster cluster = board.Cluster;
        ulong budget = SliceInstructions;
        if (maxInstructions is ulong max)
            budget = Math.Min(budget, max - core.Instructions);
        cluster.BeginSlice(core);
        core.HostDeadlineCycle = hostDeadline;
        CpuExit exit = core.Run(budget);
        board.Rtc.Poll(); // the RTC's match interrupt (the run stops at its second: WakeDeadlineCycle)
        flush = exit == CpuExit.BudgetExhausted;
        RunOutcome? result = HandleExit(core, exit);
        cluster.EndSlice(core);
        return result;
    }

    /// <summary>
    /// One core's slice of several: up to a quantum of instructions in the round (a core that
    /// yielded goes on with the rest of its quantum), ending at <paramref name="deadline"/> (machine
    /// cycles) at the latest. A core asleep in WFI that nothing wakes before the deadline sleeps
    /// to it without running (<see cref="ArmCore.SleepThrough"/>).
    /// </summary>
    private RunOutcome? RunSlice(ArmCore core, ulong deadline, ulong? maxInstructions)
    {
        Cluster cluster = board.Cluster;
        if (core.SleepThrough(deadline))
            return null; // asleep in WFI to the slice's end: nothing to run
        board.Gic.CurrentCpu = core.CpuIndex; // memory-mapped GIC accesses are this core's
        cluster.BeginSlice(core);
        RunOutcome? result = null;
        while (true)
        {
            ulong budget = cluster.Quantum - cluster.InstructionsThisRound(core);
            if (maxInstructions is ulong max)
            {
                ulong total = cluster.Instructions;
                if (total >= max)
                    break;
                budget = Math.Min(budget, max - total);
            }
            core.HostDeadlineCycle = deadline;
            CpuExit exit = core.Run(budget);
            board.Rtc.Poll(); // the RTC's match interrupt (the slice stops at its second: WakeDeadlineCycle)
            result = HandleExit(core, exit);
            if (result is not null || exit == CpuExit.BudgetExhausted || !cluster.IsOn(core)
                || cluster.InstructionsThisRound(core) >= cluster.Quantum || core.Cycles >= deadline)
                break;
        }
        cluster.EndSlice(core);
        return result;
    }
}
