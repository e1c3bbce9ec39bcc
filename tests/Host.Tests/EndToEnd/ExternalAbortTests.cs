namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// Accesses the hypervisor cannot emulate (no valid instruction syndrome: a load/store pair, a
/// writeback access) end in a synchronous external abort injected into the guest, as KVM and
/// QEMU deliver it (KVM_EXIT_ARM_NISV; QEMU's kvm_arm_handle_dabt_nisv asks KVM to inject, and
/// KVM's kvm_inject_dabt writes ESR_EL1 = EC 0x25 | IL | DFSC 0x10 and FAR_EL1 = the address).
/// The guest (Guests/extabort.S) handles each abort and goes on.
/// </summary>
public sealed class ExternalAbortTests
{
    /// <summary>What QEMU's TCG prints (recorded on QEMU 7.2, and checked again below when QEMU is installed).</summary>
    private const string QemuTcg =
        "ldp from a hole: ESR 0x96000010 FAR 0xb000000 ELR-PC 0x0\n" +
        "stp to a hole: ESR 0x96000050 FAR 0xb000010 ELR-PC 0x0\n" +
        "ldr post-index from a hole: ESR 0x96000010 FAR 0xb000000 ELR-PC 0x0\n" +
        "0x0\n" +
        "ldp from the pl011: ESR 0x0 FAR 0x0 ELR-PC 0xffffffffbfefff1c\n" +
        "went on after every abort\n";

    /// <summary>
    /// What a guest under KVM gets, and this emulator (a KVM model) prints. Two lines differ from
    /// TCG: KVM's injected abort has WnR = 0 even for the STP (inject_abt64 never sets it), and
    /// the LDP from the PL011 aborts (KVM cannot hand a pair to the VMM; TCG just performs it).
    /// </summary>
    private const string Kvm =
        "ldp from a hole: ESR 0x96000010 FAR 0xb000000 ELR-PC 0x0\n" +
        "stp to a hole: ESR 0x96000010 FAR 0xb000010 ELR-PC 0x0\n" +
        "ldr post-index from a hole: ESR 0x96000010 FAR 0xb000000 ELR-PC 0x0\n" +
        "0x0\n" +
        "ldp from the pl011: ESR 0x96000010 FAR 0x9000018 ELR-PC 0x0\n" +
        "went on after every abort\n";

    [Theory]
    [InlineData("")]
    [InlineData("--interpret")]
    [InlineData("--cache off")]
    public void Guest_handles_the_injected_external_abort_and_goes_on(string options)
    {
        using var temp = new TempDirectory();
        if (TestGuests.RunHere(temp, "extabort", TestGuests.Options(options)) is { } ours)
            Assert.Equal(Kvm, ours);
    }

    [Fact]
    public void Qemu_takes_the_same_aborts_from_the_hole()
    {
        using var temp = new TempDirectory();
        if (TestGuests.RunOnQemu(temp, "extabort") is not { } reference)
            return;
        Assert.Equal(QemuTcg, reference);
        // The lines KVM and TCG agree on are the same bytes on both machines.
        string[] tcg = QemuTcg.Split('\n'), kvm = Kvm.Split('\n');
        foreach (int line in new[] { 0, 2, 3, 5 })
            Assert.Equal(tcg[line], kvm[line]);
    }
}
