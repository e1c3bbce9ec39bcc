using Emulator.Cpu.Core;
using Emulator.Cpu.Tests.Support;
using Emulator.Mmu.Caches;
using Emulator.Mmu.Physical;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.Timing;

/// <summary>
/// The timing model, by running guest code: each instruction class costs what the core profile
/// says (the default profile is the cortex-a72 preset's), mispredicted branches add the penalty,
/// exception entry and ERET the flush, MMIO the Device round trip; cycles = busy + memory + idle.
/// Costs are measured as differences between two programs that differ only in the instructions
/// under test, so the fixed cost of the start and of the HVC that ends them cancels.
/// </summary>
public sealed class TimingModelTests
{
    private static readonly CoreTimingConfig A72 = CachePresets.CortexA72.Core;

    private static ulong Busy(params uint[] code) => GuestMachine.Execute(code).Core.BusyCycles;

    private static ulong Extra(uint[] test, uint[] baseline) => Busy(test) - Busy(baseline);

    [Fact]
    public void Default_profile_is_the_default_presets()
    {
        var m = new GuestMachine();
        Assert.Equal(CachePresets.Find(CachePresets.DefaultName)!.Core, m.Core.Timing);
    }

    [Fact]
    public void Each_ALU_instruction_costs_one_cycle_and_cycles_are_busy_plus_memory_plus_idle()
    {
        uint[] alu = [Movz(X0, 1), AddImm(X1, X0, 2), SubImm(X2, X1, 1), Eor(X3, X1, X2), LslImm(X4, X3, 3), Orr(X5, X4, X0), AddImm(X6, X5, 7), Csel(X7, X6, X5, Cond.EQ)];
        Assert.Equal(8UL * (ulong)A72.Alu, Extra(alu, []));
        GuestMachine m = GuestMachine.Execute(alu);
        Assert.Equal(m.Core.BusyCycles + m.Core.MemoryCycles + m.Core.IdleCycles, m.Core.Cycles);
        Assert.Equal(0UL, m.Core.MemoryCycles); // no cache model, no device
    }

    [Fact]
    public void Multiply_divide_system_and_barriers_cost_their_class()
    {
        uint[] setup = [Movz(X1, 1000), Movz(X2, 7)];
        Assert.Equal(4UL * (ulong)A72.Multiply, Extra([.. setup, Mul(X0, X1, X2), Mul(X0, X0, X2), Madd(X3, X1, X2, X0), Mul(X4, X1, X1)], setup));
        Assert.Equal(2UL * (ulong)A72.Divide, Extra([.. setup, Udiv(X0, X1, X2), Sdiv(X3, X1, X2)], setup));
        Assert.Equal(2UL * (ulong)A72.Barrier, Extra([.. setup, Dmb(), Isb()], setup));
        Assert.Equal((ulong)A72.System, Extra([.. setup, Mrs(X0, MIDR_EL1)], setup));
        Assert.Equal((ulong)A72.Alu, Extra([.. setup, Nop()], setup)); // a hint issues like an ALU op
    }

    [Fact]
    public void A_loop_branch_mispredicts_on_entry_and_exit_only()
    {
        // CBNZ taken 99 times then not taken: the cold counter (weakly not-taken) misses the first
        // taken branch; the saturated counter misses the exit.
        var code = new CodeBuilder().Emit(Movz(X0, 100)).Label("loop").Emit(SubImm(X0, X0, 1)).Emit("loop", off => Cbnz(X0, off));
        GuestMachine m = GuestMachine.Execute(code);
        Assert.Equal(100UL, m.Core.Predictor.Conditional);
        Assert.Equal(2UL, m.Core.Predictor.ConditionalMispredicts);
        // 1 MOVZ + 100 x (SUB + CBNZ) + 2 mispredicts, then the HVC.
        ulong expected = (ulong)(A72.Alu + 100 * (A72.Alu + A72.Branch) + 2 * A72.MispredictPenalty);
        Assert.Equal(expected, m.Core.BusyCycles - (ulong)A72.System);
    }

    [Fact]
    public void An_alternating_branch_mispredicts_half_the_time_on_a_bimodal_predictor()
    {
        // X1 flips between 1 and 0; TBZ on bit 0 alternates not taken / taken. The 2-bit counter
        // (weakly not-taken at first) swings between 0 and 1: every taken TBZ is mispredicted.
        var code = new CodeBuilder()
            .Emit(Movz(X0, 64), Movz(X1, 0))
            .Label("loop")
            .Emit(EorImm(X1, X1, 1))
            .Emit("skip", off => Tbz(X1, 0, off))
            .Emit(Nop())
            .Label("skip")
            .Emit(SubImm(X0, X0, 1))
            .Emit("loop", off => Cbnz(X0, off));
        GuestMachine m = GuestMachine.Execute(code);
        Assert.Equal(128UL, m.Core.Predictor.Conditional);
        Assert.Equal(32UL + 2, m.Core.Predictor.ConditionalMispredicts); // every taken TBZ, and the loop's entry and exit
    }

