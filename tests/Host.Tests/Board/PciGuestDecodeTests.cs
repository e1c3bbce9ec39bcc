using Emulator.Cpu.Core;
using Emulator.Devices.Vga;
using Emulator.Host.Board;
using Emulator.Host.DeviceTree;
using Emulator.Host.Hypervisor;
using Emulator.Host.Hypervisor.Policies;
using Emulator.Host.Loading;
using Emulator.Host.Tests.Robustness;

namespace Emulator.Host.Tests.Board;

/// <summary>
/// Guest code programs the bochs-display through the ECAM (single LDR/STR, emulated by the VMM) and
/// turns memory decode off in the middle of drawing: its stores then fall into the bare MMIO window
/// (dropped, loads read all ones) instead of VRAM, and when decode comes back VRAM holds what was
/// drawn before, with no host exception anywhere.
/// </summary>
public sealed class PciGuestDecodeTests
{
    private const ulong RamSize = 32UL << 20;
    private const ulong ImageBase = VirtMemoryMap.RamBase + (2UL << 20);
    private static readonly ulong Config = VirtMemoryMap.PcieEcamBase + ((ulong)VirtMemoryMap.DisplayPciSlot << 15);

    private static void Store32(List<uint> code, ulong address, uint value)
    {
        A64Words.MoveImmediate(code, 1, address);
        A64Words.MoveImmediate(code, 2, value);
        code.Add(A64Words.LoadStore(load: false, sizeLog2: 2, rt: 2, rn: 1, imm12: 0));
    }

    private static void Load32(List<uint> code, int rt, ulong address)
    {
        A64Words.MoveImmediate(code, 1, address);
        code.Add(A64Words.LoadStore(load: true, sizeLog2: 2, rt: rt, rn: 1, imm12: 0));
    }

    [Theory]
    [InlineData("off")]
    [InlineData("cortex-a72")]
    public void Turning_memory_decode_off_while_drawing_drops_the_stores_and_keeps_VRAM(string cache)
    {
        const ulong Vram = 0x1800_0000;
        var code = new List<uint>();
        Store32(code, Config + 0x10, (uint)Vram);       // BAR0
        Store32(code, Config + 0x04, 2);                // memory decode on
        Load32(code, 3, Config + 0x04);                 // command | status << 16
        Store32(code, Vram + 0x40, 0x1111_1111);
        Store32(code, Config + 0x04, 0);                // decode off, mid-drawing
        Store32(code, Vram + 0x40, 0x2222_2222);        // into the bare window: dropped
        Load32(code, 5, Vram + 0x40);                   // all ones
        Store32(code, Config + 0x04, 2);                // decode on again
        Load32(code, 6, Vram + 0x40);
        Load32(code, 7, Config + 0x1000);               // 00:01.1: absent
        code.Add(A64Words.Hvc0);

        var cpu = new CpuConfiguration { CounterFrequencyHz = VirtMemoryMap.DefaultCounterFrequencyHz };
        var board = new VirtBoard(RamSize, _ => { }, cpu, 2, VirtBoard.DefaultRtcStartSeconds,
            cache == "off" ? null : Mmu.Caches.CachePresets.Find(cache), ncSnoop: false, new KvmPolicy(), 16UL << 20, display: DisplayModel.BochsDisplay);
        byte[] image = new byte[code.Count * 4];
        A64Words.Put(image, 0, code);
        byte[] dtb = VirtDeviceTree.Build(new VirtDeviceTreeConfig(RamSize, null, 2, VirtMemoryMap.DefaultCounterFrequencyHz, Pcie: true));
        board.Boot(new LoadedImage(ImageFormat.Raw, ImageBase, [new LoadedSegment(ImageBase, image, (ulong)image.Length)], IsLinuxKernel: false), dtb, "t");

        bool reachedHvc = false;
        for (int i = 0; i < 1000 && !reachedHvc; i++)
        {
            CpuExit exit = board.Core.Run(100_000);
            HypervisorOutcome outcome = exit switch
            {
                CpuExit.Stage2Abort => board.Hypervisor.HandleStage2Abort(),
                CpuExit.HypervisorTrap => board.Hypervisor.HandleTrap(),
                CpuExit.HypervisorCall => new HypervisorOutcome(true, null),
                _ => HypervisorOutcome.Fail($"unexpected exit {exit} at PC 0x{board.Core.Pc:x}"),
            };
            Assert.Null(outcome.Message);
            reachedHvc = outcome.Stop;
        }
        Assert.True(reachedHvc);
        Assert.Equal(0x0010_0002UL, board.Core.X[3]);
        Assert.Equal(0xFFFF_FFFFUL, board.Core.X[5]);
        Assert.Equal(0x1111_1111UL, board.Core.X[6]);
        Assert.Equal(0xFFFF_FFFFUL, board.Core.X[7]);
        byte[] word = new byte[4];
        board.VramView.Read(0x40, word);
        Assert.Equal(0x1111_1111u, BitConverter.ToUInt32(word));
        Assert.Equal(Vram, board.VramSlot.GuestBase);
    }
}
