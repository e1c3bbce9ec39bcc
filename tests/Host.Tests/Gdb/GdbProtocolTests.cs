using System.Text;
using System.Text.Json;
using Emulator.Host.Tests.EndToEnd;

namespace Emulator.Host.Tests.Gdb;

/// <summary>
/// The stub against a hand-driven client: what gdb itself never sends (bad checksums, malformed
/// and oversized packets, abrupt disconnects, a second client) is answered or dropped, and the
/// emulator neither crashes nor hangs; detach, kill and Ctrl-C behave as gdb expects.
/// </summary>
public sealed class GdbProtocolTests
{
    private static string Hello => EmulatorProcess.Sample("hello.elf");
    private static string Demo => EmulatorProcess.Sample("demo.elf");

    [Fact]
    public void A_bad_checksum_is_refused_and_the_next_good_packet_answered()
    {
        using GdbTarget target = GdbTarget.Start(Hello, "-S");
        using RawGdbClient client = target.Connect();
        client.SendRaw("$?#00"); // the right checksum is 3f
        Assert.Equal('-', client.ReadAck());
        client.SendRaw("$?#zz"); // not even hex
        Assert.Equal('-', client.ReadAck());
        Assert.StartsWith("T05", client.Ask("?"));
        Assert.Equal("OK", client.Ask("D"));
        Assert.Equal(0, target.WaitForExit().ExitCode); // detached: the run went on to its end
    }

    [Fact]
    public void Malformed_packets_get_error_or_empty_replies_and_the_stub_goes_on()
    {
        using GdbTarget target = GdbTarget.Start(Hello, "-S");
        using RawGdbClient client = target.Connect();
        Assert.Equal("E01", client.Ask("mzz,4"));
        Assert.Equal("E01", client.Ask("m40100000"));
        Assert.Equal("E01", client.Ask("m40100000,ffffff")); // longer than a packet holds
        Assert.Equal("E14", client.Ask("m0,4")); // nothing mapped at 0
        Assert.Equal("E01", client.Ask("pzz"));
        Assert.Equal("E01", client.Ask("p1000"));
        Assert.Equal("E01", client.Ask("P0=123")); // odd hex
        Assert.Equal("E01", client.Ask("P44=0000000000000000")); // a system register: read-only
        Assert.Equal("E01", client.Ask("G12"));
        Assert.Equal("E01", client.Ask("M40113000,4:1122"));
        Assert.Equal("E01", client.Ask("X40113000,4:ab"));
        Assert.Equal("E01", client.Ask("Z0,40102000")); // no kind
        Assert.Equal("E01", client.Ask("Z0,40102000,2")); // A64 breakpoints are 4 bytes
        Assert.Equal("E01", client.Ask("Z2,40113000,0"));
        Assert.Equal("E01", client.Ask("z2,40113000,4")); // none set there
        Assert.Equal("", client.Ask("Z9,0,4"));
        Assert.Equal("E01", client.Ask("Hgzz"));
        Assert.Equal("E01", client.Ask("T5"));
        Assert.Equal("E01", client.Ask("vCont;x"));
        Assert.Equal("E01", client.Ask("qRcmd,zz"));
        Assert.Equal("", client.Ask("!"));
        Assert.Equal("", client.Ask("qNoSuchQuery"));
        Assert.Equal("", client.Ask(""));
        Assert.Equal("E00", client.Ask("qXfer:features:read:other.xml:0,100"));
        // Still answering properly:
        Assert.StartsWith("T05", client.Ask("?"));
        Assert.Equal("0000104000000000", client.Ask("p20")); // pc = 0x40100000, little-endian
        Assert.Equal("OK", client.Ask("X40113000,4:" + "\u007d\u0003\u0001\u0002\u0003")); // '}' escapes 0x23 ('#')
        Assert.Equal("23010203", client.Ask("m40113000,4"));
        Assert.Equal("OK", client.Ask("M40113000,2:abcd"));
        Assert.Equal("abcd0203", client.Ask("m40113000,4"));
        Assert.Equal("OK", client.Ask("D"));
        Assert.Equal(0, target.WaitForExit().ExitCode);
    }

    [Fact]
    public void An_oversized_packet_is_dropped_with_an_error_reply()
    {
        using GdbTarget target = GdbTarget.Start(Hello, "-S");
        using RawGdbClient client = target.Connect();
        string huge = "M40113000,8000:" + new string('a', 0x10000);
        client.Send(huge);
        Assert.Equal("E01", client.ReadPacket());
        Assert.StartsWith("T05", client.Ask("?"));
        Assert.Contains("PacketSize=4000", client.Ask("qSupported:multiprocess+;swbreak+"));
        Assert.Equal("OK", client.Ask("D"));
        Assert.Equal(0, target.WaitForExit().ExitCode);
    }

