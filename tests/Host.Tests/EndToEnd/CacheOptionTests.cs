using System.Text.Json;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>--cache PRESET|FILE|off and --nc-snoop: parsing, the report's cache section, and guests unaffected.</summary>
public sealed class CacheOptionTests
{
    private static readonly string[] CacheNames = ["cpu0.l1d", "cpu0.l1i", "host.l1d", "l2"];
    private static readonly string[] CounterNames = ["hits", "misses", "fills", "writebacks", "evictions", "maintenance"];

    private static (ProcessResult Result, JsonElement Report) RunHello(params string[] options)
    {
        using var temp = new TempDirectory();
        string report = temp.File("report.json");
        ProcessResult r = EmulatorProcess.Run(["run", EmulatorProcess.Sample("hello.elf"), "--report", report, .. options]);
        return (r, EmulatorProcess.ReadReport(report));
    }

    [Fact]
    public void Default_is_the_cortex_a72_preset_with_a_cache_section_and_memory_cycles()
    {
        (ProcessResult r, JsonElement json) = RunHello();
        Assert.Equal(0, r.ExitCode);
        JsonElement cache = json.GetProperty("cache");
        foreach (string name in CacheNames)
        {
            JsonElement c = cache.GetProperty(name);
            foreach (string counter in CounterNames)
                Assert.True(c.GetProperty(counter).GetUInt64() >= 0);
        }
        Assert.False(cache.TryGetProperty("l3", out _)); // cortex-a72 has no L3
        Assert.Equal(0UL, cache.GetProperty("stale_reads").GetUInt64());
        Assert.True(cache.GetProperty("cpu0.l1i").GetProperty("misses").GetUInt64() + cache.GetProperty("cpu0.l1i").GetProperty("hits").GetUInt64() == 0
            || cache.GetProperty("cpu0.l1i").GetProperty("fills").GetUInt64() > 0);
        Assert.True(cache.GetProperty("host.l1d").GetProperty("maintenance").GetUInt64() > 0, "the loaded image is cleaned and invalidated to the PoC");
        Assert.True(json.GetProperty("cycles").GetUInt64() > json.GetProperty("instructions").GetUInt64());
    }

    [Fact]
    public void Cache_off_has_no_cache_section_and_times_with_the_default_profile()
    {
        (ProcessResult r, JsonElement json) = RunHello("--cache", "off");
        Assert.Equal(0, r.ExitCode);
        Assert.False(json.TryGetProperty("cache", out _));
        JsonElement timing = json.GetProperty("timing");
        Assert.Equal("cortex-a72", timing.GetProperty("profile").GetString());
        ulong cycles = json.GetProperty("cycles").GetUInt64();
        Assert.Equal(cycles, timing.GetProperty("busy_cycles").GetUInt64() + timing.GetProperty("memory_cycles").GetUInt64() + timing.GetProperty("idle_cycles").GetUInt64());
        Assert.True(cycles >= json.GetProperty("instructions").GetUInt64()); // every class costs at least a cycle in the preset
        Assert.Equal(Math.Round((double)json.GetProperty("instructions").GetUInt64() / cycles, 6), json.GetProperty("ipc").GetDouble());
        Assert.True(timing.GetProperty("branches").GetProperty("conditional").GetUInt64() > 0);
    }

    [Fact]
    public void Each_emulated_MMIO_access_costs_the_device_round_trip()
    {
        // Without the cache model the only memory cycles are Device accesses: hello's UART and PSCI
        // traffic, each a stage-2 MMIO exit emulated by the hypervisor.
        (ProcessResult r, JsonElement json) = RunHello("--cache", "off");
        Assert.Equal(0, r.ExitCode);
        ulong exits = json.GetProperty("stage2").GetProperty("mmio_exits").GetUInt64();
        Assert.True(exits > 20, $"hello writes its greeting to the UART, {exits} MMIO exits");
        Assert.Equal(exits * 100, json.GetProperty("timing").GetProperty("memory_cycles").GetUInt64()); // cortex-a72: device_access 100
    }

    [Fact]
    public void A_core_section_in_a_cache_file_sets_the_timing_profile()
    {
        using var temp = new TempDirectory();
        const string levels = """
              "l1d": { "size": "32K", "ways": 2 },
              "l1i": { "size": "48K", "ways": 3 },
              "l2": { "size": "1M", "ways": 16 }
            """;
        string plain = temp.Write("plain.json", System.Text.Encoding.UTF8.GetBytes("{" + levels + "}"));
        string slow = temp.Write("slow.json", System.Text.Encoding.UTF8.GetBytes("{" + levels + """, "core": { "mispredict_penalty": 200, "multiply": 40 } }"""));
        (ProcessResult r1, JsonElement a) = RunHello("--cache", plain);
        (ProcessResult r2, JsonElement b) = RunHello("--cache", slow);
        Assert.True(r1.ExitCode == 0, r1.Stderr);
        Assert.True(r2.ExitCode == 0, r2.Stderr);
        Assert.Equal(a.GetProperty("instructions").GetUInt64(), b.GetProperty("instructions").GetUInt64());
        ulong mispredicts = b.GetProperty("timing").GetProperty("branches").GetProperty("conditional_mispredicts").GetUInt64()
            + b.GetProperty("timing").GetProperty("branches").GetProperty("indirect_mispredicts").GetUInt64();
        Assert.True(mispredicts > 0);
        Assert.True(b.GetProperty("timing").GetProperty("busy_cycles").GetUInt64() >= a.GetProperty("timing").GetProperty("busy_cycles").GetUInt64() + mispredicts * (200 - 15));
        Assert.Equal("slow", b.GetProperty("timing").GetProperty("profile").GetString());
    }

