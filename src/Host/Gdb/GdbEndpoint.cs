using System.Globalization;
using System.Net;

namespace Emulator.Host.Gdb;

/// <summary>
/// Where the gdb stub listens, from a QEMU-style device string: <c>tcp::PORT</c> (127.0.0.1) or
/// <c>tcp:HOST:PORT</c> (an IPv4 or IPv6 address, or <c>localhost</c>). Port 0 asks the system
/// for a free port; the one chosen is reported on standard error.
/// </summary>
public sealed record GdbEndpoint(IPAddress Address, int Port)
{
    /// <summary>QEMU's -s: tcp::1234.</summary>
    public static GdbEndpoint Default => new(IPAddress.Loopback, 1234);

    /// <summary>Parses <paramref name="spec"/>; null and a message naming the problem when it is not an endpoint.</summary>
    public static GdbEndpoint? TryParse(string spec, out string? error)
    {
        error = null;
        if (!spec.StartsWith("tcp:", StringComparison.Ordinal))
        {
            error = $"'{spec}' is not a gdb endpoint: expected tcp::PORT or tcp:HOST:PORT (e.g. tcp::1234)";
            return null;
        }
        string rest = spec[4..];
        int colon = rest.LastIndexOf(':');
        if (colon < 0)
        {
            error = $"'{spec}' has no port: expected tcp::PORT or tcp:HOST:PORT";
            return null;
        }
        string host = rest[..colon], portText = rest[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
        {
            error = $"'{spec}': '{portText}' is not a TCP port (0 to 65535)";
            return null;
        }
        if (host.StartsWith('[') && host.EndsWith(']'))
            host = host[1..^1];
        IPAddress address;
        if (host.Length == 0 || host == "localhost")
            address = IPAddress.Loopback;
        else if (!IPAddress.TryParse(host, out address!))
        {
            error = $"'{spec}': '{host}' is not an IP address (use a numeric address, localhost, or nothing for 127.0.0.1)";
            return null;
        }
        return new GdbEndpoint(address, port);
    }

    public override string ToString() => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
        ? $"tcp:[{Address}]:{Port}" : $"tcp:{Address}:{Port}";
}
