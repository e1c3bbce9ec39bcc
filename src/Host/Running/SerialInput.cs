using System.Collections.Concurrent;

namespace Emulator.Host.Running;

/// <summary>
/// Feeds the UART's receive FIFO from standard input. A terminal or a pipe is read on a background
/// thread (input typed by a person arrives when it arrives: such runs are not deterministic in
/// their input timing). A regular file is read synchronously as the FIFO has room, so a run whose
/// input comes from a file stays deterministic. Anything else (/dev/null, a closed stdin) gives
/// no input.
/// </summary>
public sealed class SerialInput : IDisposable
{
    private readonly ConcurrentQueue<byte> _queue = new();
    private readonly Stream? _file;
    private readonly Thread? _reader;
    private int _pending = -1;
    private bool _fileEnded;

    private SerialInput(Stream? file, Stream? live)
    {
        _file = file;
        if (live is not null)
        {
            _reader = new Thread(() => Pump(live)) { IsBackground = true, Name = "serial-input" };
            _reader.Start();
        }
    }

    public static SerialInput None() => new(null, null);

    /// <summary>Chooses the input mode from what standard input is.</summary>
    public static SerialInput FromStandardInput()
    {
        string kind = DescribeStandardInput();
        return kind switch
        {
            "file" => new SerialInput(Console.OpenStandardInput(), null),
            "terminal" or "pipe" => new SerialInput(null, Console.OpenStandardInput()),
            _ => None(),
        };
    }

    /// <summary>"terminal", "pipe", "file" or "none", from /proc/self/fd/0 on Linux.</summary>
    public static string DescribeStandardInput()
    {
        try
        {
            string link = new FileInfo("/proc/self/fd/0").LinkTarget ?? string.Empty;
            if (link.StartsWith("pipe:", StringComparison.Ordinal) || link.StartsWith("socket:", StringComparison.Ordinal))
                return "pipe";
            if (link.StartsWith("/dev/pts/", StringComparison.Ordinal) || link.StartsWith("/dev/tty", StringComparison.Ordinal))
                return "terminal";
            if (!link.StartsWith("/dev/", StringComparison.Ordinal) && File.Exists(link))
                return "file";
            return "none";
        }
        catch (IOException)
        {
            return "none";
        }
        catch (UnauthorizedAccessException)
        {
            return "none";
        }
    }

    /// <summary>Moves input into the UART while <paramref name="offer"/> accepts bytes.</summary>
    public void Deliver(Func<byte, bool> offer)
    {
        while (true)
        {
            if (_pending < 0)
                _pending = Next();
            if (_pending < 0 || !offer((byte)_pending))
                return;
            _pending = -1;
        }
    }

    /// <summary>True while more input may still come: a file not read to its end, or a terminal or pipe still open.</summary>
    public bool MayDeliverMore => _pending >= 0 || !_queue.IsEmpty || (_file is not null && !_fileEnded) || (_reader?.IsAlive ?? false);

    private int Next()
    {
        if (_file is not null)
        {
            int next = _file.ReadByte();
            _fileEnded |= next < 0;
            return next;
        }
        return _queue.TryDequeue(out byte b) ? b : -1;
    }

    private void Pump(Stream input)
    {
        byte[] buffer = new byte[256];
        try
        {
            int n;
            while ((n = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                for (int i = 0; i < n; i++)
                    _queue.Enqueue(buffer[i]);
            }
        }
        catch (IOException)
        {
            // standard input went away: no more input
        }
    }

    public void Dispose() => _file?.Dispose();
}
