using Emulator.Cpu.System;
using Emulator.Devices.Gic;

namespace Emulator.Host.Board;

/// <summary>
/// Connects a core (PE <c>cpu</c> of the GIC) to the GIC: its timer PPI levels go in, and the ICC_*_EL1 System register
/// encodings the core meets in MRS/MSR are mapped to the GIC's CPU interface registers. It lives on
/// the board so that neither the Cpu nor the Devices project depends on the other. A slow path:
/// only GICv3 System register accesses and timer level changes come through here.
/// </summary>
public sealed class GicCpuInterface(GenericInterruptController gic, int cpu = 0) : IInterruptController
{
    private static readonly Dictionary<ushort, IccRegister> Registers = new()
    {
        [IccSysReg.ICC_SRE_EL1] = IccRegister.SRE,
        [IccSysReg.ICC_PMR_EL1] = IccRegister.PMR,
        [IccSysReg.ICC_IAR0_EL1] = IccRegister.IAR0,
        [IccSysReg.ICC_IAR1_EL1] = IccRegister.IAR1,
        [IccSysReg.ICC_EOIR0_EL1] = IccRegister.EOIR0,
        [IccSysReg.ICC_EOIR1_EL1] = IccRegister.EOIR1,
        [IccSysReg.ICC_HPPIR0_EL1] = IccRegister.HPPIR0,
        [IccSysReg.ICC_HPPIR1_EL1] = IccRegister.HPPIR1,
        [IccSysReg.ICC_BPR0_EL1] = IccRegister.BPR0,
        [IccSysReg.ICC_BPR1_EL1] = IccRegister.BPR1,
        [IccSysReg.ICC_CTLR_EL1] = IccRegister.CTLR,
        [IccSysReg.ICC_IGRPEN0_EL1] = IccRegister.IGRPEN0,
        [IccSysReg.ICC_IGRPEN1_EL1] = IccRegister.IGRPEN1,
        [IccSysReg.ICC_RPR_EL1] = IccRegister.RPR,
        [IccSysReg.ICC_DIR_EL1] = IccRegister.DIR,
        [IccSysReg.ICC_SGI0R_EL1] = IccRegister.SGI0R,
        [IccSysReg.ICC_SGI1R_EL1] = IccRegister.SGI1R,
        [IccSysReg.ICC_ASGI1R_EL1] = IccRegister.ASGI1R,
        [IccSysReg.ICC_AP0R0_EL1] = IccRegister.AP0R0,
        [IccSysReg.ICC_AP1R0_EL1] = IccRegister.AP1R0,
    };

    public bool HasSystemRegisterInterface => gic.HasSystemRegisterInterface;

    public void SetPrivateInterruptLevel(uint intid, bool level) => gic.SetPrivateInterruptLevel(cpu, intid, level);

    public bool TryReadSystemRegister(ushort key, out ulong value)
    {
        value = 0;
        return Registers.TryGetValue(key, out IccRegister register) && gic.TryReadCpuInterfaceRegister(cpu, register, out value);
    }

    public bool TryWriteSystemRegister(ushort key, ulong value) =>
        Registers.TryGetValue(key, out IccRegister register) && gic.TryWriteCpuInterfaceRegister(cpu, register, value);
}
