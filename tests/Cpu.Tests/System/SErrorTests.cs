using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.System;

/// <summary>SError interrupts: pending until PSTATE.A allows them, reported in ISR_EL1, vector offset 0x180.</summary>
public sealed class SErrorTests
{
    private static readonly SysRegister ISR_EL1 = new(3, 0, 12, 1, 0);

    private const ushort VectorSErrorSpx = 0x107;

    [Fact]
    public void Pending_serror_shows_in_isr_and_is_taken_when_pstate_a_is_cleared()
    {
        // DAIFClr #4 clears A: the SError is taken before the MOVZ.
        GuestMachine m = GuestMachine.Load([Mrs(X1, ISR_EL1), MsrDaifClr(4), Movz(X0, 1), Hvc(0)]);
        m.InstallHvcVectors();
        m.Core.SetSErrorRequest(true);
        m.RunToVector(VectorSErrorSpx);
        Assert.Equal(1UL << 8, m.X(1));                    // ISR_EL1.A
        Assert.Equal(0UL, m.X(0));                         // the MOVZ did not run
        Assert.Equal(GuestMachine.CodeBase + 8, m.Elr);    // preferred return: the next instruction
        Assert.Equal(0x2FUL << 26 | 1UL << 25, m.Esr);     // EC SError, IL 1
        Assert.False(m.Core.SErrorPending);                // taken, so no longer pending
    }

    [Fact]
    public void Masked_serror_stays_pending_and_is_not_taken()
    {
        GuestMachine m = GuestMachine.Load([Nop(), Movz(X0, 1), Hvc(0)]);
        m.InstallHvcVectors();
        m.Core.SetSErrorRequest(true);
        m.RunToEnd();
        Assert.Equal(1UL, m.X(0));
        Assert.True(m.Core.SErrorPending);
    }

    [Fact]
    public void Irq_level_changes_do_not_drop_a_pending_serror()
    {
        GuestMachine m = GuestMachine.Load([Hvc(0)]);
        m.Core.SetSErrorRequest(true);
        m.Core.SetInterruptRequest(irq: true, fiq: false);
        m.Core.SetInterruptRequest(irq: false, fiq: false);
        Assert.True(m.Core.SErrorPending);
    }
}
