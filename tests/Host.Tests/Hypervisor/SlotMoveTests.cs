using Emulator.Cpu.Core;
using Emulator.Host.Board;
using Emulator.Host.DeviceTree;
using Emulator.Host.Hypervisor;
using Emulator.Host.Hypervisor.Policies;
using Emulator.Host.Loading;
using Emulator.Host.Tests.Robustness;
using Emulator.Mmu.Caches;

namespace Emulator.Host.Tests.Hypervisor;

/// <summary>
/// Moving the VRAM slot (what a BAR write does) while its dirty log is on: stage 2 loses the old
/// range, pending dirty bits follow the slot, and the VMM reads the bytes the guest wrote at
/// either address.
/// </summary>
public sealed class SlotMoveTests
{
    private const ulong RamSize = 32UL << 20, VramSize = 4UL << 20;
    private const ulong ImageBase = VirtMemoryMap.RamBase + (2UL << 20);
    private const ulong OldBase = VirtMemoryMap.VgaVramBase, NewBase = 0x3000_0000;

    private static VirtBoard Boot(string cacheName, List<uint> code)
    {
        var cpu = new CpuConfiguration { CounterFrequencyHz = VirtMemoryMap.DefaultCounterFrequencyHz };
        CacheHierarchyConfig? cache = cacheName == "off" ? null : CachePresets.Find(cacheName);
        var board = new VirtBoard(RamSize, _ => { }, cpu, 2, VirtBoard.DefaultRtcStartSeconds, cache, ncSnoop: false, new KvmPolicy(), VramSize);
        byte[] image = new byte[code.Count * 4];
        A64Words.Put(image, 0, code);
        byte[] dtb = VirtDeviceTree.Build(new VirtDeviceTreeConfig(RamSize, null, 2, VirtMemoryMap.DefaultCounterFrequencyHz));
        board.Boot(new LoadedImage(ImageFormat.Raw, ImageBase, [new LoadedSegment(ImageBase, image, (ulong)image.Length)], IsLinuxKernel: false), dtb, "t");
        return board;
    }

    /// <summary>Runs until the guest's HVC, handling stage-2 exits as the run loop does.</summary>
    private static void RunToHvc(VirtBoard board)
    {
        for (int i = 0; i < 10_000; i++)
        {
            CpuExit exit = board.Core.Run(100_000);
            HypervisorOutcome outcome = exit switch
            {
                CpuExit.Stage2Abort => board.Hypervisor.HandleStage2Abort(),
                CpuExit.HypervisorTrap => board.Hypervisor.HandleTrap(),
                CpuExit.HypervisorCall => new HypervisorOutcome(true, null),
                _ => HypervisorOutcome.Fail($"unexpected exit {exit} at PC 0x{board.Core.Pc:x}"),
            };
            if (outcome.Stop)
            {
                Assert.Null(outcome.Message);
                return;
            }
        }
        Assert.Fail("the guest did not reach its HVC");
    }

    private static void Store(List<uint> code, ulong address, uint value)
    {
        A64Words.MoveImmediate(code, 1, address);
        A64Words.MoveImmediate(code, 2, value);
        code.Add(A64Words.LoadStore(load: false, sizeLog2: 2, rt: 2, rn: 1, imm12: 0));
    }

    private static uint ReadVmm(VirtBoard board, ulong offset)
    {
        byte[] b = new byte[4];
        board.VramView.Read(offset, b);
        return BitConverter.ToUInt32(b);
    }

