namespace Emulator.Devices.Gic;

/// <summary>
/// The GICv3 CPU interface registers (IHI 0069, 12.2, ICC_*_EL1) by name. The PE reaches them
/// through System register encodings; mapping those to these names is the board's job, so the
/// interrupt controller does not depend on the CPU model.
/// </summary>
public enum IccRegister
{
    SRE,
    PMR,
    IAR0,
    IAR1,
    EOIR0,
    EOIR1,
    HPPIR0,
    HPPIR1,
    BPR0,
    BPR1,
    CTLR,
    IGRPEN0,
    IGRPEN1,
    RPR,
    DIR,
    SGI0R,
    SGI1R,
    ASGI1R,
    AP0R0,
    AP1R0,
}
