using System.Text.Json.Nodes;
using Emulator.Host.Scenarios;
using Emulator.Host.Tests.EndToEnd;

namespace Emulator.Host.Tests.Scenarios;

/// <summary>
/// Malformed scenario files: each is rejected with one line that names the file and the field
/// (the same lines `emulator check` prints before exiting with status 2).
/// </summary>
public sealed class ScenarioLoaderTests
{
    /// <summary>A valid scenario; each case below breaks one thing in it.</summary>
    private static JsonObject Valid() => new()
    {
        ["name"] = "t",
        ["description"] = "a test scenario",
        ["image"] = EmulatorProcess.Sample("hello.elf"),
        ["policy"] = "kvm",
        ["max_instructions"] = 100000,
        ["expect"] = new JsonObject { ["exit"] = new JsonObject { ["reason"] = "system-off" } },
    };

    public static TheoryData<string, string, string> Cases => new()
    {
        // case, field named, words in the message
        { "missing-name", "name", "missing" },
        { "missing-description", "description", "missing" },
        { "empty-description", "description", "upstream" },
        { "missing-image", "image", "missing" },
        { "image-not-found", "image", "no such file" },
        { "frames-string", "frames", "whole number" },
        { "frames-zero", "frames", "from 1" },
        { "no-end", "frames", "must end" },
        { "unknown-policy", "policy", "unknown policy 'xen'" },
        { "policy-number", "policy", "must be a string" },
        { "unknown-field", "polcy", "unknown field" },
        { "bad-name", "name", "letters" },
        { "options-not-array", "options", "array of strings" },
        { "options-reserved", "options", "--report" },
        { "options-unknown", "options", "--bogus" },
        { "options-bad-value", "options", "--host-prefetch" },
        { "cache-missing-file", "cache", "neither a preset" },
        { "expect-missing", "expect", "missing" },
        { "expect-empty", "expect", "at least one" },
        { "per-frame-word", "expect.stale_pixels.per_frame", "\"zero\"" },
        { "per-frame-two", "expect.stale_pixels.per_frame", "exactly one" },
        { "bound-empty", "expect.stale_pixels.total", "at least one" },
        { "bound-min-above-max", "expect.stale_pixels.total", "nothing can pass" },
        { "reference-missing", "expect.stale_pixels.total.below_scenario", "no such scenario" },
        { "exit-reason", "expect.exit.reason", "unknown exit reason" },
        { "exit-status-string", "expect.exit.status", "whole number" },
        { "hash-malformed", "expect.final_frame_hash", "hex digits" },
        { "report-path", "expect.report.cache..misses", "dotted path" },
        { "mutation-empty", "mutation", "at least one" },
        { "mutation-policy", "mutation.policy", "unknown policy" },
        { "top-level-array", "(top level)", "JSON object" },
        { "invalid-json", "invalid JSON", "line" },
    };