    [Theory]
    [InlineData("off")]
    [InlineData("cortex-a72")]
    public void Moving_VRAM_with_dirty_logging_on_unmaps_the_old_range_and_the_dirty_bits_follow(string cache)
    {
        var code = new List<uint>();
        Store(code, OldBase, 0x1111_1111);          // page 0
        Store(code, OldBase + 0x5000, 0x5555_5555); // page 5
        code.Add(A64Words.Hvc0);
        Store(code, NewBase + 0x2000, 0x2222_2222); // page 2, at the new address
        Store(code, NewBase, 0x0000_0b0b);          // page 0 again
        code.Add(A64Words.Hvc0);
        VirtBoard board = Boot(cache, code);
        KvmHypervisor hyp = board.Hypervisor;

        RunToHvc(board);
        Assert.True(hyp.Tables.TryGetLeaf(OldBase, out _, out _));
        Assert.True(board.VramDirtyLog.IsPending(0) && board.VramDirtyLog.IsPending(5));

        ulong moves = hyp.SlotMoves;
        Assert.True(hyp.MoveSlot(board.VramSlot, NewBase, out string? conflict), conflict);
        Assert.Equal(NewBase, board.VramSlot.GuestBase);
        Assert.False(hyp.Tables.TryGetLeaf(OldBase, out _, out _));
        Assert.False(hyp.Tables.TryGetLeaf(OldBase + 0x5000, out _, out _));
        Assert.True(board.VramDirtyLog.IsPending(0) && board.VramDirtyLog.IsPending(5)); // still due for the VMM
        Assert.Equal(0x1111_1111u, ReadVmm(board, 0));
        Assert.Equal(0x5555_5555u, ReadVmm(board, 0x5000));

        RunToHvc(board);
        Assert.True(hyp.Tables.TryGetLeaf(NewBase + 0x2000, out ulong leaf, out int level));
        Assert.Equal(3, level);
        Assert.Equal(OldBase + 0x2000, leaf & 0x0000_FFFF_FFFF_F000); // the IPA maps the fixed backing
        Assert.False(hyp.Tables.TryGetLeaf(OldBase + 0x2000, out _, out _));
        Assert.Equal(0x2222_2222u, ReadVmm(board, 0x2000));
        Assert.Equal(0x0000_0b0bu, ReadVmm(board, 0));
        if (board.VramOracle is { } oracle)
            Assert.Equal(0x2222_2222u, BitConverter.ToUInt32(oracle.Truth[0x2000..0x2004]));

        // Debug reads go by guest address: the new one is VRAM, the old one nothing.
        byte[] word = new byte[4];
        Assert.True(board.Core.ReadGuestMemory(NewBase + 0x2000, word));
        Assert.Equal(0x2222_2222u, BitConverter.ToUInt32(word));
        Assert.False(board.Core.ReadGuestMemory(OldBase + 0x2000, word));
        Assert.Null(board.Ram.FindGuestSlot(OldBase));

        Span<ulong> bitmap = stackalloc ulong[(int)(VramSize >> 12) / 64];
        Assert.Equal(3, hyp.CollectDirtyLog(board.VramDirtyLog, bitmap));
        Assert.Equal(0b100101UL, bitmap[0]);
        // Collected pages are write-protected again at their new address.
        Assert.True(hyp.Tables.TryGetLeaf(NewBase + 0x2000, out leaf, out _));
        Assert.Equal(0UL, leaf & 1UL << 7);
        Assert.Equal(moves + 1, hyp.SlotMoves);
    }

    [Fact]
    public void A_move_onto_RAM_a_device_or_out_of_the_IPA_space_is_refused_and_changes_nothing()
    {
        VirtBoard board = Boot("off", [A64Words.Hvc0]);
        KvmHypervisor hyp = board.Hypervisor;
        Assert.False(hyp.MoveSlot(board.VramSlot, VirtMemoryMap.RamBase, out string? conflict));
        Assert.Contains("ram", conflict);
        Assert.False(hyp.MoveSlot(board.VramSlot, VirtMemoryMap.UartBase & ~0xFFFFUL, out conflict));
        Assert.Contains("pl011", conflict);
        Assert.False(hyp.MoveSlot(board.VramSlot, 1UL << 40, out conflict)); // the 40-bit IPA space's end
        Assert.Contains("40-bit IPA", conflict);
        Assert.False(hyp.MoveSlot(board.VramSlot, (1UL << 40) - 0x1000, out conflict)); // runs off it
        Assert.Contains("IPA", conflict);
        Assert.Equal(OldBase, board.VramSlot.GuestBase);
        Assert.True(hyp.MoveSlot(board.VramSlot, null, out _));
        Assert.Null(board.VramSlot.GuestBase);
        Assert.True(hyp.MoveSlot(board.VramSlot, OldBase, out _));
    }
}
