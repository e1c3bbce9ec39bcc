using System.Text.Json;
using Emulator.Cpu.Core;

namespace Emulator.Host.Reporting;

/// <summary>
/// The --report JSON document. Field names are a contract that scripts rely on (README,
/// "Report"); later sections (cache, stage2, display) are added beside these, never renamed.
/// </summary>
public sealed record RunReport
{
    public required string Image { get; init; }

    public required ExitReason Reason { get; init; }

    public required int Status { get; init; }

    public string? Message { get; init; }

    public ulong Instructions { get; init; }

    public ulong Cycles { get; init; }

    public double WallSeconds { get; init; }

    public GuestFaultRecord? Fault { get; init; }

    /// <summary>The chain of exceptions that led to <see cref="Fault"/> (the "cause" and "chain" fields of "fault").</summary>
    public FaultExplanation? FaultChain { get; init; }

    /// <summary>The core whose timing figures form the "timing" section (absent when the run never built one).</summary>
    public ArmCore? Core { get; init; }

    /// <summary>The CPUs whose figures form the "cpus" section (absent when the run never built a board).</summary>
    public Cluster? Cluster { get; init; }

    /// <summary>The cache model whose statistics form the "cache" section (none with --cache off).</summary>
    public Mmu.Caches.CacheHierarchy? Cache { get; init; }

    /// <summary>The hypervisor whose statistics form the "stage2" section.</summary>
    public Hypervisor.KvmHypervisor? Hypervisor { get; init; }

    /// <summary>The display statistics ("display" section; absent when the run had no display pipeline).</summary>
    public Vmm.DisplayStatistics? Display { get; init; }

    /// <summary>Stale pixels by cause ("provenance" section; absent when provenance was not recorded).</summary>
    public Provenance.ProvenanceStatistics? Provenance { get; init; }

    public double Mips => WallSeconds > 0 ? Instructions / WallSeconds / 1e6 : 0;

    /// <summary>Instructions per simulated cycle.</summary>
    public double Ipc => Cycles > 0 ? (double)Instructions / Cycles : 0;

    /// <summary>Writes the report atomically: readers see the old file or the complete new one.</summary>
    public void WriteTo(string path)
    {
        string temporary = path + ".tmp";
        using (FileStream stream = File.Create(temporary))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            Write(json);
        }
        File.Move(temporary, path, overwrite: true);
    }

    private void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("emulator_version", Program.Version);
        json.WriteString("image", Image);
        json.WriteStartObject("exit");
        json.WriteString("reason", Reason.ToReportName());
        json.WriteNumber("status", Status);
        if (Message is null)
            json.WriteNull("message");
        else
            json.WriteString("message", Message);
        json.WriteEndObject();
        json.WriteNumber("instructions", Instructions);
        json.WriteNumber("cycles", Cycles);
        json.WriteNumber("ipc", Math.Round(Ipc, 6));
        json.WriteNumber("wall_seconds", Math.Round(WallSeconds, 6));
        json.WriteNumber("mips", Math.Round(Mips, 3));
        if (Core is not null)
            TimingReport.Write(json, Core);
        if (Cluster is not null)
            SmpReport.Write(json, Cluster);
        Cache?.WriteStatistics(json);
        Hypervisor?.Statistics.Write(json, Hypervisor.Policy.Name, Hypervisor.DirtyPagesCollected);
        Display?.Write(json);
        Provenance?.Write(json);
        if (Fault is not null)
        {
            json.WriteStartObject("fault");
            json.WriteString("pc", Hex(Fault.Pc));
            json.WriteString("esr", Hex(Fault.Esr));
            json.WriteString("far", Hex(Fault.Far));
            if (Fault.Instruction is uint word)
                json.WriteString("instruction", $"0x{word:x8}");
            else
                json.WriteNull("instruction");
            json.WriteString("elr", Hex(Fault.Elr));
            json.WriteNumber("el", Fault.ExceptionLevel);
            if (FaultChain is not null)
                WriteChain(json, FaultChain);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    /// <summary>"cause" (the first exception in words), "emulator_limitation", and "chain": every exception, first first, the fault last.</summary>
    private static void WriteChain(Utf8JsonWriter json, FaultExplanation explained)
    {
        json.WriteString("cause", explained.Message);
        json.WriteBoolean("emulator_limitation", explained.EmulatorLimitation);
        json.WriteStartArray("chain");
        foreach (FaultLink link in explained.Chain)
        {
            json.WriteStartObject();
            json.WriteString("kind", link.Kind);
            json.WriteString("pc", Hex(link.Pc));
            json.WriteNumber("from_el", link.FromEl);
            if (link.Type == Cpu.Core.ExceptionType.Synchronous)
            {
                json.WriteString("esr", Hex(link.Esr));
                json.WriteString("ec", $"0x{link.ExceptionClass:x2}");
                json.WriteString("far", Hex(link.Far));
            }
            json.WriteString("what", link.What);
            if (link.Instruction is uint word)
                json.WriteString("instruction", $"0x{word:x8}");
            else
                json.WriteNull("instruction");
            if (link.Disassembly is null)
                json.WriteNull("disassembly");
            else
                json.WriteString("disassembly", link.Disassembly);
            if (link.NewestInstruction is uint newest)
            {
                json.WriteString("newest_instruction", $"0x{newest:x8}");
                json.WriteString("newest_disassembly", link.NewestDisassembly);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static string Hex(ulong value) => $"0x{value:x}";
}
