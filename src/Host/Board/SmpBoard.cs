using Emulator.Cpu.Core;
using Emulator.Devices.Gic;
using Emulator.Mmu.Physical;

namespace Emulator.Host.Board;

/// <summary>
/// The board's CPUs: <c>--smp</c> Cortex-A57-like cores, each wired to its own GIC CPU interface
/// (its IRQ/FIQ inputs, its timers' PPIs, its ICC_* System registers) and gathered in a
/// <see cref="Cluster"/>. Core 0 boots; the others wait, powered off, for PSCI CPU_ON, as on
/// QEMU virt with KVM.
/// </summary>
public static class SmpBoard
{
    /// <summary>Most CPUs the board has: GICv2's limit, and QEMU virt's with GICv2.</summary>
    public const int MaxCpus = GenericInterruptController.MaxCpus;

    public static Cluster CreateCluster(PhysicalAddressSpace bus, CpuConfiguration configuration, GenericInterruptController gic, int cpuCount, ulong quantum)
    {
        if (cpuCount < 1 || cpuCount > MaxCpus)
            throw new ArgumentOutOfRangeException(nameof(cpuCount), cpuCount, $"the board has 1 to {MaxCpus} CPUs");
        var cores = new ArmCore[cpuCount];
        for (int i = 0; i < cpuCount; i++)
            cores[i] = new ArmCore(bus, configuration) { InterruptController = new GicCpuInterface(gic, i) };
        var cluster = new Cluster(cores, quantum);
        foreach (ArmCore core in cores)
            gic.Connect(core.CpuIndex, core.SetInterruptRequest);
        return cluster;
    }
}
