using Emulator.Cpu.Tests.Caches;
using Emulator.Cpu.Tests.Support;
using Emulator.Mmu.Caches;
using static Emulator.Cpu.Tests.Mmu.MmuGuest;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.Mmu;

/// <summary>
/// The core remembers the translations of the pages it fetched from (calls to another page and
/// back need no walk); a remap of a code page followed by TLBI and ISB must still run the new code,
/// with and without the cache model.
/// </summary>
public sealed class FetchPageTests
{
    private const ulong Va = 0x1000_0000;
    private const ulong Normal = Af | InnerShareable; // AttrIndx 0, EL1 RW, executable at EL1

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_call_into_a_remapped_code_page_runs_the_new_code(bool cacheModel)
    {
        (MmuGuest g, _) = CacheGuest.Create(cacheModel ? CachePresets.CortexA72 : null);
        g.Map(Va, PagePool, 3, Normal);
        ulong descriptor = g.DescriptorAddress(Va, 3);
        g.Machine.WriteWords(PagePool, [Movz(X0, 1), Ret()]);
        g.Machine.WriteWords(PagePool + 0x1000, [Movz(X0, 2), Ret()]);
        uint[] call = [.. MovImm(X1, Va), Blr(X1)];
        g.Load([
            .. call, AddImm(X10, X0, 0),
            .. call, AddImm(X12, X0, 0), // the same page again: from the remembered translation
            .. MovImm(X2, descriptor), .. MovImm(X3, Page(PagePool + 0x1000, Normal)), Str(X3, Mem(X2)), Dsb(),
            .. MovImm(X5, Va >> 12), Tlbi(7, 1, X5), Dsb(), Isb(), // TLBI VAE1
            .. call, AddImm(X11, X0, 0),
            Hvc(0),
        ]);
        g.Machine.RunToEnd();
        Assert.Equal(1UL, g.Machine.X(10));
        Assert.Equal(1UL, g.Machine.X(12));
        Assert.Equal(2UL, g.Machine.X(11));
    }
}