    [Fact]
    public void Returns_are_predicted_by_the_return_stack_and_indirect_branches_by_the_last_target()
    {
        // Ten calls of one function: BL pushes, RET pops the right address every time.
        var calls = new CodeBuilder()
            .Emit(Movz(X0, 10))
            .Label("loop")
            .Emit("function", off => Bl(off))
            .Emit(SubImm(X0, X0, 1))
            .Emit("loop", off => Cbnz(X0, off))
            .Emit("end", off => B(off))
            .Label("function")
            .Emit(AddImm(X1, X1, 1), Ret())
            .Label("end");
        GuestMachine m = GuestMachine.Execute(calls);
        Assert.Equal(10UL, m.Core.X[1]);
        Assert.Equal(10UL, m.Core.Predictor.Indirect);
        Assert.Equal(0UL, m.Core.Predictor.IndirectMispredicts);

        // A RET with nothing pushed mispredicts; a BR mispredicts until the target buffer has its target.
        uint[] setLr = MovImm(X30, GuestMachine.CodeBase + 0x10);
        Assert.Equal(2, setLr.Length); // so that 0x10 is the HVC after RET and NOP
        GuestMachine unbalanced = GuestMachine.Execute([.. setLr, Ret(), Nop()]);
        Assert.Equal(1UL, unbalanced.Core.Predictor.IndirectMispredicts);
        var jumps = new CodeBuilder()
            .Emit(Movz(X0, 5), Adr(X2, 8)) // X2 = the SUB after the BR
            .Label("loop")
            .Emit(Br(X2))
            .Emit(SubImm(X0, X0, 1))
            .Emit("loop", off => Cbnz(X0, off));
        GuestMachine j = GuestMachine.Execute(jumps);
        Assert.Equal(5UL, j.Core.Predictor.Indirect);
        Assert.Equal(1UL, j.Core.Predictor.IndirectMispredicts);
    }

    [Fact]
    public void Exception_entry_and_return_cost_a_pipeline_flush()
    {
        // SVC to a handler that returns at once (ERET), against the same program with a NOP instead of the SVC.
        GuestMachine Run(uint call)
        {
            var m = GuestMachine.Load([.. MovImm(X0, GuestMachine.VectorBase), Msr(VBAR_EL1, X0), Isb(), call, GuestMachine.EndMarker]);
            m.WriteWords(GuestMachine.VectorBase + 0x200, [Eret()]); // current EL, SPx, synchronous
            m.RunToEnd();
            return m;
        }
        ulong svc = Run(Svc(0)).Core.BusyCycles;
        ulong nop = Run(Nop()).Core.BusyCycles;
        Assert.Equal((ulong)(A72.System + A72.ExceptionEntry + A72.ExceptionEntry - A72.Alu), svc - nop);
    }

    [Fact]
    public void A_device_access_costs_the_device_round_trip_as_memory_cycles()
    {
        var m = GuestMachine.Load([.. MovImm(X1, 0x0900_0000), Ldr(W0, Mem(X1)), Str(W0, Mem(X1, 4)), GuestMachine.EndMarker]);
        m.Bus.AddMmio(0x0900_0000, 0x1000, new LoadStoreTests.RecordingDevice());
        m.RunToEnd();
        Assert.Equal(2UL * (ulong)A72.DeviceAccess, m.Core.MemoryCycles);
    }

    [Fact]
    public void Another_profile_changes_the_costs_and_the_predictor()
    {
        var m = GuestMachine.Load([Movz(X1, 3), Mul(X0, X1, X1), Udiv(X2, X1, X1), GuestMachine.EndMarker]);
        m.Core.ConfigureTiming(new CoreTimingConfig { Alu = 2, Multiply = 9, Divide = 30, System = 5 });
        m.RunToEnd();
        Assert.Equal(2UL + 9 + 30 + 5, m.Core.BusyCycles);
        Assert.Throws<ArgumentException>(() => m.Core.ConfigureTiming(new CoreTimingConfig { PredictorEntries = 1000 }));
    }

    [Fact]
    public void Attaching_a_cache_takes_its_presets_core_profile()
    {
        var ram = new Ram(GuestMachine.RamBase, GuestMachine.RamSize);
        var core = new ArmCore(new PhysicalAddressSpace(ram), new CpuConfiguration());
        core.AttachCache(new CacheHierarchy(CachePresets.CortexA53, ram, cpuCount: 1), 0);
        Assert.Equal(CachePresets.CortexA53.Core, core.Timing);
        Assert.NotEqual(CachePresets.CortexA72.Core.MispredictPenalty, core.Timing.MispredictPenalty);
    }
}
