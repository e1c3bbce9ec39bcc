using System.Globalization;
using System.Text;
using Emulator.Cpu.Core;
using Emulator.Host.Reporting;
using Emulator.Host.Running;

namespace Emulator.Host.Gdb;

/// <summary>The packets of the GDB remote serial protocol the stub answers (all-stop mode).</summary>
public sealed partial class GdbStub
{
    /// <summary>The reply to one packet, or null when none is due now (a resume: the stop reply comes later; kill).</summary>
    private string? Dispatch(string packet, byte[] raw)
    {
        if (packet.Length == 0)
            return "";
        char command = packet[0];
        string args = packet[1..];
        switch (command)
        {
            case '?':
                return StopReply();
            case 'g':
                return ReadAllRegisters();
            case 'G':
                return WriteAllRegisters(args);
            case 'p':
                return int.TryParse(args, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int rn) && rn >= 0 && rn < GdbRegisters.Count
                    ? GdbRegisters.Read(Core, rn) : "E01";
            case 'P':
                return WriteRegister(args);
            case 'm':
                return ReadMemory(args);
            case 'M':
                return WriteMemoryHex(args);
            case 'X':
                return WriteMemoryBinary(raw);
            case 'c':
            case 's':
                if (args.Length > 0)
                {
                    if (!GdbProtocol.TryParseHex(args, out ulong address))
                        return "E01";
                    Core.Pc = address;
                }
                return ResumeForClient(step: command == 's');
            case 'C':
            case 'S':
                return ResumeForClient(step: command == 'S'); // the signal is not delivered: the guest has no signals
            case 'v':
                return VPacket(packet);
            case 'Z':
            case 'z':
                return Breakpoint(command == 'Z', args);
            case 'H':
                if (args.Length < 1 || args[0] is not ('g' or 'c'))
                    return "E01";
                return SelectThread(args[1..], allowAll: true) ? "OK" : "E01";
            case 'T':
                return ThreadAlive(args) ? "OK" : "E01";
            case 'D':
                RemoveAll();
                _server.Send("OK");
                Resume(step: false);
                _server.CloseClient();
                return null;
            case 'k':
                _ended = new RunOutcome(ExitReason.Interrupted, ExitStatus.Interrupted, "killed by the debugger (gdb kill)");
                _server.CloseClient();
                return null;
            case 'q':
                return Query(args);
            case 'Q':
                if (args == "StartNoAckMode")
                {
                    _server.Send("OK");
                    _server.StartNoAckMode();
                    return null;
                }
                return "";
            default:
                return ""; // not supported: the empty reply
        }
    }

    private string? ResumeForClient(bool step)
    {
        Resume(step);
        _reportStop = true;
        return null;
    }

    private string Query(string args)
    {
        if (args.StartsWith("Supported", StringComparison.Ordinal))
            return $"PacketSize={GdbProtocol.MaxPacketSize:x};qXfer:features:read+;QStartNoAckMode+;vContSupported+";
        if (args == "Attached")
            return "1";
        if (args == "C")
            return $"QC{_selectedThread:x}";
        if (args == "fThreadInfo")
        {
            var sb = new StringBuilder("m");
            for (int i = 1; i <= _cores.Count; i++)
                sb.Append(i == 1 ? "" : ",").Append(i.ToString("x", CultureInfo.InvariantCulture));
            return sb.ToString();
        }
        if (args == "sThreadInfo")
            return "l";
        if (args.StartsWith("ThreadExtraInfo,", StringComparison.Ordinal))
        {
            string id = args["ThreadExtraInfo,".Length..];
            if (!int.TryParse(id, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int t) || t < 1 || t > _cores.Count)
                return "E01";
            ArmCore c = _cores[t - 1];
            return GdbProtocol.ToHex(Encoding.ASCII.GetBytes($"CPU#{t - 1} EL{c.CurrentEl}"));
        }
        if (args.StartsWith("Xfer:features:read:", StringComparison.Ordinal))
            return FeaturesRead(args["Xfer:features:read:".Length..]);
        if (args.StartsWith("Rcmd,", StringComparison.Ordinal))
        {
            if (!GdbProtocol.TryFromHex(args["Rcmd,".Length..], out byte[] text))
                return "E01";
            string output = _monitor.Execute(Encoding.Latin1.GetString(text), Core);
            byte[] bytes = Encoding.UTF8.GetBytes(output);
            for (int i = 0; i < bytes.Length; i += 1024)
                _server.Send("O" + GdbProtocol.ToHex(bytes.AsSpan(i, Math.Min(1024, bytes.Length - i))));
            return "OK";
        }
        return "";
    }

