using System.Diagnostics;
using System.Text;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// A machine (the emulator or QEMU) driven over its serial console as a person would: wait until
/// the console shows some text, then type. Typing only after the prompt keeps the firmware from
/// swallowing keystrokes it polls for during long operations (U-Boot's ctrlc() during a flash
/// erase reads and drops what is waiting). Disposing kills the process if it still runs.
/// </summary>
internal sealed class SerialConversation : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Task _reader;
    private readonly Task<string> _stderr;
    private int _searchFrom;

    private SerialConversation(Process process)
    {
        _process = process;
        _reader = Task.Run(ReadOutput);
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>`emulator ARGS` from the test's build, in the repository root.</summary>
    public static SerialConversation StartEmulator(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = EmulatorProcess.RepositoryRoot };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "emulator.dll"));
        foreach (string a in args)
            start.ArgumentList.Add(a);
        start.Environment.Remove("DISPLAY");
        start.Environment.Remove("WAYLAND_DISPLAY");
        return Start(start);
    }

    /// <summary>A program (QEMU) with these arguments.</summary>
    public static SerialConversation StartProgram(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program);
        foreach (string a in args)
            start.ArgumentList.Add(a);
        return Start(start);
    }

    private static SerialConversation Start(ProcessStartInfo start)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return new SerialConversation(Process.Start(start)!);
    }

    /// <summary>Everything the console printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Waits until <paramref name="text"/> appears after the previous match; fails the test after <paramref name="seconds"/>.</summary>
    public void WaitFor(string text, double seconds = 120)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            lock (_output)
            {
                int at = _output.ToString(_searchFrom, _output.Length - _searchFrom).IndexOf(text, StringComparison.Ordinal);
                if (at >= 0)
                {
                    _searchFrom += at + text.Length;
                    return;
                }
            }
            if (_process.HasExited && _reader.IsCompleted)
                Assert.Fail($"the machine ended (status {_process.ExitCode}) before printing '{text}'\n--- stderr\n{_stderr.Result}\n--- console (tail)\n{Tail()}");
            if (clock.Elapsed.TotalSeconds > seconds)
                Assert.Fail($"'{text}' did not appear within {seconds} s\n--- console (tail)\n{Tail()}");
            Thread.Sleep(20);
        }
    }

    /// <summary>Types <paramref name="text"/> on the console.</summary>
    public void Type(string text)
    {
        _process.StandardInput.Write(text);
        _process.StandardInput.Flush();
    }

    /// <summary>Waits for the machine to end (closing its input first) and returns its exit status.</summary>
    public int WaitForExit(double seconds = 60)
    {
        if (!_process.WaitForExit(TimeSpan.FromSeconds(seconds)))
            Assert.Fail($"the machine did not end within {seconds} s\n--- console (tail)\n{Tail()}");
        _process.WaitForExit();
        _reader.Wait();
        return _process.ExitCode;
    }

    public string Stderr => _process.HasExited ? _stderr.Result : "";

    public string Tail(int chars = 3000)
    {
        string s = Output;
        return s.Length <= chars ? s : s[^chars..];
    }

    private void ReadOutput()
    {
        Stream stdout = _process.StandardOutput.BaseStream;
        byte[] buffer = new byte[4096];
        int n;
        while ((n = stdout.Read(buffer, 0, buffer.Length)) > 0)
        {
            lock (_output)
                _output.Append(Encoding.Latin1.GetString(buffer, 0, n));
        }
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
    }
}
