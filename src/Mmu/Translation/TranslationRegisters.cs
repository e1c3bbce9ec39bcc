namespace Emulator.Mmu.Translation;

/// <summary>
/// The registers that control the stage-1 EL1&amp;0 translation regime, captured by value so that
/// the walk is a pure function of them (the pseudocode reads TCR_EL1, TTBR0/1_EL1, MAIR_EL1 and
/// SCTLR_EL1 through the regime; here they arrive as one struct).
/// </summary>
public readonly record struct TranslationRegisters(
    ulong Sctlr,
    ulong Tcr,
    ulong Ttbr0,
    ulong Ttbr1,
    ulong Mair,
    int PhysicalAddressBits,
    bool HardwareAccessFlagImplemented = false)
{
    /// <summary>
    /// TCR_EL1.HA with FEAT_HAFDBS (access flag only) implemented: a walk that finds AF = 0 sets it
    /// in the descriptor instead of faulting.
    /// </summary>
    public bool HardwareUpdatesAccessFlag => HardwareAccessFlagImplemented && (Tcr & (1UL << 39)) != 0;

    /// <summary>SCTLR_EL1.M: stage-1 translation enabled.</summary>
    public bool MmuEnabled => (Sctlr & 1) != 0;

    /// <summary>SCTLR_EL1.A: alignment checking for all data accesses.</summary>
    public bool AlignmentCheck => (Sctlr & (1UL << 1)) != 0;

    /// <summary>SCTLR_EL1.C: data and walk accesses to Normal memory may be cacheable.</summary>
    public bool DataCacheable => (Sctlr & (1UL << 2)) != 0;

    /// <summary>SCTLR_EL1.I: instruction fetches from Normal memory may be cacheable.</summary>
    public bool InstructionCacheable => (Sctlr & (1UL << 12)) != 0;

    /// <summary>SCTLR_EL1.WXN: writable memory is execute-never.</summary>
    public bool WriteExecuteNever => (Sctlr & (1UL << 19)) != 0;

    /// <summary>TCR_EL1.AS: 16-bit ASIDs (otherwise ASID[15:8] are ignored).</summary>
    public bool Asid16 => (Tcr & (1UL << 36)) != 0;

    /// <summary>
    /// The current ASID: TTBR1_EL1.ASID when TCR_EL1.A1 is set, TTBR0_EL1.ASID otherwise,
    /// truncated to 8 bits unless TCR_EL1.AS.
    /// </summary>
    public ushort Asid
    {
        get
        {
            ulong ttbr = (Tcr & (1UL << 22)) != 0 ? Ttbr1 : Ttbr0;
            ulong asid = ttbr >> 48;
            return (ushort)(Asid16 ? asid : asid & 0xFF);
        }
    }

    /// <summary>
    /// The output address size (AArch64.PAMax limited by TCR_EL1.IPS): IPS values above the
    /// implemented PARange use PARange.
    /// </summary>
    public int OutputAddressBits
    {
        get
        {
            int ips = (int)((Tcr >> 32) & 7) switch
            {
                0 => 32,
                1 => 36,
                2 => 40,
                3 => 42,
                4 => 44,
                5 => 48,
                _ => 52,
            };
            return Math.Min(ips, PhysicalAddressBits);
        }
    }
}
