using System.Text.Json;
using Emulator.Cpu.Core;
using Emulator.Cpu.Timing;

namespace Emulator.Host.Reporting;

/// <summary>
/// The report's "timing" section: the timing profile (the cache preset or file that gave it, the
/// default preset's with --cache off), where the cycles went (busy = instruction classes,
/// mispredicts, exception entries; memory = cache model and Device accesses; idle = WFI/WFE
/// sleep) and the branch predictor's counts.
/// </summary>
public static class TimingReport
{
    public static void Write(Utf8JsonWriter json, ArmCore core)
    {
        BranchPredictor p = core.Predictor;
        json.WriteStartObject("timing");
        json.WriteString("profile", core.CacheIdConfiguration.Name);
        json.WriteNumber("busy_cycles", core.BusyCycles);
        json.WriteNumber("memory_cycles", core.MemoryCycles);
        json.WriteNumber("idle_cycles", core.IdleCycles);
        json.WriteStartObject("branches");
        json.WriteNumber("conditional", p.Conditional);
        json.WriteNumber("conditional_mispredicts", p.ConditionalMispredicts);
        json.WriteNumber("indirect", p.Indirect);
        json.WriteNumber("indirect_mispredicts", p.IndirectMispredicts);
        json.WriteNumber("mispredict_rate", p.Conditional + p.Indirect == 0 ? 0 : Math.Round((double)p.Mispredicts / (p.Conditional + p.Indirect), 6));
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
