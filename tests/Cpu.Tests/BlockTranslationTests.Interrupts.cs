using Emulator.Cpu.Core;
using Emulator.Cpu.Tests.Support;
using Emulator.Mmu.Caches;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests;

/// <summary>Interrupts and deadlines that fall in the middle of hot loops.</summary>
public sealed partial class BlockTranslationTests
{
    /// <summary>The virtual timer fires <paramref name="ticks"/> counter ticks (16 cycles each) into an endless mixed loop with IRQs unmasked.</summary>
    [Theory]
    [InlineData(2000UL)]
    [InlineData(5001UL)]
    [InlineData(12345UL)]
    public void Virtual_timer_irq_is_taken_at_the_same_instruction(ulong ticks)
    {
        CodeBuilder c = VirtualTimerLoop(ticks);
        BlockEquivalence pair = WithInterruptController(c.Build());
        pair.RunToVector(VectorIrqSpx);
        pair.AssertTranslated();
        Assert.True(pair.Translated.Core.Cycles >= ticks * 16);
        ulong elr = pair.Translated.Elr;
        Assert.InRange(elr, GuestMachine.CodeBase + (ulong)c.LabelOffset("loop"), GuestMachine.CodeBase + (ulong)c.LabelOffset("end"));
    }

    [Theory]
    [InlineData(3000UL)]
    [InlineData(9999UL)]
    public void Virtual_timer_irq_with_the_cache_model_is_taken_at_the_same_instruction(ulong ticks)
    {
        CodeBuilder c = VirtualTimerLoop(ticks);
        var pair = BlockEquivalence.WithMmu(c.Build(), CachePresets.CortexA72);
        pair.ForBoth(m => m.Core.InterruptController = new DirectInterruptController(m.Core));
        pair.RunToVector(VectorIrqSpx);
        pair.AssertTranslated();
    }

    /// <summary>Arms the virtual timer <paramref name="ticks"/> ahead, unmasks IRQs and runs the mixed loop (labels "loop" and "end").</summary>
    private static CodeBuilder VirtualTimerLoop(ulong ticks)
    {
        var c = new CodeBuilder()
            .Emit(MovImm(X0, ticks)).Emit(Movz(X1, 1))
            .Emit(Msr(CNTV_TVAL, X0)).Emit(Msr(CNTV_CTL, X1))
            .Emit(Movz(X0, 0))
            .Emit(MsrDaifClr(2))
            .Emit(LoopSetup(1_000_000))
            .Label("loop");
        return MixedLoopBody(c)
            .Emit(SubImm(X20, X20, 1))
            .Emit("loop", off => Cbnz(X20, off))
            .Label("end")
            .Emit(GuestMachine.EndMarker);
    }

    [Fact]
    public void Physical_timer_irq_in_a_tight_loop_is_taken_at_the_same_instruction()
    {
        var c = new CodeBuilder()
            .Emit(MovImm(X0, 4321)).Emit(Movz(X1, 1))
            .Emit(Msr(CNTP_CVAL, X0)).Emit(Msr(CNTP_CTL, X1))
            .Emit(MsrDaifClr(2))
            .Emit(MovImm(X21, Data))
            .Label("loop")
            .Emit(AddImm(X2, X2, 1))
            .Emit(Str(X2, Mem(X21)))
            .Emit(Ldr(X3, Mem(X21)))
            .Emit(Mul(X4, X3, X3))
            .Emit("loop", off => B(off));
        BlockEquivalence pair = WithInterruptController(c.Build());
        pair.RunToVector(VectorIrqSpx);
        pair.AssertTranslated();
        Assert.True(pair.Translated.Core.Cycles >= 4321UL * 16);
    }

    /// <summary>The host raises IRQ between two runs, after <paramref name="before"/> instructions of a hot loop.</summary>
    [Theory]
    [InlineData(5000UL)]
    [InlineData(5003UL)]
    [InlineData(7777UL)]
    public void Irq_raised_by_the_host_between_runs_is_taken_at_the_same_instruction(ulong before)
    {
        var c = new CodeBuilder().Emit(MsrDaifClr(2)).Emit(LoopSetup(1_000_000)).Label("loop");
        MixedLoopBody(c)
            .Emit(SubImm(X20, X20, 1))
            .Emit("loop", off => Cbnz(X20, off))
            .Emit(GuestMachine.EndMarker);
        BlockEquivalence pair = WithInterruptController(c.Build());
        Assert.Equal(CpuExit.BudgetExhausted, pair.Run(before));
        pair.AssertSame("before the IRQ");
        pair.ForBoth(m => m.Core.SetInterruptRequest(irq: true, fiq: false));
        pair.RunToVector(VectorIrqSpx);
        pair.AssertTranslated();
    }

