using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net.Sockets;
using Emulator.Cpu.Core;
using Emulator.Host.Board;
using Emulator.Host.Gdb;
using Emulator.Host.Vmm;

namespace Emulator.Host.Cli;

/// <summary>The gdb stub's options: --gdb, -s, -S (QEMU's spelling).</summary>
public static partial class RunCommand
{
    private static readonly Option<GdbEndpoint?> GdbOption = new("--gdb")
    {
        Description = "Listen for gdb (the GDB remote serial protocol) on tcp::PORT (127.0.0.1) or tcp:HOST:PORT; port 0 picks a free port, reported on standard error",
        HelpName = "tcp::PORT",
        CustomParser = ParseGdb,
    };

    private static readonly Option<bool> GdbDefault = new("-s")
    {
        Description = "Shorthand for --gdb tcp::1234 (as QEMU's -s)",
    };

    private static readonly Option<bool> GdbWaitOption = new("-S")
    {
        Description = "Wait for gdb to continue before the first instruction (as QEMU's -S; needs -s or --gdb)",
    };

    private static void AddGdbOptions(Command command)
    {
        command.Options.Add(GdbOption);
        command.Options.Add(GdbDefault);
        command.Options.Add(GdbWaitOption);
        command.Validators.Add(result =>
        {
            bool gdb = result.GetResult(GdbOption) is { Implicit: false }, s = result.GetValue(GdbDefault);
            if (gdb && s)
                result.AddError("-s is --gdb tcp::1234: give one of -s and --gdb, not both");
            if (result.GetValue(GdbWaitOption) && !gdb && !s)
                result.AddError("-S waits for a debugger: give -s or --gdb tcp::PORT too");
        });
    }

    private static GdbEndpoint? GdbEndpointOf(ParseResult parse) =>
        parse.GetValue(GdbOption) ?? (parse.GetValue(GdbDefault) ? GdbEndpoint.Default : null);

    private static GdbEndpoint? ParseGdb(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        GdbEndpoint? endpoint = GdbEndpoint.TryParse(text, out string? error);
        if (endpoint is null)
            result.AddError($"--gdb: {error}");
        return endpoint;
    }

    /// <summary>Starts listening when the options ask for gdb; the port chosen is reported on standard error.</summary>
    private static GdbStub? CreateGdb(RunOptions options, VirtBoard board, DisplayPipeline? display, CancellationToken cancel)
    {
        if (options.Gdb is not { } endpoint)
            return null;
        GdbServer server;
        try
        {
            server = new GdbServer(endpoint);
        }
        catch (SocketException e)
        {
            throw new IOException($"--gdb {endpoint}: cannot listen: {e.Message}", e);
        }
        Console.Error.WriteLine($"emulator: gdb stub listening on {server.Endpoint}{(options.GdbWait ? " (waiting for gdb to continue)" : "")}");
        ArmCore[] cores = [.. board.Cluster.Cores];
        return new GdbStub(server, cores, new GdbMonitor(board, display), display, options.GdbWait, cancel);
    }
}
