using System.Diagnostics;
using Emulator.Cpu.Core;
using Emulator.Host.Reporting;

namespace Emulator.Host.Running;

/// <summary>
/// The run loop of a machine with several CPUs: the <see cref="Cluster"/>'s deterministic
/// schedule. Each round, the cores that are on run in index order, each for one slice: up to a
/// quantum of instructions and at most to the round's end in machine cycles (a core in WFI/WFE
/// sleeps to it). A core's exits are handled as the one-CPU loop handles them, and the core goes
/// on with the rest of its slice; host work (serial input, the display, the RTC) is done between
/// rounds. When every core sleeps, the round jumps to the earliest timer deadline; when nothing
/// can wake any core, the run ends as a halted guest.
/// </summary>
public sealed partial class Runner
{
    private RunOutcome RunCluster(ulong? maxInstructions, CancellationToken cancel, double? maxSeconds)
    {
        Cluster cluster = board.Cluster;
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
                outcome = new RunOutcome(ExitReason.MaxSeconds, ExitStatus.MaxInstructions, $"stopped after --max-seconds {limit} at PC 0x{board.Core.Pc:x}");
                break;
            }
            input.Deliver(board.Uart.EnqueueReceived);
            // Host work due: a display refresh, or the RTC's armed alarm (it can wake a sleeping machine).
            ulong hostDeadline = Math.Min(display?.NextEventCycle ?? ulong.MaxValue, board.RtcMatchCycle);
            ulong roundEnd = cluster.NextRoundEnd(hostDeadline);
            if (roundEnd == ulong.MaxValue)
            {
                if (WaitForSerialInput(board.Core))
                    continue;
                outcome = Halted(board.Core, "every CPU waits for an interrupt (WFI/WFE) or is off, and nothing can raise one");
                break;
            }
            foreach (ArmCore core in cluster.Cores)
            {
                if (!cluster.IsOn(core))
                    continue;
                if (maxInstructions is ulong max && cluster.Instructions >= max)
                {
                    outcome = new RunOutcome(ExitReason.MaxInstructions, ExitStatus.MaxInstructions,
                        $"stopped after --max-instructions {max} at PC 0x{board.Core.Pc:x}");
                    break;
                }
                outcome = RunSlice(core, Math.Min(roundEnd, hostDeadline), maxInstructions);
                if (outcome is not null)
                    break;
            }
            board.Rtc.Poll(); // the RTC's match interrupt (a round ends at its second: hostDeadline)
            if (outcome is null && display is not null)
                outcome = DisplayWork(clock, cancel);
            console.Flush();
        }
        console.Flush();
        Log.Debug("run ended: {Reason} after {Instructions} instructions on {Cpus} CPUs", outcome.Reason.ToReportName(), cluster.Instructions, cluster.Count);
        return outcome with { WallSeconds = clock.Elapsed.TotalSeconds };
    }

    /// <summary>One core's slice: up to a quantum of instructions, ending at <paramref name="deadline"/> (machine cycles) at the latest.</summary>
    private RunOutcome? RunSlice(ArmCore core, ulong deadline, ulong? maxInstructions)
    {
        Cluster cluster = board.Cluster;
        board.Gic.CurrentCpu = core.CpuIndex; // memory-mapped GIC accesses are this core's
        cluster.BeginSlice(core);
        ulong start = core.Instructions;
        RunOutcome? result = null;
        while (true)
        {
            ulong budget = cluster.Quantum - (core.Instructions - start);
            if (maxInstructions is ulong max)
            {
                ulong total = cluster.Instructions;
                if (total >= max)
                    break;
                budget = Math.Min(budget, max - total);
            }
            core.HostDeadlineCycle = deadline;
            CpuExit exit = core.Run(budget);
            result = HandleExit(core, exit);
            if (result is not null || exit == CpuExit.BudgetExhausted || !cluster.IsOn(core)
                || core.Instructions - start >= cluster.Quantum || core.Cycles >= deadline)
                break;
        }
        cluster.EndSlice(core);
        return result;
    }
}
