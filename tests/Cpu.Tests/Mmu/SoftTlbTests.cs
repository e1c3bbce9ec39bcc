using Emulator.Cpu.Core;
using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Mmu.MmuGuest;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.Mmu;

/// <summary>
/// The interpreter's data fast path: after one slow access a RAM page is served by the software
/// TLB, unless its class (Device, Non-cacheable, cacheable) is one the host sends to the slow path.
/// </summary>
public sealed class SoftTlbTests
{
    private const ulong Va = 0x1000_0000;

    /// <summary>64 loads and 64 stores to one page in a loop; returns the slow-path count of the loop alone.</summary>
    private static ulong SlowAccessesOfLoop(ulong leafAttributes, ArmCore.SoftTlbSlowClass slow, bool mmu = true)
    {
        var g = new MmuGuest();
        g.Map(Va, PagePool, 3, leafAttributes);
        g.Machine.Write64(PagePool + 8, 5); // RAM chunks are allocated lazily: make this one exist
        ulong address = mmu ? Va : PagePool;
        uint[] loop =
        [
            .. MovImm(X1, address), .. MovImm(X2, 64),
            Ldr(X3, Mem(X1, 8)), Str(X3, Mem(X1, 16)), SubsImm(X2, X2, 1), BCond(Cond.NE, -12),
            GuestMachine.EndMarker,
        ];
        g.Machine.WriteWords(GuestMachine.CodeBase, mmu ? [.. g.EnableMmu(), .. loop] : loop);
        g.Machine.Core.SlowPageClasses = slow;
        g.Machine.RunToEnd();
        return g.Machine.Core.SlowDataAccesses;
    }

    [Fact]
    public void A_RAM_page_takes_the_slow_path_once_per_direction()
    {
        Assert.Equal(2UL, SlowAccessesOfLoop(Af | InnerShareable, ArmCore.SoftTlbSlowClass.None));
        Assert.Equal(2UL, SlowAccessesOfLoop(Af | InnerShareable, ArmCore.SoftTlbSlowClass.None, mmu: false));
    }

    [Theory]
    [InlineData(0 << 2, ArmCore.SoftTlbSlowClass.Cacheable, 128UL)]     // Normal WB
    [InlineData(0 << 2, ArmCore.SoftTlbSlowClass.NonCacheable, 2UL)]
    [InlineData(2 << 2, ArmCore.SoftTlbSlowClass.NonCacheable, 128UL)]  // Normal NC
    [InlineData(1 << 2, ArmCore.SoftTlbSlowClass.Device, 128UL)]        // Device-nGnRE (on RAM)
    [InlineData(1 << 2, ArmCore.SoftTlbSlowClass.Cacheable, 2UL)]
    public void Page_classes_the_host_asks_for_always_take_the_slow_path(ulong attrIndx, ArmCore.SoftTlbSlowClass slow, ulong expected) =>
        Assert.Equal(expected, SlowAccessesOfLoop(Af | InnerShareable | attrIndx, slow));

    [Fact]
    public void With_the_MMU_off_data_is_Device_for_the_slow_path_classes()
    {
        Assert.Equal(128UL, SlowAccessesOfLoop(0, ArmCore.SoftTlbSlowClass.Device, mmu: false));
        Assert.Equal(2UL, SlowAccessesOfLoop(0, ArmCore.SoftTlbSlowClass.Cacheable, mmu: false));
    }
}
