using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Emulator.Host.Logging;
using Serilog;

namespace Emulator.Host.Gdb;

/// <summary>What the socket side hands the simulation thread.</summary>
public enum GdbEventKind
{
    /// <summary>A client connected (the target stops, as QEMU stops the VM when gdb attaches).</summary>
    Connected,

    /// <summary>A packet with a good checksum (its payload, escapes not yet removed).</summary>
    Packet,

    /// <summary>A packet longer than <see cref="GdbProtocol.MaxPacketSize"/>: its payload was dropped.</summary>
    Oversized,

    /// <summary>Ctrl-C (0x03) outside a packet.</summary>
    Interrupt,

    /// <summary>The client went away (closed, reset, or timed out on a send).</summary>
    Disconnected,
}

/// <summary>An event of connection number <see cref="Connection"/> (counted from 1), so that a late disconnect of an old client is told from the current one's.</summary>
public readonly record struct GdbEvent(GdbEventKind Kind, int Connection, byte[]? Payload = null);

/// <summary>
/// The socket side of the gdb stub, on threads of its own: accepts one client at a time (a second
/// one is told so and closed), frames and checks packets, acknowledges them ('+', or '-' for a bad
/// checksum, until QStartNoAckMode), resends on '-', and queues what arrives for the simulation
/// thread, which looks at <see cref="Attention"/> between slices and does all the work. Nothing
/// here touches the simulation.
/// </summary>
public sealed class GdbServer : IDisposable
{
    private static readonly ILogger Log = LogCategories.For(LogCategories.Run);

    private readonly TcpListener _listener;
    private readonly Thread _acceptThread;
    private readonly ConcurrentQueue<GdbEvent> _events = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly object _sendLock = new();
    private Socket? _client;
    private byte[]? _lastSent;
    private volatile bool _attention;
    private volatile bool _noAck;
    private volatile bool _disposed;
    private int _connections;

    public GdbServer(GdbEndpoint endpoint)
    {
        _listener = new TcpListener(endpoint.Address, endpoint.Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start(1); // throws SocketException when the address is taken or not local
        Endpoint = new GdbEndpoint(endpoint.Address, ((IPEndPoint)_listener.LocalEndpoint).Port);
        _acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "gdb accept" };
        _acceptThread.Start();
    }

    /// <summary>The address listened on, with the port the system chose for port 0.</summary>
    public GdbEndpoint Endpoint { get; }

    /// <summary>Something is queued for the simulation thread (read without a lock: a volatile flag).</summary>
    public bool Attention => _attention;

    /// <summary>Whether a client is connected now.</summary>
    public bool HasClient => Volatile.Read(ref _client) is not null;

    /// <summary>Takes the next queued event; false when none is.</summary>
    public bool TryTake(out GdbEvent e)
    {
        _attention = false;
        if (_events.TryDequeue(out e))
        {
            _attention = !_events.IsEmpty;
            return true;
        }
        return false;
    }

    /// <summary>Waits up to <paramref name="milliseconds"/> for an event (the stopped target's idle wait).</summary>
    public void Wait(int milliseconds)
    {
        if (_events.IsEmpty)
            _signal.Wait(milliseconds);
    }

    /// <summary>After the reply to QStartNoAckMode: no more '+'/'-' either way.</summary>
    public void StartNoAckMode() => _noAck = true;

    /// <summary>Sends one packet to the client (dropped when none is connected; a failed send disconnects it).</summary>
    public void Send(string payload)
    {
        byte[] packet = GdbProtocol.Frame(Encoding.Latin1.GetBytes(payload));
        lock (_sendLock)
        {
            Socket? client = _client;
            if (client is null)
                return;
            _lastSent = packet;
            try
            {
                client.Send(packet);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                Log.Warning("gdb: sending to the client failed ({Message}): disconnecting it", e.Message);
                DropClient(client);
            }
        }
    }

    private void AcceptLoop()
    {
        while (!_disposed)
        {
            Socket socket;
            try
            {
                socket = _listener.AcceptSocket();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // the listener was stopped
            }
            // A client that has just gone (gdb restarted) is given a moment to be noticed.
            for (int i = 0; i < 100 && Volatile.Read(ref _client) is not null; i++)
                Thread.Sleep(10);
            if (Volatile.Read(ref _client) is not null)
            {
                Log.Warning("gdb: a second client connected from {Peer} while one is attached: refused", socket.RemoteEndPoint);
                Refuse(socket);
                continue;
            }
            socket.NoDelay = true;
            socket.SendTimeout = 5000; // a client that stops reading is dropped rather than stalling the simulation
            _noAck = false;
            _lastSent = null;
            Volatile.Write(ref _client, socket);
            int connection = ++_connections;
            Log.Information("gdb: client connected from {Peer}", socket.RemoteEndPoint);
            Enqueue(new GdbEvent(GdbEventKind.Connected, connection));
            var reader = new Thread(() => ReadLoop(socket, connection)) { IsBackground = true, Name = "gdb client" };
            reader.Start();
        }
    }

