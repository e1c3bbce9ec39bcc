using System.Diagnostics;
using Emulator.Host.Scenarios;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// The bochs-wb variant of the Linux sample (samples/linux/build.sh --variant bochs-wb: the base
/// kernel with patches/bochs-vram-cacheable.patch, bochs-drm's VRAM mapped write-back), and its
/// scenario scenarios/linux/05-bochs-drm-wb-kvm.json, whose claim is that the patch is what removes
/// the stale pixels under kvm: with its mutation (the unpatched kernel, same everything else) the
/// stale pixels must come back. Skipped without the build tools unless EMULATOR_REQUIRE_TOOLS=1.
/// </summary>
public sealed class LinuxBochsWbTests
{
    private const string Marker = "drm_vram: VRAM mapped write-back cacheable";

    private static readonly Lazy<string?> Base = new(() => LinuxSampleBuild.Build(null));

    private static readonly Lazy<string?> Variant = new(() => Base.Value is null ? null : LinuxSampleBuild.Build("bochs-wb"));

    [Fact]
    public void Variant_is_built_beside_the_base_kernel_and_carries_the_patch()
    {
        if (Base.Value is not { } dir || Variant.Value is not { } variant)
            return;
        Assert.Equal(Path.Combine(dir, "bochs-wb"), variant);
        Assert.True(File.ReadAllBytes(Path.Combine(dir, "initramfs.cpio.gz")).AsSpan()
            .SequenceEqual(File.ReadAllBytes(Path.Combine(variant, "initramfs.cpio.gz"))), "the variant's initramfs is the base's");
        // The patch's pr_info_once string is in the patched kernel only (an arm64 Image is not compressed).
        Assert.True(Contains(Path.Combine(variant, "Image"), Marker), $"no \"{Marker}\" in {variant}/Image");
        Assert.False(Contains(Path.Combine(dir, "Image"), Marker), $"\"{Marker}\" in the base kernel {dir}/Image");
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "config")), File.ReadAllText(Path.Combine(variant, "config")));
    }

    [Fact]
    public void Variant_key_differs_from_the_base_key_and_follows_the_patch()
    {
        if (!LinuxSampleBuild.ToolsPresent())
            return;
        using var temp = new TempDirectory();
        string copy = Path.Combine(temp.Path, "linux");
        CopyDirectory(Path.Combine(EmulatorProcess.RepositoryRoot, "samples", "linux"), copy);
        string baseKey = Key(copy, false);
        string variantKey = Key(copy, true);
        Assert.Matches("^[0-9a-f]{16}$", baseKey);
        Assert.Matches("^[0-9a-f]{16}$", variantKey);
        Assert.NotEqual(baseKey, variantKey);

        // A changed patch: a new variant key, the same base key (the base kernel does not carry it).
        File.AppendAllText(Path.Combine(copy, "patches", "bochs-vram-cacheable.patch"), "\n");
        Assert.Equal(baseKey, Key(copy, false));
        Assert.NotEqual(variantKey, Key(copy, true));

        // The script is still the one in the repository: the same inputs give the same keys.
        string repo = Path.Combine(EmulatorProcess.RepositoryRoot, "samples", "linux");
        Assert.Equal(baseKey, Key(repo, false));
        Assert.Equal(variantKey, Key(repo, true));
    }

    [Fact]
    public void Unknown_variant_is_refused_naming_the_known_ones()
    {
        ProcessResult r = LinuxSampleBuild.Run(Path.Combine(EmulatorProcess.RepositoryRoot, "samples", "linux", "build.sh"), TimeSpan.FromMinutes(1), "--variant", "nope");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown variant 'nope' (known: bochs-wb)", r.Stderr);
    }

    [Fact]
    public void Scenario_naming_an_unbuilt_variant_says_which_build_makes_it()
    {
        using var temp = new TempDirectory();
        string file = Path.Combine(EmulatorProcess.RepositoryRoot, "scenarios", "linux", "05-bochs-drm-wb-kvm.json");
        string? before = Environment.GetEnvironmentVariable("EMULATOR_LINUX");
        Environment.SetEnvironmentVariable("EMULATOR_LINUX", temp.Path); // no bochs-wb/ in it: not built
        try
        {
            ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(file));
            Assert.Contains("image: ${EMULATOR_LINUX}/bochs-wb/Image: no such file", e.Message);
            Assert.Contains("build.sh --variant NAME those in NAME/", e.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable("EMULATOR_LINUX", before);
        }
    }

    [Fact]
    public void Unpatched_kernel_brings_the_stale_pixels_of_the_wb_scenario_back()
    {
        if (Base.Value is not { } dir || Variant.Value is null)
            return;
        string file = Path.Combine(EmulatorProcess.RepositoryRoot, "scenarios", "linux", "05-bochs-drm-wb-kvm.json");
        // ${EMULATOR_LINUX} filled in here rather than in this process's environment.
        Scenario scenario = ScenarioLoader.Parse(File.ReadAllText(file).Replace("${EMULATOR_LINUX}", dir, StringComparison.Ordinal), file);
        Assert.Equal(Path.Combine(dir, "bochs-wb", "Image"), scenario.ImagePath);
        Scenario unpatched = scenario.Mutated() ?? throw new InvalidOperationException($"{file} has no mutation");
        Assert.Equal(Path.Combine(dir, "Image"), unpatched.ImagePath);
        Assert.Equal(scenario.Policy, unpatched.Policy);
        Assert.Equal(scenario.Options, unpatched.Options);

        var runner = new ScenarioRunner(EmulatorLauncher.ForAssembly(Path.Combine(AppContext.BaseDirectory, "emulator.dll")), 2);
        ScenarioRun[] runs = [.. runner.StartAll([scenario, unpatched]).Select(t => t.GetAwaiter().GetResult())];
        ScenarioVerdict patched = ScenarioEvaluator.Evaluate(runs[0], _ => null);
        ScenarioVerdict broken = ScenarioEvaluator.Evaluate(runs[1], _ => null);

        Assert.True(patched.Passed, $"patched: {patched.Figure} ({patched.Run.CommandLine})");
        // Unpatched: the run works and fbcon comes up as before; only the stale pixels differ.
        Assert.All(broken.Checks.Where(c => c.Name != "stale_pixels.per_frame"), c => Assert.True(c.Passed, $"unpatched: {c.Name}: {c.Figure}"));
        ScenarioCheck stale = Assert.Single(broken.Checks, c => c.Name == "stale_pixels.per_frame");
        Assert.False(stale.Passed, $"the unpatched kernel shows no stale pixel either: {stale.Figure}");
    }

    private static string Key(string samplesLinux, bool variant)
    {
        string[] args = variant ? ["--print-key", "--variant", "bochs-wb"] : ["--print-key"];
        ProcessResult r = LinuxSampleBuild.Run(Path.Combine(samplesLinux, "build.sh"), TimeSpan.FromMinutes(1), args);
        Assert.True(r.ExitCode == 0, $"build.sh {string.Join(' ', args)}: exit {r.ExitCode}\n{r.Stderr}");
        return r.Stdout.Trim();
    }

    private static bool Contains(string file, string text) =>
        File.ReadAllBytes(file).AsSpan().IndexOf(global::System.Text.Encoding.ASCII.GetBytes(text)) >= 0;

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string f in Directory.GetFiles(from))
            File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (string d in Directory.GetDirectories(from))
            CopyDirectory(d, Path.Combine(to, Path.GetFileName(d)));
    }
}

