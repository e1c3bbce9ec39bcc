using Emulator.Cpu.Core;
using Emulator.Host.Board;
using Emulator.Host.DeviceTree;
using Emulator.Host.Hypervisor;
using Emulator.Host.Hypervisor.Policies;
using Emulator.Host.Loading;
using Emulator.Host.Tests.Robustness;

namespace Emulator.Host.Tests.Hypervisor;

/// <summary>
/// MDCR_EL2 as the hypervisor model keeps it for a vCPU (kvm_arm_setup_mdcr_el2 and KVM's lazy debug
/// switch): PMU and OS-lock accesses always trap and are emulated; a debug register access traps
/// (TDA) once, then not until the next exit, where TDA is set again while the guest's MDSCR_EL1 has
/// neither KDE nor MDE. The guest reads its own values throughout.
/// </summary>
public sealed class MdcrTrapReloadTests
{
    private const ulong RamSize = 32UL << 20;
    private const ulong ImageBase = VirtMemoryMap.RamBase + (2UL << 20);
    private static readonly (uint, uint, uint, uint, uint) Mdscr = (2, 0, 0, 2, 2), Pmselr = (3, 3, 9, 12, 5);

    [Fact]
    public void Debug_registers_trap_until_used_and_again_after_an_exit_while_the_guest_does_not_debug()
    {
        var code = new List<uint>();
        A64Words.MoveImmediate(code, 1, 0x1000);              // MDSCR_EL1.TDCC: not KDE or MDE
        code.Add(A64Words.Msr(Mdscr, 1));                     // trap 1 (TDA), emulated; TDA cleared
        code.Add(A64Words.Mrs(Mdscr, 2));                     // not trapped
        A64Words.MoveImmediate(code, 3, VirtMemoryMap.RamBase + (24UL << 20)); // far from the image: not mapped at stage 2 yet
        code.Add(A64Words.LoadStore(load: false, sizeLog2: 3, rt: 2, rn: 3, imm12: 0)); // a stage-2 fault: an exit, TDA set again
        code.Add(A64Words.Mrs(Mdscr, 4));                     // trap 2
        A64Words.MoveImmediate(code, 5, 3);
        code.Add(A64Words.Msr(Pmselr, 5));                    // trap 3 (TPM)
        code.Add(A64Words.Mrs(Pmselr, 6));                    // trap 4
        code.Add(A64Words.Hvc0);

        var cpu = new CpuConfiguration { CounterFrequencyHz = VirtMemoryMap.DefaultCounterFrequencyHz };
        var board = new VirtBoard(RamSize, _ => { }, cpu, 2, VirtBoard.DefaultRtcStartSeconds, null, ncSnoop: false, new KvmPolicy(), 4UL << 20);
        byte[] image = new byte[code.Count * 4];
        A64Words.Put(image, 0, code);
        byte[] dtb = VirtDeviceTree.Build(new VirtDeviceTreeConfig(RamSize, null, 2, VirtMemoryMap.DefaultCounterFrequencyHz));
        board.Boot(new LoadedImage(ImageFormat.Raw, ImageBase, [new LoadedSegment(ImageBase, image, (ulong)image.Length)], IsLinuxKernel: false), dtb, "t");
        ulong trapsBefore = board.Hypervisor.Statistics.TrappedInstructions;
        for (int i = 0; ; i++)
        {
            Assert.True(i < 1000, "the guest did not reach its HVC");
            CpuExit exit = board.Core.Run(100_000);
            if (exit == CpuExit.HypervisorCall)
                break;
            HypervisorOutcome outcome = exit switch
            {
                CpuExit.Stage2Abort => board.Hypervisor.HandleStage2Abort(),
                CpuExit.HypervisorTrap => board.Hypervisor.HandleTrap(),
                _ => HypervisorOutcome.Fail($"unexpected exit {exit} at PC 0x{board.Core.Pc:x}"),
            };
            Assert.False(outcome.Stop, outcome.Message);
        }
        Assert.Equal(0x1000UL, board.Core.X[2]);
        Assert.Equal(0x1000UL, board.Core.X[4]);
        Assert.Equal(3UL, board.Core.X[6]);
        Assert.Equal(4UL, board.Hypervisor.Statistics.TrappedInstructions - trapsBefore);
    }
}