    private static void Refuse(Socket socket)
    {
        try
        {
            // An error reply to whatever it sends first; gdb shows "Remote failure reply: E.busy".
            socket.Send(GdbProtocol.Frame("E.busy: another debugger is attached"u8));
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        socket.Dispose();
    }

    private enum ReadState { Idle, Data, Checksum1, Checksum2 }

    private void ReadLoop(Socket socket, int connection)
    {
        var buffer = new byte[4096];
        var payload = new List<byte>(256);
        ReadState state = ReadState.Idle;
        bool oversized = false;
        int checkHigh = 0;
        try
        {
            while (true)
            {
                int n = socket.Receive(buffer);
                if (n == 0)
                    break;
                for (int i = 0; i < n; i++)
                {
                    byte b = buffer[i];
                    switch (state)
                    {
                        case ReadState.Idle:
                            if (b == (byte)'$')
                            {
                                payload.Clear();
                                oversized = false;
                                state = ReadState.Data;
                            }
                            else if (b == 0x03)
                            {
                                Enqueue(new GdbEvent(GdbEventKind.Interrupt, connection));
                            }
                            else if (b == (byte)'-' && !_noAck)
                            {
                                Resend(socket);
                            }
                            break; // '+' and noise between packets are ignored
                        case ReadState.Data:
                            if (b == (byte)'#')
                                state = ReadState.Checksum1;
                            else if (b == (byte)'$')
                                payload.Clear(); // a new start resynchronizes
                            else if (payload.Count < GdbProtocol.MaxPacketSize)
                                payload.Add(b);
                            else
                                oversized = true;
                            break;
                        case ReadState.Checksum1:
                            checkHigh = GdbProtocol.HexValue(b);
                            state = ReadState.Checksum2;
                            break;
                        case ReadState.Checksum2:
                            int low = GdbProtocol.HexValue(b);
                            state = ReadState.Idle;
                            byte[] data = [.. payload];
                            bool good = checkHigh >= 0 && low >= 0 && (checkHigh << 4 | low) == GdbProtocol.Checksum(data);
                            if (!_noAck)
                                Ack(socket, good || oversized);
                            if (oversized)
                            {
                                Log.Warning("gdb: dropped a packet longer than {Max} bytes", GdbProtocol.MaxPacketSize);
                                Enqueue(new GdbEvent(GdbEventKind.Oversized, connection));
                            }
                            else if (good)
                            {
                                Enqueue(new GdbEvent(GdbEventKind.Packet, connection, data));
                            }
                            else
                            {
                                Log.Warning("gdb: packet with a bad checksum dropped");
                            }
                            break;
                    }
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Log.Information("gdb: connection ended: {Message}", e.Message);
        }
        lock (_sendLock)
            DropClient(socket);
        Enqueue(new GdbEvent(GdbEventKind.Disconnected, connection));
    }

    private void Ack(Socket socket, bool good)
    {
        lock (_sendLock)
        {
            try
            {
                socket.Send(good ? "+"u8 : "-"u8);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
        }
    }

    private void Resend(Socket socket)
    {
        lock (_sendLock)
        {
            if (_lastSent is null)
                return;
            try
            {
                socket.Send(_lastSent);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>Closes <paramref name="socket"/> if it is the client (call under the send lock).</summary>
    private void DropClient(Socket socket)
    {
        if (ReferenceEquals(_client, socket))
            Volatile.Write(ref _client, null);
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        socket.Dispose();
    }

    /// <summary>Closes the client's connection (after detach or kill).</summary>
    public void CloseClient()
    {
        lock (_sendLock)
        {
            if (_client is { } c)
                DropClient(c);
        }
    }

    private void Enqueue(GdbEvent e)
    {
        _events.Enqueue(e);
        _attention = true;
        _signal.Release();
    }

    public void Dispose()
    {
        _disposed = true;
        _listener.Stop();
        CloseClient();
    }
}
