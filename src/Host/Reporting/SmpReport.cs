using System.Text.Json;
using Emulator.Cpu.Core;

namespace Emulator.Host.Reporting;

/// <summary>
/// The report's "cpus" section: the number of CPUs, the quantum, and per CPU its MPIDR, power
/// state at the end, instructions, cycles (busy, memory, idle) and PC. See docs/smp.md.
/// </summary>
public static class SmpReport
{
    public static void Write(Utf8JsonWriter json, Cluster cluster)
    {
        json.WriteStartObject("cpus");
        json.WriteNumber("count", cluster.Count);
        json.WriteNumber("quantum", cluster.Quantum);
        json.WriteStartArray("per_cpu");
        for (int i = 0; i < cluster.Count; i++)
        {
            ArmCore core = cluster.Cores[i];
            json.WriteStartObject();
            json.WriteNumber("index", i);
            json.WriteString("mpidr", $"0x{core.Mpidr:x}");
            json.WriteString("power", cluster.PowerState(i) == CorePowerState.On ? "on" : "off");
            json.WriteNumber("instructions", core.Instructions);
            json.WriteNumber("cycles", core.Cycles);
            json.WriteNumber("busy_cycles", core.BusyCycles);
            json.WriteNumber("memory_cycles", core.MemoryCycles);
            json.WriteNumber("idle_cycles", core.IdleCycles);
            json.WriteString("pc", $"0x{core.Pc:x}");
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