    /// <summary>
    /// A store to a device in the middle of a hot block raises IRQ (a doorbell): the block must
    /// stop right after that store, as the interpreter takes the IRQ before the next instruction.
    /// </summary>
    [Theory]
    [InlineData(150UL)]
    [InlineData(1UL)]
    public void Irq_raised_by_a_device_store_inside_a_block_is_taken_after_that_store(ulong ringAt)
    {
        const ulong doorbell = 0x0900_0000;
        var c = new CodeBuilder()
            .Emit(MsrDaifClr(2))
            .Emit(MovImm(X20, 400))
            .Emit(MovImm(X10, doorbell))
            .Emit(MovImm(X21, Data))
            .Label("loop")
            .Emit(Add(X1, X1, X20))
            .Emit(CmpImm(X20, ringAt))
            .Emit(Cset(X2, Cond.EQ))
            .Emit(Str(X1, Mem(X21)))
            .Label("ring")
            .Emit(Str(W2, Mem(X10)))                        // the doorbell: IRQ when 1
            .Label("after")
            .Emit(Ldr(W3, Mem(X10, 4)))                     // a device read too
            .Emit(Add(X4, X4, X3))
            .Emit(SubImm(X20, X20, 1))
            .Emit("loop", off => Cbnz(X20, off))
            .Emit(GuestMachine.EndMarker);
        var pair = BlockEquivalence.Plain(c.Build());
        var devices = new List<Doorbell>();
        pair.ForBoth(m =>
        {
            var device = new Doorbell(m.Core);
            devices.Add(device);
            m.Bus.AddMmio(doorbell, 0x1000, device);
            m.InstallHvcVectors();
        });
        pair.RunToVector(VectorIrqSpx);
        pair.AssertTranslated();
        Assert.Equal(GuestMachine.CodeBase + (ulong)c.LabelOffset("after"), pair.Translated.Elr);
        Assert.Equal(ringAt, pair.Translated.X(20));
        Assert.Equal(devices[0].Accesses, devices[1].Accesses);
    }

    /// <summary>A host deadline (HostDeadlineCycle) in the middle of a hot loop ends both runs at the same instruction.</summary>
    [Theory]
    [InlineData(5000UL)]
    [InlineData(23456UL)]
    public void Host_deadline_ends_both_runs_at_the_same_instruction(ulong deadline)
    {
        var pair = BlockEquivalence.Plain(MixedLoop(1000));
        pair.ForBoth(m => m.Core.HostDeadlineCycle = deadline);
        Assert.Equal(CpuExit.BudgetExhausted, pair.Run());
        pair.AssertSame("at the host deadline");
        Assert.True(pair.Translated.Core.Cycles >= deadline);
        pair.ForBoth(m => m.Core.HostDeadlineCycle = ulong.MaxValue);
        pair.RunToEnd();
        pair.AssertTranslated();
    }

    private static BlockEquivalence WithInterruptController(uint[] code)
    {
        var pair = BlockEquivalence.Plain(code);
        pair.ForBoth(m =>
        {
            m.Core.InterruptController = new DirectInterruptController(m.Core);
            m.InstallHvcVectors();
        });
        return pair;
    }

    /// <summary>A device whose register 0 drives the core's IRQ input; register 4 counts accesses.</summary>
    private sealed class Doorbell(ArmCore core) : Emulator.Mmu.Physical.IMmioDevice
    {
        public ulong Accesses { get; private set; }

        public string Name => "doorbell";

        public bool Read(ulong offset, int size, out ulong value)
        {
            value = ++Accesses;
            return true;
        }

        public bool Write(ulong offset, int size, ulong value)
        {
            Accesses++;
            if (offset == 0)
                core.SetInterruptRequest(irq: value != 0, fiq: false);
            return true;
        }
    }
}
