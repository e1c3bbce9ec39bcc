namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// QEMU virt's 64-bit PCI MMIO window (0x80_0000_0000, 512 GiB, the top half of KVM's default
/// 40-bit IPA space) is reachable: a guest's loads there read all ones and its stores are ignored,
/// as on QEMU (gpex answers unclaimed window addresses). With a 39-bit IPA space the same loads
/// took a stage-2 fault outside every slot and an injected external abort (ESR 0x96000010).
/// </summary>
public sealed class PciHighWindowTests
{
    private const string Expected =
        "ldr w 0x8000000000: 0xffffffff\n" +
        "str+ldr x 0xc000000000: 0xffffffffffffffff\n" +
        "ldrh 0xfffffffff8: 0xffff\n" +
        "done\n";

    [Theory]
    [InlineData("")]
    [InlineData("--interpret")]
    [InlineData("--cache off")]
    [InlineData("--device bochs-display")]
    public void Loads_from_the_64_bit_window_read_all_ones_here(string options)
    {
        using var temp = new TempDirectory();
        if (TestGuests.RunHere(temp, "pcihigh", TestGuests.Options(options)) is { } ours)
            Assert.Equal(Expected, ours);
    }

    [Fact]
    public void Qemu_reads_the_same()
    {
        using var temp = new TempDirectory();
        if (TestGuests.RunOnQemu(temp, "pcihigh") is { } reference)
            Assert.Equal(Expected, reference);
    }
}
