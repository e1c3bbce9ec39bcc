using Emulator.Cpu.Core;
using Emulator.Cpu.Tests.Support;
using Emulator.Mmu.Physical;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests;

/// <summary>
/// Several cores in a <see cref="Cluster"/> on one memory: MPIDR_EL1 per core, SEV reaching every
/// PE, the exclusive monitor cleared (with an event) when a core's slice ends, TLBI VMALLE1IS
/// reaching the other cores' TLBs, the machine clock.
/// </summary>
public sealed class ClusterTests
{
    private const ulong Code1 = GuestMachine.CodeBase + 0x8000;

    private static (Cluster Cluster, PhysicalAddressSpace Bus, Ram Ram) TwoCores()
    {
        var ram = new Ram(GuestMachine.RamBase, GuestMachine.RamSize);
        var bus = new PhysicalAddressSpace(ram);
        var config = new CpuConfiguration { HotBlockEntries = GuestMachine.TestHotBlockEntries };
        var cluster = new Cluster([new ArmCore(bus, config), new ArmCore(bus, config)], quantum: 1000);
        cluster.Cores[0].Reset(GuestMachine.CodeBase);
        cluster.Cores[1].Reset(Code1);
        return (cluster, bus, ram);
    }

    private static void Write(Ram ram, ulong address, uint[] words)
    {
        for (int i = 0; i < words.Length; i++)
            ram.Write(address + 4 * (ulong)i, BitConverter.GetBytes(words[i]));
    }

    [Fact]
    public void Each_core_reads_its_own_mpidr_and_only_core_0_starts_on()
    {
        var (cluster, _, ram) = TwoCores();
        Write(ram, Code1, [Mrs(X1, MPIDR_EL1), Hvc(0)]);
        Assert.Equal(CpuExit.HypervisorCall, cluster.Cores[1].Run(100));
        Assert.Equal(0x8000_0001UL, cluster.Cores[1].X[1]);
        Assert.Equal(CorePowerState.On, cluster.PowerState(0));
        Assert.Equal(CorePowerState.Off, cluster.PowerState(1));
        Assert.Same(cluster.Cores[1], cluster.FindByAffinity(1));
        Assert.Null(cluster.FindByAffinity(2));
    }

    [Fact]
    public void Sev_sets_every_pe_event_register_and_sevl_only_its_own()
    {
        var (cluster, _, ram) = TwoCores();
        Write(ram, Code1, [0xD50320BF /* SEVL */, Hvc(0), Sev(), Hvc(0)]);
        ArmCore core0 = cluster.Cores[0], core1 = cluster.Cores[1];
        Assert.Equal(CpuExit.HypervisorCall, core1.Run(100));
        Assert.True(core1.EventRegisterSet);
        Assert.False(core0.EventRegisterSet);
        Assert.Equal(CpuExit.HypervisorCall, core1.Run(100));
        Assert.True(core0.EventRegisterSet);
    }

    [Fact]
    public void A_slice_end_clears_the_exclusive_monitor_and_signals_an_event()
    {
        var (cluster, _, ram) = TwoCores();
        ArmCore core0 = cluster.Cores[0];
        Write(ram, GuestMachine.CodeBase, [.. MovImm(X0, GuestMachine.DataBase), A64Sync.Ldxr(3, 1, 0), Hvc(0),
            A64Sync.Stxr(3, 2, 1, 0), Hvc(0)]);
        Assert.Equal(CpuExit.HypervisorCall, core0.Run(100));
        Assert.True(core0.ExclusiveMonitorSet);
        cluster.BeginSlice(core0);
        cluster.EndSlice(core0);
        Assert.False(core0.ExclusiveMonitorSet);
        Assert.True(core0.EventRegisterSet);
        Assert.Equal(CpuExit.HypervisorCall, core0.Run(100));
        Assert.Equal(1UL, core0.X[2]); // the store-exclusive fails
    }

    [Fact]
    public void Tlbi_vmalle1is_reaches_the_other_cores_and_vmalle1_does_not()
    {
        var (cluster, _, ram) = TwoCores();
        // TLBI VMALLE1IS then TLBI VMALLE1 on core 1; the TLB generation of core 0 tells.
        Write(ram, Code1, [0xD508831F /* TLBI VMALLE1IS */, Hvc(0), 0xD508871F /* TLBI VMALLE1 */, Hvc(0)]);
        ArmCore core0 = cluster.Cores[0], core1 = cluster.Cores[1];
        ulong before = core0.TlbInvalidations;
        Assert.Equal(CpuExit.HypervisorCall, core1.Run(100));
        Assert.Equal(before + 1, core0.TlbInvalidations);
        Assert.Equal(CpuExit.HypervisorCall, core1.Run(100));
        Assert.Equal(before + 1, core0.TlbInvalidations);
    }

    [Fact]
    public void The_machine_clock_is_the_furthest_core_and_instructions_add_up()
    {
        var (cluster, _, ram) = TwoCores();
        Write(ram, GuestMachine.CodeBase, [Hvc(0)]);
        Write(ram, Code1, [Hvc(0)]);
        cluster.Cores[1].AdvanceIdleTo(5000);
        Assert.Equal(5000UL, cluster.Cycles);
        cluster.Cores[0].Run(10);
        cluster.Cores[1].Run(10);
        Assert.Equal(cluster.Cores[0].Instructions + cluster.Cores[1].Instructions, cluster.Instructions);
    }
}
