using System.Text.Json;
using System.Text.RegularExpressions;
using Emulator.Host.Tests.EndToEnd;

namespace Emulator.Host.Tests.Gdb;

/// <summary>
/// gdb-multiarch (Debian's) in batch mode against the emulator's stub, on sample ELFs with
/// symbols: breakpoints, stepping, registers and memory, a watchpoint on the framebuffer, the
/// monitor commands, and a gdb-driven run that ends with the report of a run without gdb.
/// Skipped when gdb-multiarch is absent, unless EMULATOR_REQUIRE_TOOLS=1.
/// </summary>
public sealed class GdbSessionTests
{
    private static string Hello => EmulatorProcess.Sample("hello.elf");
    private static string Demo => EmulatorProcess.Sample("demo.elf");

    [Fact]
    public void Break_at_a_symbol_step_and_read_registers_and_memory()
    {
        using GdbTarget target = GdbTarget.Start(Hello, "-S");
        string? gdb = target.RunGdb(Hello,
            "x/2wx 0x40100000", // from the ELF file, before...
            "info registers pc",
            "break main",
            "continue",
            "info registers pc",
            "stepi",
            "info registers pc",
            "set $saved = $x1",
            "set $x1 = 0x1234abcd",
            "p/x $x1",
            "set $x1 = $saved",
            "p/x $v0.d.u[0]",
            "p/x $SCTLR_EL1",
            "x/2wx 0x40100000", // ...and from the target's memory
            "set $word = *(unsigned int*)0x40113000",
            "set {unsigned int}0x40113000 = 0x11223344",
            "x/1wx 0x40113000",
            "set {unsigned int}0x40113000 = $word",
            "info threads",
            "delete",
            "continue");
        if (gdb is null)
            return;
        ProcessResult run = target.WaitForExit();
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Hello from the guest!", run.Stdout);

        Assert.Matches(@"pc\s+0x40100000\s+0x40100000 <_start>", gdb); // -S: stopped before the first instruction
        Assert.Matches(@"Breakpoint 1, 0x0000000040102004 in main \(\)", gdb);
        Assert.Matches(@"pc\s+0x40102004\s+0x40102004 <main\+4>", gdb);
        Assert.Matches(@"pc\s+0x40102008\s+0x40102008 <main\+8>", gdb); // one instruction on
        Assert.Contains("$1 = 0x1234abcd", gdb);
        Assert.Contains("$2 = 0x0", gdb); // v0's low half: the guest has not used it yet
        Assert.Matches(@"\$3 = 0x[0-9a-f]+", gdb);
        MatchCollection words = Regex.Matches(gdb, @"0x40100000 <_start>:\s+(0x[0-9a-f]{8})\s+(0x[0-9a-f]{8})");
        Assert.Equal(2, words.Count);
        Assert.Equal(words[0].Value, words[1].Value); // the target's memory holds what the ELF loaded
        Assert.Matches(@"0x40113000 <[^>]*>:\s+0x11223344", gdb);
        Assert.Matches(@"\* 1\s+Thread 1 \(CPU#0 EL1\)", gdb);
        Assert.Contains("exited normally", gdb);
    }