    private static string Body(string kind)
    {
        JsonObject s = Valid();
        JsonObject expect = s["expect"]!.AsObject();
        switch (kind)
        {
            case "missing-name": s.Remove("name"); break;
            case "missing-description": s.Remove("description"); break;
            case "empty-description": s["description"] = new JsonArray("  ", ""); break;
            case "missing-image": s.Remove("image"); break;
            case "image-not-found": s["image"] = "no/such/image.elf"; break;
            case "frames-string": s["frames"] = "20"; break;
            case "frames-zero": s["frames"] = 0; break;
            case "no-end": s.Remove("max_instructions"); break;
            case "unknown-policy": s["policy"] = "xen"; break;
            case "policy-number": s["policy"] = 3; break;
            case "unknown-field": s["polcy"] = "kvm"; break;
            case "bad-name": s["name"] = "two words"; break;
            case "options-not-array": s["options"] = "--seed 3"; break;
            case "options-reserved": s["options"] = new JsonArray("--report", "x.json"); break;
            case "options-unknown": s["options"] = new JsonArray("--bogus"); break;
            case "options-bad-value": s["options"] = new JsonArray("--host-prefetch", "2"); break;
            case "cache-missing-file": s["cache"] = "caches/none.json"; break;
            case "expect-missing": s.Remove("expect"); break;
            case "expect-empty": s["expect"] = new JsonObject(); break;
            case "per-frame-word": expect["stale_pixels"] = new JsonObject { ["per_frame"] = "none" }; break;
            case "per-frame-two": expect["stale_pixels"] = new JsonObject { ["per_frame"] = new JsonObject { ["max"] = 1, ["at_least_on_some_frame"] = 1 } }; break;
            case "bound-empty": expect["stale_pixels"] = new JsonObject { ["total"] = new JsonObject() }; break;
            case "bound-min-above-max": expect["stale_pixels"] = new JsonObject { ["total"] = new JsonObject { ["min"] = 5, ["max"] = 4 } }; break;
            case "reference-missing": expect["stale_pixels"] = new JsonObject { ["total"] = new JsonObject { ["below_scenario"] = "other.json" } }; break;
            case "exit-reason": expect["exit"] = new JsonObject { ["reason"] = "crashed" }; break;
            case "exit-status-string": expect["exit"] = new JsonObject { ["status"] = "0" }; break;
            case "hash-malformed": expect["final_frame_hash"] = "1234"; break;
            case "report-path": expect["report"] = new JsonObject { ["cache..misses"] = new JsonObject { ["max"] = 1 } }; break;
            case "mutation-empty": s["mutation"] = new JsonObject(); break;
            case "mutation-policy": s["mutation"] = new JsonObject { ["policy"] = "xen" }; break;
            case "top-level-array": return "[1, 2]";
            case "invalid-json": return "{ \"name\": \"t\",\n  \"description\": }";
            default: throw new ArgumentException(kind);
        }
        return s.ToJsonString();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_scenario_is_rejected_with_one_line_naming_file_and_field(string kind, string field, string words)
    {
        using var temp = new TempDirectory();
        string file = temp.Write($"{kind}.json", System.Text.Encoding.UTF8.GetBytes(Body(kind)));

        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(file));

        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith($"{file}: {field}", e.Message);
        Assert.Contains(words, e.Message);
    }

    [Fact]
    public void Valid_scenario_loads_with_paths_resolved_against_its_file()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("sub"));
        string image = temp.Write("guest.elf", File.ReadAllBytes(EmulatorProcess.Sample("hello.elf")));
        File.WriteAllText(temp.File("other.json"), Valid().ToJsonString());
        JsonObject s = Valid();
        s["image"] = "../guest.elf";
        s["description"] = new JsonArray("first line", "second line");
        s["frames"] = 3;
        s["options"] = new JsonArray("--seed", "7");
        s["expect"]!["stale_pixels"] = new JsonObject
        {
            ["per_frame"] = new JsonObject { ["at_least_on_some_frame"] = 2 },
            ["total"] = new JsonObject { ["below_scenario"] = "../other.json", ["min"] = 1 },
        };
        s["mutation"] = new JsonObject { ["policy"] = "s2fwb", ["append"] = "fb=wb" };
        string file = temp.Write("sub/s.json", System.Text.Encoding.UTF8.GetBytes(s.ToJsonString()));

        Scenario loaded = ScenarioLoader.Load(file);

        Assert.Equal(image, loaded.ImagePath);
        Assert.Equal("first line second line", loaded.Description);
        Assert.Equal(3UL, loaded.Frames);
        Assert.Equal(new PerFrameStale(PerFrameStaleKind.AtLeastOnSomeFrame, 2), loaded.Expect.StalePixels!.PerFrame);
        Assert.Equal(temp.File("other.json"), loaded.Expect.StalePixels.Total!.BelowScenario);
        Assert.Equal([temp.File("other.json")], loaded.Expect.ReferencedFiles);
        Scenario mutated = loaded.Mutated()!;
        Assert.Equal(("s2fwb", "fb=wb", "kvm"), (mutated.Policy, mutated.Append, loaded.Policy));
        Assert.Contains("--seed", ScenarioCommandLine.Arguments(mutated, "r.json"));
    }
}
