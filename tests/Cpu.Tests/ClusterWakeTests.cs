using Emulator.Cpu.Core;
using Emulator.Cpu.Tests.Support;
using Emulator.Mmu.Physical;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests;

/// <summary>
/// The one wake mechanism of the schedule, the same with one core as with several: a WFI that a
/// host deadline cut short completes before the core's next slice when an interrupt has come
/// (ELR_EL1 then points past it); the wake deadline (the RTC alarm) keeps a machine with no timer
/// armed asleep until then instead of halting it; a core asleep in WFI sleeps through a slice
/// without running; a WFE with no event yields to a core that still has its slice to run.
/// </summary>
public sealed class ClusterWakeTests
{
    private const ulong Vectors = GuestMachine.CodeBase + 0x4000;

    private static Cluster Cores(int count, out Ram ram)
    {
        ram = new Ram(GuestMachine.RamBase, GuestMachine.RamSize);
        var bus = new PhysicalAddressSpace(ram);
        var config = new CpuConfiguration { HotBlockEntries = GuestMachine.TestHotBlockEntries };
        var cores = new ArmCore[count];
        for (int i = 0; i < count; i++)
            cores[i] = new ArmCore(bus, config);
        var cluster = new Cluster(cores, quantum: 1000);
        for (int i = 0; i < count; i++)
            cores[i].Reset(GuestMachine.CodeBase + 0x8000 * (ulong)i);
        return cluster;
    }

