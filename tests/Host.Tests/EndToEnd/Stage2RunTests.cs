using System.Text.Json;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// The hypervisor model seen from a guest: stage-2 faults map memory on demand, dirty logging is
/// invisible to the guest, MMIO reaches its device through the MMIO exit, and the policies do
/// what their names say (issue 7).
/// </summary>
public sealed class Stage2RunTests
{
    private static (ProcessResult Result, JsonElement Report) RunWithReport(params string[] args)
    {
        using var temp = new TempDirectory();
        string report = temp.File("report.json");
        ProcessResult r = EmulatorProcess.Run([.. args, "--display", "headless", "--report", report]);
        return (r, EmulatorProcess.ReadReport(report));
    }

    [Fact]
    public void Stage_2_faults_map_pages_on_demand_dirty_logging_is_invisible_and_mmio_reaches_its_device()
    {
        (ProcessResult r, JsonElement json) = RunWithReport("run", EmulatorProcess.Sample("stage2.elf"), "--rtc-time", "1234567");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("ram ok\nvram ok\nrtc 1234567\n", r.Stdout); // the PL031 read went through the hypervisor's MMIO emulation
        JsonElement s2 = json.GetProperty("stage2");
        Assert.Equal("kvm", s2.GetProperty("policy").GetString());
        // The code block, four RAM blocks the guest touched, four VRAM pages: one translation fault each.
        Assert.Equal(9, s2.GetProperty("translation_faults").GetInt32());
        Assert.Equal(5 * 512 + 4, s2.GetProperty("pages_mapped").GetInt32());
        // The second write to each VRAM page after the VMM collected (and write-protected) it.
        Assert.Equal(4, s2.GetProperty("permission_faults").GetInt32());
        Assert.Equal(4, s2.GetProperty("dirty_pages").GetInt32());
        Assert.True(s2.GetProperty("mmio_exits").GetInt32() > 20, "every UART and RTC access is an MMIO exit");
        Assert.Equal(5 * 512 + 4, s2.GetProperty("pages_cleaned").GetInt32()); // kvm cleans each page it maps
    }

    [Fact]
    public void Without_the_translation_fault_clean_an_mmu_off_guest_runs_stale_bytes_and_fails_visibly()
    {
        // The loader copies the image through the host's cache (QEMU's memcpy), leaving it dirty there.
        // hello starts with its MMU and caches off: its fetches go to memory, which only KVM's clean
        // to the PoC at the first stage-2 fault makes current.
        (ProcessResult bad, JsonElement badJson) = RunWithReport("run", EmulatorProcess.Sample("hello.elf"), "--policy", "no-clean");
        Assert.Equal(4, bad.ExitCode);
        Assert.Equal(string.Empty, bad.Stdout);
        Assert.Equal("guest-fault", badJson.GetProperty("exit").GetProperty("reason").GetString());
        Assert.Equal(0, badJson.GetProperty("stage2").GetProperty("pages_cleaned").GetInt32());

        (ProcessResult good, JsonElement goodJson) = RunWithReport("run", EmulatorProcess.Sample("hello.elf"), "--policy", "kvm");
        Assert.Equal(0, good.ExitCode);
        Assert.StartsWith("Hello from the guest!", good.Stdout);
        Assert.True(goodJson.GetProperty("stage2").GetProperty("pages_cleaned").GetInt32() >= 512);

        // Without a cache model nothing can be stale: no-clean runs too.
        (ProcessResult nocache, _) = RunWithReport("run", EmulatorProcess.Sample("hello.elf"), "--policy", "no-clean", "--cache", "off");
        Assert.Equal(0, nocache.ExitCode);
    }

    [Theory]
    [InlineData("kvm")]
    [InlineData("s2fwb")]
    [InlineData("perm-clean")]
    [InlineData("host-cmo")]
    [InlineData("host-nc")]
    [InlineData("mair-mangle")]
    public void Every_policy_runs_an_ordinary_guest_and_names_itself_in_the_report(string policy)
    {
        (ProcessResult r, JsonElement json) = RunWithReport("run", EmulatorProcess.Sample("mmu.elf"), "--policy", policy);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("faults taken: 2", r.Stdout);
        Assert.Equal(policy, json.GetProperty("stage2").GetProperty("policy").GetString());
    }

    [Fact]
    public void Mair_mangle_traps_the_guests_mair_writes_and_s2fwb_needs_no_cleaning()
    {
        (_, JsonElement mangle) = RunWithReport("run", EmulatorProcess.Sample("mmu.elf"), "--policy", "mair-mangle");
        Assert.True(mangle.GetProperty("stage2").GetProperty("trapped_instructions").GetInt32() >= 1);
        (_, JsonElement fwb) = RunWithReport("run", EmulatorProcess.Sample("mmu.elf"), "--policy", "s2fwb");
        Assert.Equal(0, fwb.GetProperty("stage2").GetProperty("pages_cleaned").GetInt32());
        Assert.True(fwb.GetProperty("stage2").GetProperty("pages_mapped").GetInt32() > 0);
    }
}