    /// <summary>qXfer:features:read:ANNEX:OFFSET,LENGTH: a window of the target description.</summary>
    private static string FeaturesRead(string args)
    {
        int colon = args.IndexOf(':');
        if (colon < 0)
            return "E00";
        if (args[..colon] != "target.xml")
            return "E00";
        string[] range = args[(colon + 1)..].Split(',');
        if (range.Length != 2 || !GdbProtocol.TryParseHex(range[0], out ulong offset) || !GdbProtocol.TryParseHex(range[1], out ulong length))
            return "E00";
        string xml = GdbRegisters.TargetXml;
        if (offset >= (ulong)xml.Length)
            return "l";
        int n = (int)Math.Min(Math.Min(length, (ulong)GdbProtocol.MaxPacketSize - 1), (ulong)xml.Length - offset);
        bool last = offset + (ulong)n >= (ulong)xml.Length;
        return (last ? "l" : "m") + xml.Substring((int)offset, n);
    }

    private string? VPacket(string packet)
    {
        if (packet == "vCont?")
            return "vCont;c;C;s;S";
        if (packet.StartsWith("vCont;", StringComparison.Ordinal))
        {
            // Actions apply to the threads they name, the first match winning; all cores run
            // together (all-stop), so a step of any thread steps the selected core once.
            bool step = false, any = false;
            foreach (string action in packet["vCont;".Length..].Split(';'))
            {
                if (action.Length == 0)
                    return "E01";
                string[] parts = action.Split(':');
                char kind = parts[0][0];
                if (kind is not ('c' or 'C' or 's' or 'S'))
                    return "E01";
                if (parts.Length > 1)
                {
                    if (!SelectThread(parts[1], allowAll: true))
                        return "E01";
                }
                if (kind is 's' or 'S')
                    step = true;
                any = true;
            }
            return any ? ResumeForClient(step) : "E01";
        }
        if (packet == "vMustReplyEmpty")
            return "";
        if (packet.StartsWith("vKill", StringComparison.Ordinal))
        {
            _ended = new RunOutcome(ExitReason.Interrupted, ExitStatus.Interrupted, "killed by the debugger (gdb kill)");
            _server.Send("OK");
            _server.CloseClient();
            return null;
        }
        return "";
    }

    /// <summary>Thread ids: 1..cores (hex), 0 (any) or -1 (all) where allowed; sets the selected thread for g/p/m.</summary>
    private bool SelectThread(string id, bool allowAll)
    {
        if (id is "0" || (allowAll && id is "-1"))
            return true;
        if (!int.TryParse(id, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int t) || t < 1 || t > _cores.Count)
            return false;
        _selectedThread = t;
        return true;
    }

    private bool ThreadAlive(string id) =>
        int.TryParse(id, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int t) && t >= 1 && t <= _cores.Count;

