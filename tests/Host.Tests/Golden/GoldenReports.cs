using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Emulator.Host.Tests.EndToEnd;

namespace Emulator.Host.Tests.Golden;

/// <summary>
/// One row of a golden file: a run (guest and options), its instruction and cycle counts (to say
/// what moved when the digest differs) and the SHA-256 of its report without the fields that
/// measure the host (wall_seconds, mips) or name it (image, the path given on the command line).
/// </summary>
internal sealed record GoldenRow(string Case, ulong Instructions, ulong Cycles, string Digest)
{
    public string Line => $"{Case}\t{Instructions.ToString(CultureInfo.InvariantCulture)}\t{Cycles.ToString(CultureInfo.InvariantCulture)}\t{Digest}";

    public override string ToString() => $"{Instructions:N0} instructions, {Cycles:N0} cycles, digest {Digest[..16]}";
}

/// <summary>
/// The committed report digests (tests/Host.Tests/Golden/*.tsv) and how a run's report is reduced
/// to one. A change that is meant to change a report (the timing model, a guest) regenerates them:
/// <c>EMULATOR_UPDATE_GOLDEN=1 dotnet test tests/Host.Tests -c Release --no-build --filter FullyQualifiedName~Golden</c>
/// rewrites the files instead of comparing, and the diff shows which runs moved.
/// </summary>
internal static class GoldenReports
{
    /// <summary>Fields of a report that measure or name the host, not the simulation.</summary>
    private static readonly string[] HostFields = ["wall_seconds", "mips", "image"];

    public static bool Updating => Environment.GetEnvironmentVariable("EMULATOR_UPDATE_GOLDEN") == "1";

    public static string SourceDirectory => Path.Combine(EmulatorProcess.RepositoryRoot, "tests", "Host.Tests", "Golden");

    /// <summary>The row for a run report: the report minus <see cref="HostFields"/>, serialized compactly, hashed.</summary>
    public static GoldenRow Row(string name, JsonElement report)
    {
        JsonObject node = JsonNode.Parse(report.GetRawText())!.AsObject();
        foreach (string field in HostFields)
            node.Remove(field);
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(node.ToJsonString()));
        return new GoldenRow(name, report.GetProperty("instructions").GetUInt64(), report.GetProperty("cycles").GetUInt64(),
            Convert.ToHexStringLower(hash));
    }

    /// <summary>
    /// Compares the rows with the committed file FILE (or, when <see cref="Updating"/>, writes them
    /// there): every case in both, with equal digests; the message lists every difference.
    /// </summary>
    public static void Check(string file, IReadOnlyList<GoldenRow> rows)
    {
        string path = Path.Combine(SourceDirectory, file);
        if (Updating)
        {
            var text = new StringBuilder("# case\tinstructions\tcycles\tsha256 of the report without wall_seconds, mips and image (tests/Host.Tests/Golden/README.md)\n");
            foreach (GoldenRow r in rows.OrderBy(r => r.Case, StringComparer.Ordinal))
                text.Append(r.Line).Append('\n');
            File.WriteAllText(path, text.ToString());
            return;
        }
        Assert.True(File.Exists(path), $"{path} is missing: generate it with EMULATOR_UPDATE_GOLDEN=1 (tests/Host.Tests/Golden/README.md)");
        var committed = new Dictionary<string, GoldenRow>(StringComparer.Ordinal);
        foreach (string line in File.ReadAllLines(path))
        {
            if (line.Length == 0 || line[0] == '#')
                continue;
            string[] f = line.Split('\t');
            Assert.True(f.Length == 4, $"{file}: malformed line \"{line}\"");
            committed[f[0]] = new GoldenRow(f[0], ulong.Parse(f[1], CultureInfo.InvariantCulture), ulong.Parse(f[2], CultureInfo.InvariantCulture), f[3]);
        }
        var differences = new List<string>();
        foreach (GoldenRow r in rows)
        {
            if (!committed.Remove(r.Case, out GoldenRow? was))
                differences.Add($"{r.Case}: no committed digest (now {r})");
            else if (was.Digest != r.Digest)
                differences.Add($"{r.Case}: was {was}, now {r}");
        }
        foreach (string gone in committed.Keys)
            differences.Add($"{gone}: committed but no longer run");
        Assert.True(differences.Count == 0,
            $"reports differ from {file} (if the change is meant to change them, regenerate with EMULATOR_UPDATE_GOLDEN=1, see tests/Host.Tests/Golden/README.md):\n"
            + string.Join('\n', differences));
    }
}
