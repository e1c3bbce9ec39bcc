using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>The result of running the `emulator` program as a user would.</summary>
internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, byte[] StdoutBytes);

/// <summary>
/// Runs the built `emulator` program (emulator.dll beside this test assembly) in a child process,
/// so the tests see exactly what a user sees: standard output, standard error and exit status.
/// </summary>
internal static class EmulatorProcess
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Sample(string name) => Path.Combine(RepositoryRoot, "samples", "bin", name);

    public static ProcessResult Run(params string[] args) => RunWithInput(null, args);

    public static ProcessResult RunWithInput(string? stdin, params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "emulator.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        start.ArgumentList.Add(dll);
        foreach (string a in args)
            start.ArgumentList.Add(a);
        return Execute(start, stdin, TimeSpan.FromSeconds(60));
    }

    /// <summary>Runs the program with standard input redirected from a file, as `emulator ... &lt; FILE` in a shell.</summary>
    public static ProcessResult RunWithInputFile(string inputFile, params string[] args)
    {
        var start = new ProcessStartInfo("sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        string dll = Path.Combine(AppContext.BaseDirectory, "emulator.dll");
        string quoted = string.Join(' ', args.Select(a => "'" + a.Replace("'", "'\\''") + "'"));
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec dotnet '{dll}' {quoted} < '{inputFile}'");
        return Execute(start, null, TimeSpan.FromSeconds(60));
    }

    public static ProcessResult Execute(ProcessStartInfo start, string? stdin, TimeSpan timeout)
    {
        // --display auto must not open windows on a developer's desktop while the tests run: the
        // emulator's launchers lose DISPLAY unless a test that wants a window (on an Xvfb of its
        // own) says so. Other tools (xdotool, xwd) keep what they are given.
        if (start.FileName is "dotnet" or "sh" && !start.Environment.ContainsKey("EMULATOR_TEST_KEEP_DISPLAY"))
        {
            start.Environment.Remove("DISPLAY");
            start.Environment.Remove("WAYLAND_DISPLAY");
        }
        using var process = Process.Start(start)!;
        var stdout = new MemoryStream();
        Task copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        Task<string> err = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
            process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish in {timeout}");
        }
        copyOut.Wait();
        byte[] bytes = stdout.ToArray();
        return new ProcessResult(process.ExitCode, Encoding.UTF8.GetString(bytes), err.Result, bytes);
    }

    /// <summary>
    /// Runs an image on the reference machine, qemu-system-aarch64 -M virt (MACHINE may add options
    /// such as gic-version=3), with 128M of RAM and the console on standard output. Null when QEMU
    /// is not installed and the tools are not required (a developer machine without it).
    /// </summary>
    public static ProcessResult? RunQemu(string image, string cpu = "cortex-a57", string machine = "virt",
        string? append = null, string? input = null)
    {
        string? qemu = FindTool("qemu-system-aarch64");
        if (qemu is null)
            return null;
        var start = new ProcessStartInfo(qemu)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "-M", machine, "-cpu", cpu, "-m", "128M", "-nographic", "-nic", "none", "-monitor", "none", "-kernel", image })
            start.ArgumentList.Add(a);
        if (append is not null)
        {
            start.ArgumentList.Add("-append");
            start.ArgumentList.Add(append);
        }
        return Execute(start, input, TimeSpan.FromSeconds(60));
    }

    public static JsonElement ReadReport(string path)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    /// <summary>True when the test script asked for the external tools to be present (CI).</summary>
    public static bool ToolsRequired => Environment.GetEnvironmentVariable("EMULATOR_REQUIRE_TOOLS") == "1";

    public static string? FindTool(string name)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':'))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
                return candidate;
        }
        Assert.False(ToolsRequired, $"{name} is not installed, and EMULATOR_REQUIRE_TOOLS=1 says it must be (run scripts/install-deps.sh)");
        return null;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Emulator.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("cannot find the repository root (Emulator.sln) above " + AppContext.BaseDirectory);
    }
}
