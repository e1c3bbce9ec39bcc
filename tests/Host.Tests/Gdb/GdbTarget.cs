using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Emulator.Host.Tests.EndToEnd;

namespace Emulator.Host.Tests.Gdb;

/// <summary>
/// The `emulator` program started with the gdb stub on a free port (--gdb tcp::0), the port read
/// from the line it prints on standard error; standard output and the rest of standard error are
/// collected. Disposing kills it if it still runs.
/// </summary>
internal sealed partial class GdbTarget : IDisposable
{
    private readonly Process _process;
    private readonly MemoryStream _stdout = new();
    private readonly Task _copyOut;
    private readonly StringBuilder _stderr = new();
    private readonly Task _copyErr;

    private GdbTarget(Process process, int port)
    {
        _process = process;
        Port = port;
        _copyOut = process.StandardOutput.BaseStream.CopyToAsync(_stdout);
        _copyErr = Task.Run(() =>
        {
            string? line;
            while ((line = process.StandardError.ReadLine()) is not null)
            {
                lock (_stderr)
                    _stderr.Append(line).Append('\n');
            }
        });
    }

    public int Port { get; }

    public string Stderr
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    /// <summary>Starts `emulator run IMAGE --display headless --gdb tcp::0 ARGS` and waits for its listening line.</summary>
    public static GdbTarget Start(string image, params string[] args) => StartOn(null, image, args);

    /// <summary>As <see cref="Start(string, string[])"/>, with the window on X display <paramref name="xDisplay"/> when given.</summary>
    public static GdbTarget StartOn(string? xDisplay, string image, params string[] args)
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
        foreach (string a in (string[])["run", image, "--display", xDisplay is null ? "headless" : "window", "--gdb", "tcp::0", .. args])
            start.ArgumentList.Add(a);
        start.Environment.Remove("DISPLAY");
        start.Environment.Remove("WAYLAND_DISPLAY");
        if (xDisplay is not null)
            start.Environment["DISPLAY"] = xDisplay;
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string?> first = process.StandardError.ReadLineAsync();
        if (!first.Wait(TimeSpan.FromSeconds(30)) || first.Result is not { } line || Listening().Match(line) is not { Success: true } m)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"the emulator did not report a gdb port: '{(first.IsCompleted ? first.Result : "(nothing)")}'");
        }
        return new GdbTarget(process, int.Parse(m.Groups[1].Value));
    }

    [GeneratedRegex(@"gdb stub listening on tcp:127\.0\.0\.1:(\d+)")]
    private static partial Regex Listening();

    /// <summary>Waits for the program to end (60 s at most) and returns what it printed and its status.</summary>
    public ProcessResult WaitForExit(int seconds = 60)
    {
        if (!_process.WaitForExit(TimeSpan.FromSeconds(seconds)))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the emulator did not end within {seconds} s; stderr: {Stderr}");
        }
        _copyOut.Wait();
        _copyErr.Wait();
        byte[] bytes = _stdout.ToArray();
        return new ProcessResult(_process.ExitCode, Encoding.UTF8.GetString(bytes), Stderr, bytes);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Runs gdb-multiarch in batch mode on <paramref name="elf"/> against this target with the given commands; null when gdb is absent (and not required).</summary>
    public string? RunGdb(string elf, params string[] commands)
    {
        string? gdb = EmulatorProcess.FindTool("gdb-multiarch");
        if (gdb is null)
            return null;
        // Through sh, with standard error joined to standard output, so that what gdb prints
        // (stdout) and what the target sends back (monitor output: stderr in batch mode) stay in order.
        var start = new ProcessStartInfo("sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" \"$@\" 2>&1");
        start.ArgumentList.Add(gdb);
        foreach (string a in (string[])["-batch", "-nx", "-ex", "set pagination off", "-ex", "set width 0", "-ex", $"file {elf}", "-ex", $"target remote 127.0.0.1:{Port}"])
            start.ArgumentList.Add(a);
        foreach (string c in commands)
        {
            start.ArgumentList.Add("-ex");
            start.ArgumentList.Add(c);
        }
        ProcessResult r = EmulatorProcess.Execute(start, null, TimeSpan.FromSeconds(120));
        return r.Stdout + r.Stderr;
    }

    /// <summary>A raw protocol connection to the stub.</summary>
    public RawGdbClient Connect() => new(Port);

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}

/// <summary>A hand-driven client of the remote serial protocol, for what gdb never sends.</summary>
internal sealed class RawGdbClient : IDisposable
{
    private readonly Socket _socket;
    private readonly List<byte> _pending = [];

    public RawGdbClient(int port)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 20000 };
        _socket.Connect("127.0.0.1", port);
    }

    public void SendRaw(string text) => _socket.Send(Encoding.Latin1.GetBytes(text));

    public void SendRaw(byte[] bytes) => _socket.Send(bytes);

    /// <summary>Sends a framed packet with a correct checksum.</summary>
    public void Send(string payload)
    {
        byte sum = 0;
        foreach (char c in payload)
            sum += (byte)c;
        SendRaw($"${payload}#{sum:x2}");
    }

    /// <summary>Sends a packet and returns the reply's payload (acks skipped).</summary>
    public string Ask(string payload)
    {
        Send(payload);
        return ReadPacket();
    }

    /// <summary>The next single byte that is not part of a packet ('+' or '-').</summary>
    public char ReadAck()
    {
        byte b = ReadByte();
        return (char)b;
    }

    /// <summary>The next packet's payload, its checksum checked; acks before it are skipped.</summary>
    public string ReadPacket()
    {
        byte b;
        while ((b = ReadByte()) != '$')
        {
            if (b is not ((byte)'+' or (byte)'-'))
                throw new InvalidDataException($"unexpected byte 0x{b:x2} before a packet");
        }
        var payload = new StringBuilder();
        while ((b = ReadByte()) != '#')
            payload.Append((char)b);
        string check = $"{(char)ReadByte()}{(char)ReadByte()}";
        byte sum = 0;
        foreach (char c in payload.ToString())
            sum += (byte)c;
        Assert.Equal($"{sum:x2}", check);
        return payload.ToString();
    }

    /// <summary>True when the stub closed the connection (reads return nothing) within the timeout.</summary>
    public bool IsClosedByPeer()
    {
        try
        {
            var buffer = new byte[256];
            while (true)
            {
                int n = _socket.Receive(buffer);
                if (n == 0)
                    return true;
            }
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private byte ReadByte()
    {
        if (_pending.Count == 0)
        {
            var buffer = new byte[4096];
            int n = _socket.Receive(buffer);
            if (n == 0)
                throw new EndOfStreamException("the stub closed the connection");
            _pending.AddRange(buffer.AsSpan(0, n));
        }
        byte b = _pending[0];
        _pending.RemoveAt(0);
        return b;
    }

    public void Dispose() => _socket.Dispose();
}
