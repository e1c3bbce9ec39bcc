using System.Diagnostics;
using Emulator.Host.Tests.EndToEnd;

namespace Emulator.Host.Tests.Display;

/// <summary>
/// A private X server (Xvfb, 1280x1024x24, no window manager) on a free display number for the
/// window tests, killed when the fixture is disposed. <see cref="Display"/> is null when Xvfb is
/// not installed (and EMULATOR_REQUIRE_TOOLS is not 1); <see cref="SkipReason"/> says so.
/// </summary>
public sealed class XvfbServer : IDisposable
{
    private readonly Process? _process;

    public XvfbServer()
    {
        string? xvfb = EmulatorProcess.FindTool("Xvfb");
        if (xvfb is null)
        {
            SkipReason = "Xvfb is not installed (scripts/install-deps.sh installs it)";
            return;
        }
        for (int number = 90 + (Environment.ProcessId % 50); number < 400; number++)
        {
            if (File.Exists($"/tmp/.X{number}-lock") || File.Exists($"/tmp/.X11-unix/X{number}"))
                continue;
            var start = new ProcessStartInfo(xvfb) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            // -noreset: by default an X server resets when its last client leaves, and a client that
            // connects during the reset (xwd right after a window closed) is refused.
            foreach (string a in new[] { $":{number}", "-screen", "0", "1280x1024x24", "-nolisten", "tcp", "-noreset" })
                start.ArgumentList.Add(a);
            var process = Process.Start(start)!;
            process.ErrorDataReceived += (_, _) => { };
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            for (int i = 0; i < 100 && !process.HasExited; i++)
            {
                if (File.Exists($"/tmp/.X11-unix/X{number}"))
                {
                    _process = process;
                    Display = $":{number}";
                    return;
                }
                Thread.Sleep(50);
            }
            if (!process.HasExited)
                process.Kill();
            process.Dispose();
        }
        throw new InvalidOperationException("could not start Xvfb on any display from :90 to :399");
    }

    /// <summary>The display name, ":N", or null when there is no Xvfb.</summary>
    public string? Display { get; }

    public string? SkipReason { get; }

    public void Dispose()
    {
        if (_process is null)
            return;
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        _process.Dispose();
    }
}
