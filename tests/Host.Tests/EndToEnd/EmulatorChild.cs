using System.Diagnostics;
using System.Text;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// The `emulator` program started in the background with a chosen environment (e.g. DISPLAY for
/// the window), for tests that act on it while it runs (capture its window, close it) and then
/// collect what it printed and its exit status. Disposing kills it if it is still running.
/// </summary>
internal sealed class EmulatorChild : IDisposable
{
    private readonly Process _process;
    private readonly MemoryStream _stdout = new();
    private readonly Task _copyOut;
    private readonly Task<string> _stderr;

    private EmulatorChild(Process process)
    {
        _process = process;
        _copyOut = process.StandardOutput.BaseStream.CopyToAsync(_stdout);
        _stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Close();
    }

    /// <summary>
    /// Starts `emulator ARGS` in the repository root. Each entry of <paramref name="environment"/>
    /// sets a variable of the child's environment, or removes it when the value is null.
    /// </summary>
    public static EmulatorChild Start(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = EmulatorProcess.RepositoryRoot,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "emulator.dll"));
        foreach (string a in args)
            start.ArgumentList.Add(a);
        foreach ((string name, string? value) in environment)
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }
        return new EmulatorChild(Process.Start(start)!);
    }

    /// <summary>Runs `emulator ARGS` with the environment changes of <see cref="Start"/> and waits for it (60 s at most).</summary>
    public static ProcessResult Run(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        using EmulatorChild child = Start(environment, args);
        return child.WaitForExit(TimeSpan.FromSeconds(60));
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The emulator's process id (for signals).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Waits for the program to end and returns its output; kills it and throws after <paramref name="timeout"/>.</summary>
    public ProcessResult WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"emulator did not finish in {timeout}; stderr so far is not available");
        }
        _process.WaitForExit();
        _copyOut.Wait();
        byte[] bytes = _stdout.ToArray();
        return new ProcessResult(_process.ExitCode, Encoding.UTF8.GetString(bytes), _stderr.Result, bytes);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
        _stdout.Dispose();
    }
}
