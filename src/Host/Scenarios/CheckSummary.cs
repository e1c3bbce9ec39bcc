using System.Text.Json;

namespace Emulator.Host.Scenarios;

/// <summary>
/// The --report document of `emulator check`: the counts, then one object per scenario with its
/// verdict, every check's figure, the command line run and the child's own run report.
/// </summary>
public static class CheckSummary
{
    /// <summary>Writes the summary atomically (a temporary file renamed into place), as `run` writes its report.</summary>
    public static void WriteTo(string path, IReadOnlyList<ScenarioVerdict> verdicts)
    {
        string temporary = path + ".tmp";
        using (FileStream stream = File.Create(temporary))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            Write(json, verdicts);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// <c>{ emulator_version, passed, failed, scenarios: [ { name, file, passed, figure,
    /// command_line, exit_code, checks: [ { check, passed, figure, implicit } ], run: {run report} | null } ] }</c>.
    /// </summary>
    public static void Write(Utf8JsonWriter json, IReadOnlyList<ScenarioVerdict> verdicts)
    {
        json.WriteStartObject();
        json.WriteString("emulator_version", Program.Version);
        json.WriteNumber("passed", verdicts.Count(v => v.Passed));
        json.WriteNumber("failed", verdicts.Count(v => !v.Passed));
        json.WriteStartArray("scenarios");
        foreach (ScenarioVerdict v in verdicts)
        {
            json.WriteStartObject();
            json.WriteString("name", v.Scenario.Name);
            json.WriteString("file", v.Scenario.DisplayPath);
            json.WriteBoolean("passed", v.Passed);
            json.WriteString("figure", v.Figure);
            json.WriteString("command_line", v.Run.CommandLine);
            json.WriteNumber("exit_code", v.Run.ExitCode);
            json.WriteStartArray("checks");
            foreach (ScenarioCheck c in v.Checks)
            {
                json.WriteStartObject();
                json.WriteString("check", c.Name);
                json.WriteBoolean("passed", c.Passed);
                json.WriteString("figure", c.Figure);
                json.WriteBoolean("implicit", c.Implicit);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WritePropertyName("run");
            if (v.Run.Report is { } report)
                report.WriteTo(json);
            else
                json.WriteNullValue();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
