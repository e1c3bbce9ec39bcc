using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.SystemRegisters;

/// <summary>
/// The Armv8.0 registers the register-index check found missing, now implemented: RVBAR_EL1 and
/// RMR_EL1 (EL1 is the highest Exception level), AIDR_EL1, and the Debug Communications Channel
/// (DBGDTR_EL0, DBGDTRRX/TX_EL0, MDCCSR_EL0's RXfull/TXfull, OSDTRRX/TX_EL1, the TDCC trap).
/// </summary>
public sealed class ImplementedRegisterValueTests
{
    private static readonly SysRegister RVBAR_EL1 = new(3, 0, 12, 0, 1);
    private static readonly SysRegister RMR_EL1 = new(3, 0, 12, 0, 2);
    private static readonly SysRegister AIDR_EL1 = new(3, 1, 0, 0, 7);
    private static readonly SysRegister MDCCSR_EL0 = new(2, 3, 0, 1, 0);
    private static readonly SysRegister DBGDTR_EL0 = new(2, 3, 0, 4, 0);
    private static readonly SysRegister DBGDTRTX_EL0 = new(2, 3, 0, 5, 0);
    private static readonly SysRegister OSDTRRX_EL1 = new(2, 0, 0, 0, 2);
    private static readonly SysRegister OSDTRTX_EL1 = new(2, 0, 0, 3, 2);
    private static readonly SysRegister MDSCR_EL1 = new(2, 0, 0, 2, 2);

    [Fact]
    public void Rvbar_rmr_and_aidr_read_as_an_aarch64_only_pe_with_el1_highest()
    {
        GuestMachine m = GuestMachine.Execute([
            Mrs(X(1), RVBAR_EL1), Mrs(X(2), RMR_EL1), Mrs(X(3), AIDR_EL1),
            Movz(X(4), 0b10), Msr(RMR_EL1, X(4)), Mrs(X(5), RMR_EL1),   // RR: a request, held
            Msr(RMR_EL1, XZR), Mrs(X(6), RMR_EL1),                      // AA64 stays 1 (RAO/WI)
        ]);
        Assert.Equal(0UL, m.X(1));
        Assert.Equal(1UL, m.X(2));
        Assert.Equal(0UL, m.X(3));
        Assert.Equal(3UL, m.X(5));
        Assert.Equal(1UL, m.X(6));
    }

    [Fact]
    public void Dcc_transmit_sets_txfull_and_the_os_save_registers_see_the_same_data()
    {
        GuestMachine m = GuestMachine.Execute([
            Mrs(X(1), MDCCSR_EL0),
            .. MovImm(X(2), 0x1122_3344_5566_7788), Msr(DBGDTR_EL0, X(2)), // DTRTX = low word, DTRRX = high word
            Mrs(X(3), MDCCSR_EL0),
            Mrs(X(4), OSDTRTX_EL1), Mrs(X(5), OSDTRRX_EL1),
            Mrs(X(6), DBGDTRTX_EL0), // DBGDTRRX_EL0 on a read
            .. MovImm(X(7), 0xCAFE), Msr(OSDTRRX_EL1, X(7)), Mrs(X(8), DBGDTR_EL0),
        ]);
        Assert.Equal(0UL, m.X(1));
        Assert.Equal(1UL << 29, m.X(3)); // TXfull; RXfull stays 0 with no external debugger
        Assert.Equal(0x5566_7788UL, m.X(4));
        Assert.Equal(0x1122_3344UL, m.X(5));
        Assert.Equal(0x1122_3344UL, m.X(6));
        Assert.Equal(0x5566_7788_0000_CAFEUL, m.X(8));
    }

    [Fact]
    public void Dcc_at_el0_traps_to_el1_only_with_mdscr_tdcc()
    {
        GuestMachine free = GuestMachine.Load([
            Msr(new SysRegister(3, 0, 4, 0, 1), X(27)), Msr(new SysRegister(3, 0, 4, 0, 0), XZR), Eret(), // ELR_EL1, SPSR_EL1 = EL0t
        ]);
        free.WriteWords(GuestMachine.CodeBase + 0x800, [Msr(DBGDTRTX_EL0, X(1)), Mrs(X(2), MDCCSR_EL0), Svc(0)]);
        free.InstallHvcVectors();
        free.Core.X[27] = GuestMachine.CodeBase + 0x800;
        free.RunToVector(GuestMachine.VectorLowerElSync);
        Assert.Equal(0x15u, free.ExceptionClass);
        Assert.Equal(1UL << 29, free.X(2));

        GuestMachine trapped = GuestMachine.Load([
            Movz(X(3), 1u << 12), Msr(MDSCR_EL1, X(3)), // TDCC
            Msr(new SysRegister(3, 0, 4, 0, 1), X(27)), Msr(new SysRegister(3, 0, 4, 0, 0), XZR), Eret(),
        ]);
        trapped.WriteWords(GuestMachine.CodeBase + 0x800, [Mrs(X(2), MDCCSR_EL0), Svc(0)]);
        trapped.InstallHvcVectors();
        trapped.Core.X[27] = GuestMachine.CodeBase + 0x800;
        trapped.RunToVector(GuestMachine.VectorLowerElSync);
        Assert.Equal(0x18u, trapped.ExceptionClass);
    }
}