    [Fact]
    public void A_bad_core_field_is_a_one_line_error_naming_the_file_and_field()
    {
        using var temp = new TempDirectory();
        string bad = temp.Write("bad.json", """
            { "l1d": { "size": "32K", "ways": 2 }, "l1i": { "size": "32K", "ways": 2 }, "l2": { "size": "1M", "ways": 16 },
              "core": { "predictor_entries": 1000 } }
            """u8.ToArray());
        (ProcessResult r, _) = RunHello("--cache", bad);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("bad.json: core.predictor_entries: must be a power of two", r.Stderr);
    }

    [Fact]
    public void A_preset_by_name_and_nc_snoop_are_accepted()
    {
        (ProcessResult r, JsonElement json) = RunHello("--cache", "cortex-a53", "--nc-snoop");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("Hello from the guest!\nPSCI version 1.1\n", r.Stdout);
        Assert.True(json.GetProperty("cache").TryGetProperty("l2", out _));
    }

    [Fact]
    public void A_JSON_file_with_an_L3_adds_the_l3_cache()
    {
        using var temp = new TempDirectory();
        string file = temp.Write("cache.json", """
            {
              "l1d": { "size": "16K", "ways": 4 },
              "l1i": { "size": "16K", "ways": 2 },
              "l2": { "size": "256K", "ways": 8 },
              "l3": { "size": "2M", "ways": 16 }
            }
            """u8.ToArray());
        (ProcessResult r, JsonElement json) = RunHello("--cache", file);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.True(json.GetProperty("cache").TryGetProperty("l3", out _));
    }

    [Fact]
    public void A_bad_preset_name_is_one_line_naming_the_option_and_exit_2()
    {
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("hello.elf"), "--cache", "cortex-z9");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(string.Empty, r.Stdout);
        string first = r.Stderr.Split('\n')[0];
        Assert.Contains("--cache", first);
        Assert.Contains("cortex-z9", first);
    }

    [Fact]
    public void A_malformed_JSON_file_is_one_line_naming_the_file_and_exit_2()
    {
        using var temp = new TempDirectory();
        string file = temp.Write("broken.json", "{ \"l1d\": { \"size\": \"32K\", "u8.ToArray());
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("hello.elf"), "--cache", file);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(string.Empty, r.Stdout);
        Assert.Contains(file, r.Stderr.Split('\n')[0]);
    }

    public static TheoryData<string> Guests => new()
    {
        "samples/bin/hello.elf", "samples/bin/echo.elf", "samples/bin/faults.elf", "samples/bin/mmu.elf",
        "samples/bin/novectors.elf", "samples/bin/semihosting-exit.elf", "samples/bin/svc.elf", "samples/bin/timer.elf",
        "samples/bin/uart-irq.elf", "samples/bin/undef.elf", "samples/bin/wfi-halt.elf", "samples/bin/wfi.elf",
        "bench:crc.elf", "bench:fbdraw.elf", "bench:interp.elf", "bench:memwalk.elf",
        "bench:sieve.elf", "bench:sort.elf", "bench:strings.elf",
    };

    /// <summary>A whole bench guest with the cache model takes about a minute in a Debug build.</summary>
    private static ProcessResult RunLong(string image, string cache)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = EmulatorProcess.RepositoryRoot,
        };
        foreach (string a in (string[])[Path.Combine(AppContext.BaseDirectory, "emulator.dll"), "run", image, "--cache", cache, "--quiet"])
            start.ArgumentList.Add(a);
        return EmulatorProcess.Execute(start, "one\ntwo\nquit\n", TimeSpan.FromMinutes(5)); // echo.elf reads lines until quit
    }

    /// <summary>The cache model changes timing, never results: every sample and bench guest (the bench guests print checksums) prints the same with it as without.</summary>
    [Theory]
    [MemberData(nameof(Guests))]
    public void Guest_output_is_the_same_with_the_cache_model_as_without(string guest)
    {
        string image;
        if (guest.StartsWith("bench:", StringComparison.Ordinal))
        {
            if (BenchGuests.Directory is not { } bench)
                return; // no cross toolchain on this developer machine; scripts/test.sh makes it required
            image = Path.Combine(bench, guest["bench:".Length..]);
        }
        else
        {
            image = Path.Combine(EmulatorProcess.RepositoryRoot, guest);
        }
        ProcessResult off = RunLong(image, "off");
        ProcessResult on = RunLong(image, "cortex-a72");
        Assert.Equal(off.ExitCode, on.ExitCode);
        Assert.Equal(off.Stdout, on.Stdout);
        Assert.Equal(off.Stderr, on.Stderr);
    }
}