    private static void Write(Ram ram, ulong address, uint[] words)
    {
        for (int i = 0; i < words.Length; i++)
            ram.Write(address + 4 * (ulong)i, BitConverter.GetBytes(words[i]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_cut_wfi_woken_by_an_interrupt_completes_before_the_next_slice(int cores)
    {
        Cluster cluster = Cores(cores, out Ram ram);
        ArmCore core = cluster.Cores[0];
        Write(ram, GuestMachine.CodeBase, [Wfi(), Hvc(0)]);
        Write(ram, Vectors + 0x280, [Hvc(1)]); // the current-EL SPx IRQ vector
        core.Sys.VBAR_EL1 = Vectors;
        core.Daif = 0; // IRQs unmasked
        core.HostDeadlineCycle = 5000; // a display step, or the slice's end
        core.WakeDeadlineCycle = 50_000; // an RTC alarm (alone, one core would halt: nothing could wake it)
        Assert.Equal(CpuExit.BudgetExhausted, core.Run(100));
        Assert.True(core.StoppedWaiting);
        Assert.Equal(0UL, core.Instructions); // the WFI is not counted yet
        Assert.Equal(5000UL, core.Cycles);
        Assert.True(core.Asleep);

        core.SetInterruptRequest(irq: true, fiq: false);
        Assert.False(core.Asleep);
        cluster.BeginSlice(core);
        Assert.Equal(1UL, core.Instructions); // completed
        Assert.Equal(GuestMachine.CodeBase + 4, core.Pc);
        core.HostDeadlineCycle = ulong.MaxValue;
        Assert.Equal(CpuExit.HypervisorCall, core.Run(100)); // the IRQ vector's HVC #1
        Assert.Equal((ushort)1, core.ExitImmediate);
        Assert.Equal(GuestMachine.CodeBase + 4, core.Sys.ELR_EL1); // the IRQ returns past the WFI
    }

    [Fact]
    public void The_wake_deadline_keeps_a_sleeping_machine_going_and_a_sleeping_core_sleeps_through_slices()
    {
        Cluster cluster = Cores(2, out Ram ram);
        ArmCore core = cluster.Cores[0];
        Write(ram, GuestMachine.CodeBase, [Wfi(), Hvc(0)]);
        core.HostDeadlineCycle = 1000;
        core.WakeDeadlineCycle = 20_000; // the RTC alarm
        Assert.Equal(CpuExit.BudgetExhausted, core.Run(100));
        Assert.True(core.Asleep);
        // No timer armed: only the alarm can wake the machine, and the next round jumps to it.
        Assert.Equal(20_000UL, cluster.NextRoundEnd(hostDeadline: ulong.MaxValue, wakeDeadline: 20_000));
        Assert.Equal(ulong.MaxValue, cluster.NextRoundEnd(hostDeadline: ulong.MaxValue, wakeDeadline: ulong.MaxValue));
        Assert.Equal(8000UL, cluster.NextRoundEnd(hostDeadline: 8000, wakeDeadline: 20_000)); // a display step first

        Assert.True(core.SleepThrough(8000));
        Assert.Equal(8000UL, core.Cycles);
        Assert.Equal(0UL, core.Instructions);
        Assert.True(core.Asleep);
        Assert.True(core.SleepThrough(30_000)); // to the alarm, where the host raises its interrupt
        Assert.Equal(20_000UL, core.Cycles);
        core.SetInterruptRequest(irq: true, fiq: false);
        Assert.False(core.SleepThrough(30_000)); // woken
    }

    [Fact]
    public void A_pending_event_does_not_keep_a_wfi_awake()
    {
        Cluster cluster = Cores(2, out Ram ram);
        ArmCore core = cluster.Cores[0];
        Write(ram, GuestMachine.CodeBase, [Hint(5) /* SEVL */, Wfi(), Hvc(0)]);
        core.HostDeadlineCycle = 1000;
        Assert.Equal(CpuExit.BudgetExhausted, core.Run(100));
        Assert.True(core.EventRegisterSet);
        Assert.True(core.Asleep); // WFI waits for an interrupt, not for an event
        Assert.Equal(ulong.MaxValue, cluster.NextRoundEnd(hostDeadline: ulong.MaxValue, wakeDeadline: ulong.MaxValue));
    }

    [Fact]
    public void A_wfe_without_an_event_yields_only_to_a_core_that_still_has_its_slice()
    {
        Cluster cluster = Cores(2, out Ram ram);
        ArmCore core0 = cluster.Cores[0], core1 = cluster.Cores[1];
        Write(ram, GuestMachine.CodeBase, [Wfe(), Hvc(0)]);
        Write(ram, GuestMachine.CodeBase + 0x8000, [Hvc(0)]);
        cluster.PowerOn(core1, GuestMachine.CodeBase + 0x8000, 0, now: 0);
        core0.HostDeadlineCycle = 10_000;
        cluster.BeginRound();
        ulong before = core0.Cycles;
        Assert.Equal(CpuExit.BudgetExhausted, core0.Run(100));
        Assert.True(core0.Yielded);
        Assert.Equal(before, core0.Cycles); // no sleep: its clock stays while core 1 runs
        cluster.EndTurn(core0);
        Assert.True(cluster.HasSliceToRun(core0));

        cluster.EndTurn(core1); // core 1's slice is over: nobody left to yield to
        cluster.BeginSlice(core0);
        Assert.False(core0.Yielded);
        Assert.Equal(CpuExit.BudgetExhausted, core0.Run(100));
        Assert.False(core0.Yielded);
        Assert.Equal(10_000UL, core0.Cycles); // slept to the slice's end
        cluster.EndTurn(core0);
        Assert.False(cluster.HasSliceToRun(core0));
    }

    [Fact]
    public void A_yield_hint_ends_the_slice_while_another_core_has_one_and_is_a_nop_otherwise()
    {
        Cluster cluster = Cores(2, out Ram ram);
        ArmCore core0 = cluster.Cores[0], core1 = cluster.Cores[1];
        Write(ram, GuestMachine.CodeBase, [Hint(1) /* YIELD */, Hint(1), Hvc(0)]);
        Write(ram, GuestMachine.CodeBase + 0x8000, [Hvc(0)]);
        cluster.PowerOn(core1, GuestMachine.CodeBase + 0x8000, 0, now: 0);
        cluster.BeginRound();
        Assert.Equal(CpuExit.BudgetExhausted, core0.Run(100));
        Assert.True(core0.Yielded);
        Assert.Equal(1UL, core0.Instructions); // the YIELD completed
        Assert.Equal(GuestMachine.CodeBase + 4, core0.Pc);
        cluster.EndTurn(core0);
        cluster.EndTurn(core1);
        cluster.BeginSlice(core0);
        Assert.Equal(CpuExit.HypervisorCall, core0.Run(100)); // nobody left to yield to: a NOP
        Assert.False(core0.Yielded);
    }
}
