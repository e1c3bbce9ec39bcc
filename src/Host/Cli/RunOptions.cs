using Serilog.Events;

namespace Emulator.Host.Cli;

/// <summary>Everything `emulator run` was asked to do, validated.</summary>
public sealed partial record RunOptions
{
    public required string ImagePath { get; init; }

    public ulong MemoryBytes { get; init; } = DefaultMemoryBytes;

    public string? Bootargs { get; init; }

    /// <summary>--dtb: a device tree blob given instead of the generated one.</summary>
    public string? DtbPath { get; init; }

    /// <summary>--initrd: the initial RAM disk of a Linux kernel.</summary>
    public string? InitrdPath { get; init; }

    public ulong? MaxInstructions { get; init; }

    /// <summary>--max-seconds: wall-clock limit of the run (outside the simulation).</summary>
    public double? MaxSeconds { get; init; }

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

    /// <summary>--stats: print the end-of-run figures as tables on standard error.</summary>
    public bool Stats { get; init; }

    /// <summary>--quiet: no end-of-run summary on standard error.</summary>
    public bool Quiet { get; init; }

    /// <summary>--interpret: no block translation.</summary>
    public bool Interpret { get; init; }

    /// <summary>--nc-snoop: Non-cacheable and Device accesses snoop the caches.</summary>
    public bool NcSnoop { get; init; }

    /// <summary>--policy: the hypervisor's coherency policy.</summary>
    public string Policy { get; init; } = Hypervisor.Policies.CoherencyPolicies.DefaultName;

    /// <summary>--vram: size of the VGA device's VRAM slot.</summary>
    public ulong VramBytes { get; init; } = Board.VirtMemoryMap.VgaVramDefaultSize;

    /// <summary>--device: the QEMU display device at PCI 00:01.0 (null: not named, VGA without the bridge in the device tree).</summary>
    public Devices.Vga.DisplayModel? DisplayDevice { get; init; }

    /// <summary>--refresh: display refreshes per simulated second.</summary>
    public double RefreshHz { get; init; } = DefaultRefreshHz;

    /// <summary>--display: auto, window or headless.</summary>
    public string Display { get; init; } = "auto";

    /// <summary>--record: directory for PNG frames (host view, oracle, diff) and frames.csv.</summary>
    public string? RecordDirectory { get; init; }

    /// <summary>--explain: record stale-pixel provenance (also on with --record and with a window; docs/provenance.md).</summary>
    public bool Explain { get; init; }

    /// <summary>--frames: stop after this many displayed frames.</summary>
    public ulong? Frames { get; init; }

    /// <summary>--host-prefetch: probability that a host access prefetches the next line (speculation model).</summary>
    public double HostPrefetch { get; init; }

    /// <summary>--speculative-fills: random VRAM lines pulled into the host's cache per scanout step.</summary>
    public int SpeculativeFills { get; init; }

    /// <summary>--seed: seed of the speculation model's generator.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>--gdb / -s: where the gdb stub listens (null: no stub).</summary>
    public Gdb.GdbEndpoint? Gdb { get; init; }

    /// <summary>-S: the first instruction waits for the debugger's continue.</summary>
    public bool GdbWait { get; init; }

    /// <summary>--smp: number of CPUs.</summary>
    public int Cpus { get; init; } = 1;

    /// <summary>--quantum: instructions per CPU slice with several CPUs.</summary>
    public ulong Quantum { get; init; } = Cpu.Core.Cluster.DefaultQuantum;

    public const double DefaultRefreshHz = 60;

    /// <summary>QEMU virt's default RAM size (-m 128M).</summary>
    public const ulong DefaultMemoryBytes = 128UL << 20;
}
