using Emulator.Cpu.Core;
using Emulator.Host.Board;
using Emulator.Host.DeviceTree;
using Emulator.Host.Hypervisor;

namespace Emulator.Host.Tests.Hypervisor;

/// <summary>
/// PSCI's CPU power calls as KVM answers them (arch/arm64/kvm/psci.c: kvm_psci_vcpu_on,
/// kvm_psci_vcpu_affinity_info), on boards with one and several CPUs, called from CPU 0's
/// registers as an HVC leaves them.
/// </summary>
public sealed class PsciSmpTests
{
    private static (VirtBoard Board, PsciHandler Psci) Board(int cpus) =>
        (new VirtBoard(128UL << 20, _ => { }, new CpuConfiguration(), cpuCount: cpus), new PsciHandler());

    private static long Call(PsciHandler psci, ArmCore core, uint function, ulong x1 = 0, ulong x2 = 0, ulong x3 = 0)
    {
        core.X[0] = function;
        core.X[1] = x1;
        core.X[2] = x2;
        core.X[3] = x3;
        psci.Handle(core, 0, "HVC");
        return (long)core.X[0];
    }

    [Fact]
    public void Cpu_on_of_an_mpidr_no_cpu_has_is_invalid_parameters_also_with_one_cpu()
    {
        var (board, psci) = Board(1);
        Assert.Equal(PsciHandler.InvalidParameters, Call(psci, board.Core, PsciHandler.CpuOn64, 1, 0x4010_0000, 7));
        Assert.Equal(PsciHandler.AlreadyOn, Call(psci, board.Core, PsciHandler.CpuOn64, 0, 0x4010_0000, 7));
        Assert.Equal(PsciHandler.Success, Call(psci, board.Core, PsciHandler.PsciFeatures, PsciHandler.CpuOn64));
        Assert.Equal(PsciHandler.Success, Call(psci, board.Core, PsciHandler.PsciFeatures, PsciHandler.CpuOn32));
    }

    [Fact]
    public void Cpu_on_starts_the_target_at_el1_with_the_context_id_in_x0_and_then_it_is_already_on()
    {
        var (board, psci) = Board(4);
        ArmCore caller = board.Core, target = board.Cluster.Cores[2];
        caller.AdvanceIdleTo(123_456);
        Assert.Equal(CorePowerState.Off, board.Cluster.PowerState(2));
        Assert.Equal(1, Call(psci, caller, PsciHandler.AffinityInfo64, 2));      // OFF

        Assert.Equal(PsciHandler.Success, Call(psci, caller, PsciHandler.CpuOn64, 2, 0x4012_3400, 0xC0FFEE));
        Assert.Equal(CorePowerState.On, board.Cluster.PowerState(2));
        Assert.Equal(0x4012_3400UL, target.Pc);
        Assert.Equal(0xC0FFEEUL, target.X[0]);
        Assert.Equal(1, target.CurrentEl);
        Assert.True(target.SpSel);
        Assert.Equal(0xFu << 6, target.Daif);                                  // D, A, I, F masked
        Assert.Equal(0UL, target.Sys.SCTLR_EL1 & 0b101);                        // MMU and data cache off
        Assert.True(target.Cycles >= 123_456);                                  // the counter is system-wide
        Assert.Equal(0x8000_0002UL, target.Mpidr);
        Assert.Equal(target.Mpidr, target.El2.VMPIDR_EL2);
        Assert.NotEqual(0UL, target.El2.HCR_EL2 & 1);                            // the vCPU runs under stage 2

        Assert.Equal(PsciHandler.AlreadyOn, Call(psci, caller, PsciHandler.CpuOn64, 2, 0x4010_0000, 0));
        Assert.Equal(0, Call(psci, caller, PsciHandler.AffinityInfo64, 2));      // ON
        Assert.Equal(PsciHandler.InvalidParameters, Call(psci, caller, PsciHandler.CpuOn64, 4, 0x4010_0000, 0));
        Assert.Equal(PsciHandler.InvalidParameters, Call(psci, caller, PsciHandler.CpuOn64, 1UL << 24 | 1, 0x4010_0000, 0)); // bits outside the affinity fields
    }

    [Fact]
    public void Affinity_info_answers_as_kvm()
    {
        var (board, psci) = Board(2);
        ArmCore cpu0 = board.Core;
        Assert.Equal(0, Call(psci, cpu0, PsciHandler.AffinityInfo64, 0, 0));
        Assert.Equal(1, Call(psci, cpu0, PsciHandler.AffinityInfo64, 5, 0));     // no such CPU: OFF (QEMU TCG: INVALID_PARAMETERS)
        Assert.Equal(0, Call(psci, cpu0, PsciHandler.AffinityInfo64, 5, 1));     // level 1: Aff0 ignored, CPU 0 is on
        Assert.Equal(1, Call(psci, cpu0, PsciHandler.AffinityInfo64, 0x100, 1)); // cluster Aff1 = 1 has no CPU
        Assert.Equal(PsciHandler.InvalidParameters, Call(psci, cpu0, PsciHandler.AffinityInfo64, 0, 4));
        Assert.Equal(PsciHandler.InvalidParameters, Call(psci, cpu0, PsciHandler.AffinityInfo64, 1UL << 40, 0));
        Assert.Equal(1, Call(psci, cpu0, PsciHandler.AffinityInfo32, 0xFFFF_FFFF_0000_0001UL, 0)); // SMC32: X1 truncated to CPU 1, which is off
    }

    [Fact]
    public void Cpu_off_turns_a_secondary_off_and_the_last_cpu_off_ends_the_one_cpu_machine()
    {
        var (board, psci) = Board(2);
        Call(psci, board.Core, PsciHandler.CpuOn64, 1, 0x4010_0000, 0);
        ArmCore cpu1 = board.Cluster.Cores[1];
        cpu1.X[0] = PsciHandler.CpuOff;
        Assert.Equal(HostCallOutcome.CpuOff, psci.Handle(cpu1, 0, "HVC"));
        Assert.Equal(CorePowerState.Off, board.Cluster.PowerState(1));
        Assert.Equal(1, Call(psci, board.Core, PsciHandler.AffinityInfo64, 1));

        var (one, psci1) = Board(1);
        one.Core.X[0] = PsciHandler.CpuOff;
        Assert.Equal(HostCallOutcome.Halt, psci1.Handle(one.Core, 0, "HVC"));
    }

    [Fact]
    public void Device_tree_has_a_psci_cpu_node_per_cpu_with_qemus_phandles()
    {
        byte[] dtb = VirtDeviceTree.Build(new VirtDeviceTreeConfig(128UL << 20, null, 2, 62_500_000, CpuCount: 4));
        string dts = System.Text.Encoding.ASCII.GetString(dtb);
        for (int cpu = 0; cpu < 4; cpu++)
            Assert.Contains($"cpu@{cpu}", dts);
        Assert.DoesNotContain("cpu@4", dts);
        Assert.Contains("cpu-map", dts);
        Assert.Equal(0x8005u, VirtDeviceTree.GicPhandleFor(4)); // QEMU -smp 4: cpu@3 0x8001 ... cpu@0 0x8004, GIC 0x8005
    }
}
