using Emulator.Mmu.Attributes;

namespace Emulator.Mmu.Translation;

/// <summary>
/// The EL2 registers that control stage 2 of the EL1&amp;0 translation regime (HCR_EL2, VTCR_EL2,
/// VTTBR_EL2) and the implemented physical address size, captured by value so that the stage-2
/// walk is a pure function of them (the pseudocode's AArch64.GetS2TTWParams reads them through the
/// regime; here they arrive as one struct).
/// </summary>
public readonly record struct Stage2Registers(ulong Hcr, ulong Vtcr, ulong Vttbr, int PhysicalAddressBits)
{
    /// <summary>HCR_EL2.VM: stage-2 translation enabled for EL1&amp;0.</summary>
    public bool Vm => (Hcr & 1) != 0;

    /// <summary>HCR_EL2.PTW: a stage-1 walk that reaches stage-2 Device memory takes a stage-2 Permission fault.</summary>
    public bool Ptw => (Hcr & (1UL << 2)) != 0;

    /// <summary>
    /// HCR_EL2.DC: Default Cacheability. EL1&amp;0 stage 1 behaves as if SCTLR_EL1.M were 0 with
    /// Normal Non-shareable Write-Back attributes, and stage 2 behaves as if VM were 1.
    /// </summary>
    public bool Dc => (Hcr & (1UL << 12)) != 0;

    /// <summary>Stage 2 translates EL1&amp;0 accesses: HCR_EL2.VM, or HCR_EL2.DC which makes VM behave as 1.</summary>
    public bool Enabled => Vm || Dc;

    /// <summary>HCR_EL2.TSW: trap data cache maintenance by set/way.</summary>
    public bool Tsw => (Hcr & (1UL << 22)) != 0;

    /// <summary>HCR_EL2.TVM: trap writes to the EL1 virtual memory control registers.</summary>
    public bool Tvm => (Hcr & (1UL << 26)) != 0;

    /// <summary>HCR_EL2.CD: stage-2 Normal data accesses and stage-2 table walks are Non-cacheable.</summary>
    public bool Cd => (Hcr & (1UL << 32)) != 0;

    /// <summary>HCR_EL2.ID: stage-2 Normal instruction fetches are Non-cacheable.</summary>
    public bool Id => (Hcr & (1UL << 33)) != 0;

    /// <summary>HCR_EL2.FWB: FEAT_S2FWB's interpretation of the stage-2 MemAttr field.</summary>
    public bool Fwb => (Hcr & (1UL << 46)) != 0;

    /// <summary>VTCR_EL2.VS: 16-bit VMIDs.</summary>
    public bool Vmid16 => (Vtcr & (1UL << 19)) != 0;

    /// <summary>VTTBR_EL2.VMID (bits [63:48]), truncated to 8 bits unless VTCR_EL2.VS.</summary>
    public ushort Vmid => (ushort)(Vmid16 ? Vttbr >> 48 : (Vttbr >> 48) & 0xFF);

    /// <summary>VTCR_EL2.T0SZ (bits [5:0]).</summary>
    public int T0sz => (int)(Vtcr & 0x3F);

    /// <summary>The IPA size: 64 - VTCR_EL2.T0SZ.</summary>
    public int InputBits => 64 - T0sz;

    /// <summary>VTCR_EL2.SL0 (bits [7:6]): the start level selector, read per granule by <see cref="Stage2Walk.StartLevel"/>.</summary>
    public int Sl0 => (int)((Vtcr >> 6) & 3);

    /// <summary>
    /// log2 of the granule from VTCR_EL2.TG0 (bits [15:14]: 00 4K, 01 64K, 10 16K). The reserved
    /// value 11 selects 4 KB (IMPLEMENTATION DEFINED choice among the implemented sizes).
    /// </summary>
    public int GranuleBits => (int)((Vtcr >> 14) & 3) switch
    {
        1 => 16,
        2 => 14,
        _ => 12,
    };

    /// <summary>
    /// The output (physical) address size: VTCR_EL2.PS (bits [18:16]) limited by the implemented
    /// PARange; values above it use PARange.
    /// </summary>
    public int OutputAddressBits
    {
        get
        {
            int ps = (int)((Vtcr >> 16) & 7) switch
            {
                0 => 32,
                1 => 36,
                2 => 40,
                3 => 42,
                4 => 44,
                5 => 48,
                _ => 52,
            };
            return Math.Min(Math.Min(ps, PhysicalAddressBits), 48);
        }
    }

    /// <summary>VTTBR_EL2.BADDR (bits [47:1]; CnP, bit 0, masked off), before alignment to the start table.</summary>
    public ulong BaseAddress => Vttbr & 0x0000_FFFF_FFFF_FFFE;

    /// <summary>
    /// The attributes of the stage-2 walk's own descriptor reads, from VTCR_EL2.IRGN0 [9:8],
    /// ORGN0 [11:10] and SH0 [13:12]; HCR_EL2.CD makes them Non-cacheable.
    /// </summary>
    public MemoryAttributes WalkAttributes =>
        Stage1Attributes.Walk((int)((Vtcr >> 8) & 3), (int)((Vtcr >> 10) & 3), (int)((Vtcr >> 12) & 3), dataCacheEnabled: !Cd);
}
