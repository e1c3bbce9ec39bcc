using System.Text.Json;
using Emulator.Host.Scenarios;

namespace Emulator.Host.Tests.Scenarios;

/// <summary>Dotted paths into a run report: names that contain dots, and array elements by index.</summary>
public sealed class ReportPathTests
{
    private static readonly JsonElement Report = JsonDocument.Parse("""
        {
          "cache": { "host.l1d": { "misses": 7 } },
          "cpus": { "count": 2, "per_cpu": [ { "index": 0, "instructions": 100 }, { "index": 1, "instructions": 42 } ] }
        }
        """).RootElement.Clone();

    [Fact]
    public void A_name_with_dots_is_found_whole() => Assert.Equal(7, ReportPath.Number(Report, "cache.host.l1d.misses"));

    [Theory]
    [InlineData("cpus.per_cpu.0.instructions", 100.0)]
    [InlineData("cpus.per_cpu.1.instructions", 42.0)]
    [InlineData("cpus.per_cpu.1.index", 1.0)]
    public void A_decimal_segment_selects_an_array_element(string path, double expected) =>
        Assert.Equal(expected, ReportPath.Number(Report, path));

    [Theory]
    [InlineData("cpus.per_cpu.2.instructions")]
    [InlineData("cpus.per_cpu.-1.instructions")]
    [InlineData("cpus.per_cpu.x.instructions")]
    [InlineData("cpus.per_cpu.instructions")]
    [InlineData("cpus.count.0")]
    public void Out_of_range_or_non_numeric_indexes_find_nothing(string path) => Assert.Null(ReportPath.Find(Report, path));
}
