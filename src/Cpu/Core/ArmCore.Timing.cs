using Emulator.Cpu.Decoding;
using Emulator.Cpu.Timing;
using Emulator.Mmu.Caches;

namespace Emulator.Cpu.Core;

/// <summary>
/// The core's timing model: every instruction costs its class's issue cycles (kept with the
/// decoded instruction, so it is one add), a mispredicted branch adds the penalty, an exception
/// entry or ERET the pipeline flush, a Device access its round trip; the cache model adds the
/// memory cycles (<see cref="MemoryCycles"/>). The profile comes from the cache preset
/// (<see cref="CacheHierarchyConfig.Core"/>), the default preset's when no cache is attached.
/// </summary>
public sealed partial class ArmCore
{
    private ulong _busyCycles;
    private uint _exceptionEntryCycles;
    private uint _uncountedLatency; // what UncountCurrentInstruction took back, for RecountCurrentInstruction
    private uint _currentLatency; // the issue cost charged for the instruction running now
    private uint _deviceAccessCycles;

    /// <summary>The timing profile in use.</summary>
    public CoreTimingConfig Timing { get; private set; } = null!;

    /// <summary>The branch predictor (its counters are in the report).</summary>
    public BranchPredictor Predictor { get; private set; } = null!;

    /// <summary>Cycles of the instructions themselves: class costs, mispredicts, exception entries (not memory, not sleep).</summary>
    public ulong BusyCycles => _busyCycles;

    /// <summary>Uses <paramref name="timing"/> from now on; the predictor starts cold.</summary>
    public void ConfigureTiming(CoreTimingConfig timing)
    {
        if (timing.Validate() is { } error)
            throw new ArgumentException($"core.{error.Field}: {error.Message}", nameof(timing));
        Timing = timing;
        Span<uint> latencies = stackalloc uint[Enum.GetValues<InstructionClass>().Length];
        latencies[(int)InstructionClass.Alu] = (uint)timing.Alu;
        latencies[(int)InstructionClass.Multiply] = (uint)timing.Multiply;
        latencies[(int)InstructionClass.Divide] = (uint)timing.Divide;
        latencies[(int)InstructionClass.Branch] = (uint)timing.Branch;
        latencies[(int)InstructionClass.LoadStore] = (uint)timing.LoadStore;
        latencies[(int)InstructionClass.System] = (uint)timing.System;
        latencies[(int)InstructionClass.Barrier] = (uint)timing.Barrier;
        latencies[(int)InstructionClass.ExceptionReturn] = (uint)timing.ExceptionEntry;
        _decodeCache.SetLatencies(latencies);
        FlushBlocks(); // the blocks carry the old costs
        _exceptionEntryCycles = (uint)timing.ExceptionEntry;
        _deviceAccessCycles = (uint)timing.DeviceAccess;
        if (Predictor is null)
            Predictor = new BranchPredictor(timing);
        else
            Predictor.Configure(timing);
    }

    /// <summary>A branch's cycles beyond its issue cost (a mispredict).</summary>
    internal void AddBranchPenalty(uint cycles) => _busyCycles += cycles;

    /// <summary>
    /// The current instruction will run again (WFI cut at a host deadline, an exit to the
    /// hypervisor): it is neither counted nor charged now. <paramref name="charged"/> is false
    /// when it never got its issue cost (its fetch faulted).
    /// </summary>
    private void UncountCurrentInstruction(bool charged = true)
    {
        Instructions--;
        _uncountedInRun++;
        _uncountedLatency = charged ? _currentLatency : 0;
        _busyCycles -= _uncountedLatency;
    }

    /// <summary>The hypervisor completed (or faulted) the instruction it took over: counted and charged after all.</summary>
    private void RecountCurrentInstruction()
    {
        Instructions++;
        _busyCycles += _uncountedLatency;
        _uncountedLatency = 0;
    }
}