    private string ReadAllRegisters()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < GdbRegisters.GPacketCount; i++)
            sb.Append(GdbRegisters.Read(Core, i));
        return sb.ToString();
    }

    private string WriteAllRegisters(string hex)
    {
        if (!GdbProtocol.TryFromHex(hex, out byte[] bytes))
            return "E01";
        int offset = 0;
        for (int i = 0; i < GdbRegisters.GPacketCount && offset < bytes.Length; i++)
        {
            int size = GdbRegisters.Size(i);
            if (offset + size > bytes.Length)
                return "E01";
            if (GdbRegisters.Write(Core, i, bytes.AsSpan(offset, size)) is not null && i != GdbRegisters.Cpsr)
                return "E01";
            offset += size;
        }
        return "OK";
    }

    private string WriteRegister(string args)
    {
        int eq = args.IndexOf('=');
        if (eq < 0 || !int.TryParse(args[..eq], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int n)
            || !GdbProtocol.TryFromHex(args[(eq + 1)..], out byte[] bytes))
            return "E01";
        return GdbRegisters.Write(Core, n, bytes) is null ? "OK" : "E01";
    }

    private static bool TryAddressLength(string text, out ulong address, out ulong length)
    {
        address = length = 0;
        int comma = text.IndexOf(',');
        return comma > 0 && GdbProtocol.TryParseHex(text[..comma], out address) && GdbProtocol.TryParseHex(text[(comma + 1)..], out length);
    }

    private string ReadMemory(string args)
    {
        if (!TryAddressLength(args, out ulong address, out ulong length) || length > GdbProtocol.MaxPacketSize / 2)
            return "E01";
        var bytes = new byte[length];
        // Page by page: the readable prefix, as gdb accepts a short read; nothing readable is an error.
        int done = 0;
        while (done < bytes.Length)
        {
            ulong a = address + (ulong)done;
            int n = (int)Math.Min((ulong)(bytes.Length - done), 0x1000 - (a & 0xFFF));
            if (!Core.ReadGuestMemoryForHost(a, bytes.AsSpan(done, n)))
                break;
            done += n;
        }
        return done == 0 && length > 0 ? "E14" : GdbProtocol.ToHex(bytes.AsSpan(0, done));
    }

    private string WriteMemoryHex(string args)
    {
        int colon = args.IndexOf(':');
        if (colon < 0 || !TryAddressLength(args[..colon], out ulong address, out ulong length)
            || !GdbProtocol.TryFromHex(args[(colon + 1)..], out byte[] bytes) || (ulong)bytes.Length != length)
            return "E01";
        return Core.WriteGuestMemory(address, bytes) ? "OK" : "E14";
    }

    private string WriteMemoryBinary(byte[] raw)
    {
        int colon = Array.IndexOf(raw, (byte)':');
        if (colon < 0)
            return "E01";
        string header = Encoding.Latin1.GetString(raw, 1, colon - 1);
        if (!TryAddressLength(header, out ulong address, out ulong length)
            || !GdbProtocol.TryUnescape(raw.AsSpan(colon + 1), out byte[] bytes) || (ulong)bytes.Length != length)
            return "E01";
        return length == 0 || Core.WriteGuestMemory(address, bytes) ? "OK" : "E14";
    }

    /// <summary>Z/z TYPE,ADDR,KIND: 0 software and 1 hardware breakpoints (both checked by the emulator), 2 write, 3 read, 4 access watchpoints.</summary>
    private string Breakpoint(bool insert, string args)
    {
        string[] parts = args.Split(';')[0].Split(',');
        if (parts.Length != 3 || parts[0].Length != 1 || !GdbProtocol.TryParseHex(parts[1], out ulong address)
            || !GdbProtocol.TryParseHex(parts[2], out ulong kind))
            return "E01";
        switch (parts[0][0])
        {
            case '0':
            case '1':
                if (kind != 4)
                    return "E01"; // A64 instructions are 4 bytes
                HashSet<ulong> set = parts[0][0] == '0' ? _softwareBreakpoints : _hardwareBreakpoints;
                if (insert)
                    set.Add(address);
                else
                    set.Remove(address);
                UpdateHook();
                return "OK";
            case '2':
            case '3':
            case '4':
                if (kind == 0 || kind > 0x1000 || address + kind < address)
                    return "E01";
                var watch = new HostWatchpoint(address, kind, parts[0][0] switch { '2' => HostWatchKind.Write, '3' => HostWatchKind.Read, _ => HostWatchKind.Access });
                if (insert)
                    _watchpoints.Add(watch);
                else if (!_watchpoints.Remove(watch))
                    return "E01";
                foreach (ArmCore c in _cores)
                    c.SetHostWatchpoints(_watchpoints);
                UpdateHook();
                return "OK";
            default:
                return ""; // unknown types: not supported
        }
    }
}