    [Fact]
    public void With_two_CPUs_each_is_a_thread_and_a_stop_names_the_CPU_that_hit_the_breakpoint()
    {
        string smp = EmulatorProcess.Sample("smp.elf");
        using GdbTarget target = GdbTarget.Start(smp, "--smp", "2", "-S");
        string? gdb = target.RunGdb(smp,
            "break secondary_main", // only CPU 1 runs it
            "continue",
            "info threads",
            "delete",
            "continue");
        if (gdb is null)
            return;
        ProcessResult run = target.WaitForExit();
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"Thread 2 hit Breakpoint 1, 0x[0-9a-f]+ in secondary_main \(\)", gdb);
        Assert.Matches(@"  1\s+Thread 1 \(CPU#0 EL1\)", gdb);
        Assert.Matches(@"\* 2\s+Thread 2 \(CPU#1 EL1\) 0x[0-9a-f]+ in secondary_main", gdb);
    }

    [Fact]
    public void A_run_driven_by_gdb_to_its_end_gives_the_report_of_a_run_without_gdb()
    {
        using var temp = new TempDirectory();
        string withGdb = temp.File("gdb.json"), without = temp.File("plain.json");
        // Stops at breakpoints, steps and a watchpoint spread over frames, each one a point where a
        // stub that cut the run into other slices would move the timer's and the display's stops.
        using GdbTarget target = GdbTarget.Start(Demo, "-S", "--frames", "12", "--report", withGdb);
        string? gdb = target.RunGdb(Demo,
            "break fb_rect", "continue", "stepi", "stepi", "next", "info registers", "delete",
            "break draw_ticker", "ignore 2 4", "continue", "monitor frame", "stepi", "stepi",
            "watch *(unsigned int*)0x10000000", "continue", "delete", "monitor stats", "monitor cache 0x10000100", "continue");
        if (gdb is null)
            return;
        Assert.Equal(0, target.WaitForExit().ExitCode);
        Assert.Contains("Breakpoint 2, 0x", gdb);
        ProcessResult plain = EmulatorProcess.Run("run", Demo, "--display", "headless", "--frames", "12", "--report", without);
        Assert.Equal(0, plain.ExitCode);
        Assert.Equal(Comparable(without), Comparable(withGdb));
        Assert.Contains("exited normally", gdb);
    }

    /// <summary>The report without its wall-clock figures (wall seconds, MIPS), which no two runs share.</summary>
    private static string Comparable(string path)
    {
        JsonElement report = EmulatorProcess.ReadReport(path);
        var lines = new List<string>();
        void Walk(JsonElement e, string at)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty p in e.EnumerateObject())
                {
                    if (!p.Name.Contains("wall", StringComparison.OrdinalIgnoreCase) && !p.Name.Contains("mips", StringComparison.OrdinalIgnoreCase))
                        Walk(p.Value, at + "." + p.Name);
                }
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                int i = 0;
                foreach (JsonElement item in e.EnumerateArray())
                    Walk(item, $"{at}[{i++}]");
            }
            else
            {
                lines.Add($"{at} = {e}");
            }
        }
        Walk(report, "");
        Assert.Contains(lines, l => l.StartsWith(".cycles", StringComparison.Ordinal) || l.Contains("cycles", StringComparison.Ordinal));
        return string.Join('\n', lines);
    }

    [Fact]
    public void A_watchpoint_on_the_framebuffer_stops_when_the_guest_writes_it_and_the_monitor_explains_the_line()
    {
        using GdbTarget target = GdbTarget.Start(Demo, "-S", "--frames", "1");
        string? gdb = target.RunGdb(Demo,
            "watch *(unsigned int*)0x10000000",
            "continue",
            "info registers pc",
            "monitor cache 0x10000000",
            "monitor attrs 0x10000000",
            "monitor dirty",
            "delete",
            "continue");
        if (gdb is null)
            return;
        Assert.Equal(0, target.WaitForExit().ExitCode);
        Assert.Contains("Hardware watchpoint 1: *(unsigned int*)0x10000000", gdb);
        Match hit = Regex.Match(gdb, @"Old value = 0\s+New value = (\d+)");
        Assert.True(hit.Success, gdb);
        Assert.NotEqual("0", hit.Groups[1].Value);
        Assert.Matches(@"in fb_rect \(\)", gdb); // the drawing code, one instruction after the store
        // monitor cache: the framebuffer is Normal Non-cacheable here, so no cache holds the line;
        // the oracle (the coherent truth) and memory both have the pixel just written.
        Assert.Contains("VA 0x10000000 -> PA 0x10000000 (Attr 0x44 Normal iNC oNC", gdb);
        Assert.Matches(@"cpu0\.l1d\s+absent", gdb);
        Match oracle = Regex.Match(gdb, @"oracle\s+: ([0-9a-f ]+)");
        Match memory = Regex.Match(gdb, @"memory\s+: ([0-9a-f ]+)");
        Assert.True(oracle.Success && memory.Success, gdb);
        Assert.Equal(oracle.Groups[1].Value, memory.Groups[1].Value);
        uint pixel = uint.Parse(hit.Groups[1].Value);
        Assert.StartsWith($"{pixel & 0xFF:x2}{(pixel >> 8) & 0xFF:x2}{(pixel >> 16) & 0xFF:x2}{pixel >> 24:x2}", memory.Groups[1].Value);
        // monitor attrs: the guest's stage-1 block (MAIR Normal NC), the hypervisor's stage-2 page, combined NC.
        Assert.Matches(@"stage 1: level \d (block|page) VA 0x10000000 -> 0x10000000", gdb);
        Assert.Contains("MAIR attributes: Attr 0x44", gdb);
        Assert.Matches(@"stage 2: level 3 IPA 0x10000000 -> 0x10000000 \(4 KiB\), MemAttr 0b1111", gdb);
        Assert.Matches(@"combined: Attr 0x44 Normal iNC oNC", gdb);
        // monitor dirty: the page just written is in the dirty log, nothing collected yet.
        Assert.Contains("VRAM dirty log: 1 of 4096 pages dirty (4 KiB pages from PA 0x10000000): 0", gdb);
        Assert.Contains("exited normally", gdb);
    }

    [Fact]
    public void Monitor_frame_stats_policy_and_help_answer_on_a_stopped_run()
    {
        using GdbTarget target = GdbTarget.Start(Demo, "-S", "--frames", "5");
        string? gdb = target.RunGdb(Demo,
            "monitor frame",
            "break draw_ticker",
            "ignore 1 2",
            "continue",
            "monitor frame",
            "monitor stats",
            "monitor policy",
            "monitor policy no-such-policy",
            "monitor help",
            "monitor cache nonsense",
            "monitor bogus",
            "delete",
            "continue");
        if (gdb is null)
            return;
        Assert.Equal(0, target.WaitForExit().ExitCode);
        Assert.Contains("no frame displayed yet", gdb);
        Assert.Matches(@"frame \d+ \(640x480x32\) at [0-9.]+ s: \d+ stale pixels, \d+ pending", gdb);
        Assert.Matches(@"instructions \d+, cycles \d+, PC 0x4010[0-9a-f]+, EL1", gdb);
        Assert.Matches(@"cpu0\.l1d\s+│\s+[\d,]+", gdb);
        Assert.DoesNotContain("wall seconds", gdb);
        Assert.Contains("policy: kvm: KVM in 2018", gdb);
        Assert.Contains("  * kvm", gdb);
        Assert.Contains("error: unknown policy 'no-such-policy'", gdb);
        Assert.Contains("monitor commands:", gdb);
        Assert.Contains("error: 'nonsense' is not an address", gdb);
        Assert.Contains("error: unknown monitor command 'bogus'", gdb);
        Assert.Contains("exited normally", gdb);
    }

    [Fact]
    public void Monitor_policy_switches_the_policy_of_the_stopped_run()
    {
        using var temp = new TempDirectory();
        string report = temp.File("report.json");
        using GdbTarget target = GdbTarget.Start(Demo, "-S", "--frames", "12", "--report", report);
        string? gdb = target.RunGdb(Demo,
            "break draw_ticker", "ignore 1 4", "continue",
            "monitor frame",
            "monitor policy host-nc",
            "ignore 1 4", "continue",
            "monitor policy",
            "delete", "continue");
        if (gdb is null)
            return;
        Assert.Equal(0, target.WaitForExit().ExitCode);
        Assert.Contains("switched from kvm to host-nc", gdb);
        Assert.Contains("  * host-nc", gdb);
        JsonElement r = EmulatorProcess.ReadReport(report);
        Assert.Equal("host-nc", r.GetProperty("stage2").GetProperty("policy").GetString());
        // Frames before the switch show the kvm policy's stale lines; from it on, the VMM reads VRAM
        // Non-cacheably: stale pixels come only from pages not written since (the scanout reads dirty pages).
        Assert.Matches(@"frame 6 \(640x480x32\) at [0-9.]+ s: [1-9]\d* stale pixels", gdb);
    }

    [Fact]
    public void A_memory_write_reaches_every_cached_copy_without_moving_any_counter()
    {
        using GdbTarget target = GdbTarget.Start(Demo, "-S", "--frames", "1");
        string? gdb = target.RunGdb(Demo,
            "break fb_rect", "continue", "stepi",
            "set $saved = *(unsigned long*)$sp",
            "echo BEFORE\\n",
            "eval \"monitor cache 0x%lx\", $sp",
            "monitor stats",
            "set {unsigned long}$sp = 0x1122334455667788",
            "echo AFTER\\n",
            "eval \"monitor cache 0x%lx\", $sp",
            "monitor stats",
            "x/1gx $sp",
            "set {unsigned long}$sp = $saved",
            "delete", "continue");
        if (gdb is null)
            return;
        Assert.Equal(0, target.WaitForExit().ExitCode);
        int before = gdb.IndexOf("BEFORE", StringComparison.Ordinal), after = gdb.IndexOf("AFTER", StringComparison.Ordinal);
        Assert.True(before >= 0 && after > before, gdb);
        string first = gdb[before..after], second = gdb[after..];
        // The stack line is in the data caches (the demo's stack is Normal write-back): every copy
        // present before is present after, in the same way and state, holding the new bytes.
        MatchCollection copiesBefore = Regex.Matches(first, @"(cpu0\.l1d|cpu0\.l1i|host\.l1d|l2)\s+way (\d+) (clean|dirty): ([0-9a-f ]+)");
        MatchCollection copiesAfter = Regex.Matches(second, @"(cpu0\.l1d|cpu0\.l1i|host\.l1d|l2)\s+way (\d+) (clean|dirty): ([0-9a-f ]+)");
        Assert.True(copiesBefore.Count > 0, gdb);
        Assert.Equal(copiesBefore.Count, copiesAfter.Count);
        Match sp = Regex.Match(first, @"VA 0x([0-9a-f]+) -> PA 0x([0-9a-f]+)");
        int offset = (int)(Convert.ToUInt64(sp.Groups[2].Value, 16) & 63);
        for (int i = 0; i < copiesBefore.Count; i++)
        {
            Assert.Equal(copiesBefore[i].Groups[1].Value + copiesBefore[i].Groups[2].Value + copiesBefore[i].Groups[3].Value,
                copiesAfter[i].Groups[1].Value + copiesAfter[i].Groups[2].Value + copiesAfter[i].Groups[3].Value);
            string bytes = copiesAfter[i].Groups[4].Value.Replace(" ", "", StringComparison.Ordinal);
            Assert.Equal("8877665544332211", bytes.Substring(offset * 2, 16));
        }
        string memory = Regex.Match(second, @"memory\s+: ([0-9a-f ]+)").Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        Assert.Equal("8877665544332211", memory.Substring(offset * 2, 16));
        Assert.Matches(@"0x[0-9a-f]+(?: <[^>]*>)?:\s+0x1122334455667788", second);
        // The cache statistics are the same before and after the write (and the reads of monitor cache).
        string Caches(string text) => Regex.Match(text, @"caches.*?stale host reads", RegexOptions.Singleline).Value;
        Assert.True(Caches(first).Length > 0, gdb);
        Assert.Equal(Caches(first), Caches(second));
    }

    /// <summary>Write and read watchpoints with every memory path: the cache model, its absence (the software TLB's direct RAM path), the interpreter.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("--cache off")]
    [InlineData("--interpret")]
    public void Write_and_read_watchpoints_stop_on_every_memory_path(string options)
    {
        using GdbTarget target = GdbTarget.Start(Demo, ["-S", "--frames", "1", .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);
        string? gdb = target.RunGdb(Demo,
            "watch *(unsigned int*)0x10000040",
            "continue",
            "rwatch *(unsigned int*)&fb", // the demo's framebuffer descriptor: its first word is VRAM's address
            "continue",
            "delete",
            "continue");
        if (gdb is null)
            return;
        Assert.Equal(0, target.WaitForExit().ExitCode);
        Assert.Matches(@"Hardware watchpoint 1: \*\(unsigned int\*\)0x10000040\s+Old value = 0\s+New value = [1-9]", gdb);
        Assert.Matches(@"Hardware read watchpoint 2: \*\(unsigned int\*\)&fb\s+Value = 268435456", gdb);
        Assert.Contains("exited normally", gdb);
    }
}
