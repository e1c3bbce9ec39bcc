using Emulator.Cpu.Core;
using Emulator.Cpu.System;

namespace Emulator.Cpu.Tests.Support;

/// <summary>
/// A stand-in for the GIC in CPU tests: every PPI level goes straight to the core's IRQ input
/// (any PPI high asserts IRQ), so tests see exactly when the timer output changes.
/// </summary>
public sealed class DirectInterruptController(ArmCore core, bool systemRegisters = false) : IInterruptController
{
    private uint _levels;

    public List<(uint Intid, bool Level, ulong Cycles)> Changes { get; } = [];

    public bool HasSystemRegisterInterface => systemRegisters;

    public List<ushort> SystemRegisterWrites { get; } = [];

    public void SetPrivateInterruptLevel(uint intid, bool level)
    {
        uint bit = 1u << (int)(intid - 16);
        _levels = level ? _levels | bit : _levels & ~bit;
        Changes.Add((intid, level, core.Cycles));
        core.SetInterruptRequest(_levels != 0, false);
    }

    public bool TryReadSystemRegister(ushort key, out ulong value)
    {
        value = 0x1234;
        return key == IccSysReg.ICC_PMR_EL1;
    }

    public bool TryWriteSystemRegister(ushort key, ulong value)
    {
        SystemRegisterWrites.Add(key);
        return key == IccSysReg.ICC_PMR_EL1;
    }
}
