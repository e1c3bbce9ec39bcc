using Serilog.Events;

namespace Emulator.Host.Cli;

/// <summary>Everything `emulator run` was asked to do, validated.</summary>
public sealed record RunOptions
{
    public required string ImagePath { get; init; }

    public ulong MemoryBytes { get; init; } = DefaultMemoryBytes;

    public string? Bootargs { get; init; }

    public ulong? MaxInstructions { get; init; }

    public ulong? LoadAddress { get; init; }

    public string? ReportPath { get; init; }

    public LogEventLevel LogLevel { get; init; } = LogEventLevel.Warning;

    public IReadOnlyList<string> TraceCategories { get; init; } = [];

    public string? LogFile { get; init; }

    /// <summary>GIC architecture version of the board: 2 (QEMU virt's default) or 3.</summary>
    public int GicVersion { get; init; } = 2;

    /// <summary>The PL031 RTC's time at power-on, in seconds since the Unix epoch.</summary>
    public uint RtcTime { get; init; } = Board.VirtBoard.DefaultRtcStartSeconds;

    /// <summary>The cache hierarchy (--cache): a preset, a JSON file's, or null for off.</summary>
    public Mmu.Caches.CacheHierarchyConfig? Cache { get; init; } = Mmu.Caches.CachePresets.Find(Mmu.Caches.CachePresets.DefaultName);

    /// <summary>--nc-snoop: Non-cacheable and Device accesses snoop the caches.</summary>
    public bool NcSnoop { get; init; }

    /// <summary>QEMU virt's default RAM size (-m 128M).</summary>
    public const ulong DefaultMemoryBytes = 128UL << 20;
}