/// <summary>Runs samples/linux/build.sh (a cache hit after the first build) for the base kernel or a variant.</summary>
internal static class LinuxSampleBuild
{
    /// <summary>Whether the kernel can be built here; when it cannot and EMULATOR_REQUIRE_TOOLS=1, the build runs anyway and fails.</summary>
    public static bool ToolsPresent() =>
        EmulatorProcess.ToolsRequired || (EmulatorProcess.FindTool("aarch64-linux-gnu-gcc") is not null && File.Exists("/usr/src/linux-source-6.1.tar.xz"));

    /// <summary>The output directory (build.sh's last line), or null when the tools are missing.</summary>
    public static string? Build(string? variant)
    {
        if (!ToolsPresent())
            return null;
        string[] args = variant is null ? [] : ["--variant", variant];
        ProcessResult r = Run(Path.Combine(EmulatorProcess.RepositoryRoot, "samples", "linux", "build.sh"), TimeSpan.FromMinutes(25), args);
        Assert.True(r.ExitCode == 0, $"samples/linux/build.sh {string.Join(' ', args)} failed ({r.ExitCode}):\n{r.Stderr}");
        string dir = r.Stdout.Trim().Split('\n')[^1];
        Assert.True(File.Exists(Path.Combine(dir, "Image")), $"no Image in {dir}");
        return dir;
    }

    public static ProcessResult Run(string script, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = EmulatorProcess.RepositoryRoot,
        };
        start.ArgumentList.Add(script);
        foreach (string a in args)
            start.ArgumentList.Add(a);
        return EmulatorProcess.Execute(start, null, timeout);
    }
}