    [Fact]
    public void An_abrupt_disconnect_lets_the_run_go_on_and_a_new_client_attach()
    {
        using var temp = new TempDirectory();
        string report = temp.File("report.json");
        using GdbTarget target = GdbTarget.Start(Demo, "-S", "--frames", "2", "--report", report);
        using (RawGdbClient first = target.Connect())
        {
            Assert.Equal("OK", first.Ask("Z0,40102c80,4")); // fb_rect
            first.SendRaw("$m40100000,"); // half a packet, then gone
        }
        // The run resumes without the breakpoint; a second client can stop it again.
        using RawGdbClient second = target.Connect();
        Assert.StartsWith("T05", second.Ask("?"));
        Assert.Equal("OK", second.Ask("D"));
        ProcessResult run = target.WaitForExit();
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("frames", EmulatorProcess.ReadReport(report).GetProperty("exit").GetProperty("reason").GetString());
    }

    [Fact]
    public void A_second_client_is_refused_while_the_first_stays_attached()
    {
        using GdbTarget target = GdbTarget.Start(Hello, "-S");
        using RawGdbClient first = target.Connect();
        Assert.StartsWith("T05", first.Ask("?"));
        using (RawGdbClient second = target.Connect())
        {
            Assert.StartsWith("E.busy", second.ReadPacket());
            Assert.True(second.IsClosedByPeer());
        }
        Assert.Equal("QC1", first.Ask("qC"));
        Assert.Equal("m1", first.Ask("qfThreadInfo"));
        Assert.Equal("l", first.Ask("qsThreadInfo"));
        Assert.Equal("1", first.Ask("qAttached"));
        Assert.Equal("OK", first.Ask("D"));
        Assert.Equal(0, target.WaitForExit().ExitCode);
    }

    [Fact]
    public void Kill_ends_the_run_with_a_report_saying_so()
    {
        using var temp = new TempDirectory();
        string report = temp.File("report.json");
        using GdbTarget target = GdbTarget.Start(Hello, "-S", "--report", report);
        using RawGdbClient client = target.Connect();
        Assert.StartsWith("T05", client.Ask("?"));
        client.Send("k");
        ProcessResult run = target.WaitForExit();
        Assert.Equal(130, run.ExitCode);
        JsonElement r = EmulatorProcess.ReadReport(report);
        Assert.Equal("interrupted", r.GetProperty("exit").GetProperty("reason").GetString());
        Assert.Contains("killed by the debugger", r.GetProperty("exit").GetProperty("message").GetString());
        Assert.Equal(0UL, r.GetProperty("instructions").GetUInt64());
    }

    [Fact]
    public void Ctrl_c_stops_a_running_guest_and_vcont_steps_it()
    {
        using GdbTarget target = GdbTarget.Start(Demo, "-S", "--frames", "1000000");
        using RawGdbClient client = target.Connect();
        Assert.Equal("OK", client.Ask("QStartNoAckMode"));
        Assert.Equal("vCont;c;C;s;S", client.Ask("vCont?"));
        client.Send("vCont;c");
        Thread.Sleep(500);
        client.SendRaw([0x03]);
        Assert.StartsWith("T02thread:1;", client.ReadPacket());
        string pc = client.Ask("p20");
        client.Send("vCont;s:1");
        Assert.StartsWith("T05thread:1;", client.ReadPacket());
        Assert.NotEqual(pc, client.Ask("p20"));
        string xml = client.Ask("qXfer:features:read:target.xml:0,3fff");
        Assert.StartsWith("l<?xml", xml);
        Assert.Contains("org.gnu.gdb.aarch64.core", xml);
        Assert.Contains("<reg name=\"v31\" bitsize=\"128\"", xml);
        Assert.Contains("<reg name=\"fpcr\"", xml);
        Assert.Contains("<reg name=\"SCTLR_EL1\" bitsize=\"64\" regnum=\"68\"", xml);
        // monitor output comes in O packets, then OK.
        client.Send("qRcmd," + Convert.ToHexString(Encoding.ASCII.GetBytes("policy")).ToLowerInvariant());
        string output = client.ReadPacket();
        Assert.StartsWith("O", output);
        Assert.Contains("policy: kvm", Encoding.UTF8.GetString(Convert.FromHexString(output[1..])));
        Assert.Equal("OK", client.ReadPacket());
        client.Send("k");
        Assert.Equal(130, target.WaitForExit().ExitCode);
    }

    [Theory]
    [InlineData("--gdb", "1234", "is not a gdb endpoint")]
    [InlineData("--gdb", "tcp:1234", "has no port")]
    [InlineData("--gdb", "tcp::99999", "is not a TCP port")]
    [InlineData("--gdb", "tcp:nowhere.example:1234", "is not an IP address")]
    [InlineData("-S", null, "-S waits for a debugger")]
    public void Bad_gdb_options_are_usage_errors(string option, string? value, string expected)
    {
        string[] args = value is null ? ["run", Hello, option] : ["run", Hello, option, value];
        ProcessResult r = EmulatorProcess.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Stderr);
    }

    [Fact]
    public void A_port_already_taken_is_a_usage_error_naming_it()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        ProcessResult r = EmulatorProcess.Run("run", Hello, "--gdb", $"tcp::{port}");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"--gdb tcp:127.0.0.1:{port}: cannot listen", r.Stderr);
    }
}
