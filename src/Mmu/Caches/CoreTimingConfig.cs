namespace Emulator.Mmu.Caches;

/// <summary>
/// The core half of a timing profile (the cache half is <see cref="CacheHierarchyConfig"/>'s
/// levels): issue cycles per instruction class for an in-order, one-instruction-at-a-time model,
/// the branch predictor's shape and mispredict penalty, and the fixed costs of exception entry and
/// of a Device (MMIO) access. Loads and stores cost <see cref="LoadStore"/> here plus whatever the
/// cache model charges (L1 hit latency, misses, Non-cacheable and Device memory, maintenance).
/// Figures are rounded from the cores' Software Optimization Guides; the model is approximate by
/// design (no dual issue, no overlap of independent instructions).
/// </summary>
public sealed record CoreTimingConfig
{
    /// <summary>Integer ALU: add, logical, shifts, moves, bitfield, conditional select, CRC32.</summary>
    public int Alu { get; init; } = 1;

    /// <summary>MUL, MADD, MSUB, SMULL, UMULH and the rest of data-processing (3 source).</summary>
    public int Multiply { get; init; } = 3;

    /// <summary>SDIV, UDIV.</summary>
    public int Divide { get; init; } = 12;

    /// <summary>Every branch when predicted correctly.</summary>
    public int Branch { get; init; } = 1;

    /// <summary>Issue cost of a load or store (the cache model adds the memory latency).</summary>
    public int LoadStore { get; init; } = 1;

    /// <summary>MRS, MSR, SYS (cache and TLB maintenance, AT), hints, exception-generating instructions.</summary>
    public int System { get; init; } = 3;

    /// <summary>DMB, DSB, ISB, CLREX, SB: the pipeline drains.</summary>
    public int Barrier { get; init; } = 10;

    /// <summary>ERET, and each exception taken (synchronous or interrupt): the pipeline is flushed.</summary>
    public int ExceptionEntry { get; init; } = 20;

    /// <summary>Extra cycles of a mispredicted branch (conditional direction, indirect target or return address).</summary>
    public int MispredictPenalty { get; init; } = 15;

    /// <summary>Entries of the bimodal table of 2-bit counters for conditional branches (a power of two).</summary>
    public int PredictorEntries { get; init; } = 4096;

    /// <summary>Entries of the branch target buffer for BR and BLR (a power of two).</summary>
    public int TargetBufferEntries { get; init; } = 512;

    /// <summary>Depth of the return stack (BL and BLR push, RET pops; it wraps when full).</summary>
    public int ReturnStackDepth { get; init; } = 8;

    /// <summary>A load or store to a device (MMIO): the round trip to the peripheral.</summary>
    public int DeviceAccess { get; init; } = 100;

    /// <summary>The first problem, as (field, message), or null when valid.</summary>
    public (string Field, string Message)? Validate()
    {
        foreach ((string field, int value) in Latencies())
        {
            if (value < 0 || value > 100_000)
                return (field, $"must be from 0 to 100000 cycles, not {value}");
        }
        if (!CacheLevelConfig.IsPowerOfTwo(PredictorEntries) || PredictorEntries > 1 << 20)
            return ("predictor_entries", $"must be a power of two up to 1048576, not {PredictorEntries}");
        if (!CacheLevelConfig.IsPowerOfTwo(TargetBufferEntries) || TargetBufferEntries > 1 << 20)
            return ("btb_entries", $"must be a power of two up to 1048576, not {TargetBufferEntries}");
        if (ReturnStackDepth < 0 || ReturnStackDepth > 1024)
            return ("return_stack", $"must be from 0 to 1024, not {ReturnStackDepth}");
        return null;
    }

    /// <summary>The latency fields with their JSON names.</summary>
    public IEnumerable<(string Field, int Value)> Latencies()
    {
        yield return ("alu", Alu);
        yield return ("multiply", Multiply);
        yield return ("divide", Divide);
        yield return ("branch", Branch);
        yield return ("load_store", LoadStore);
        yield return ("system", System);
        yield return ("barrier", Barrier);
        yield return ("exception", ExceptionEntry);
        yield return ("mispredict_penalty", MispredictPenalty);
        yield return ("device_access", DeviceAccess);
    }
}
