using Emulator.Mmu.Caches;

namespace Emulator.Mmu.Tests.Caches;

/// <summary>Expected values are those Cortex-A53 and Cortex-A72 parts report (recalled, not re-read from the TRMs in this session).</summary>
public class CacheIdRegisterTests
{
    [Fact]
    public void CortexA53()
    {
        CacheHierarchyConfig c = CachePresets.CortexA53;
        Assert.Equal(0x8444_8004UL, CacheIdRegisters.Ctr(c));
        Assert.Equal(0x0A20_0023UL, CacheIdRegisters.Clidr(c));
        Assert.Equal(0x700F_E01AUL, CacheIdRegisters.Ccsidr(c, 0b000)); // L1D: 128 sets, 4 ways, 64 B
        Assert.Equal(0x201F_E00AUL, CacheIdRegisters.Ccsidr(c, 0b001)); // L1I: 256 sets, 2 ways
        Assert.Equal(0x707F_E07AUL, CacheIdRegisters.Ccsidr(c, 0b010)); // L2: 1024 sets, 16 ways
        Assert.Equal(0UL, CacheIdRegisters.Ccsidr(c, 0b100)); // no L3
        Assert.Equal(4UL, CacheIdRegisters.Dczid(c, prohibited: false));
        Assert.Equal(0x14UL, CacheIdRegisters.Dczid(c, prohibited: true));
    }

    [Fact]
    public void CortexA72()
    {
        CacheHierarchyConfig c = CachePresets.CortexA72;
        Assert.Equal(0x8444_C004UL, CacheIdRegisters.Ctr(c));
        Assert.Equal(0x0A20_0023UL, CacheIdRegisters.Clidr(c));
        Assert.Equal(0x701F_E00AUL, CacheIdRegisters.Ccsidr(c, 0b000)); // L1D: 256 sets, 2 ways
        Assert.Equal(0x201F_E012UL, CacheIdRegisters.Ccsidr(c, 0b001)); // L1I: 256 sets, 3 ways
        Assert.Equal(0x707F_E07AUL, CacheIdRegisters.Ccsidr(c, 0b010));
    }

    [Fact]
    public void ASystemCacheAddsALevel()
    {
        CacheHierarchyConfig c = CachePresets.NeoverseN1Slc;
        Assert.Equal(0x0B20_0123UL, CacheIdRegisters.Clidr(c)); // Ctype3 unified, LoC 3
        Assert.Equal(0x70FF_E07AUL, CacheIdRegisters.Ccsidr(c, 0b100)); // L3: 2048 sets, 16 ways
    }
}
