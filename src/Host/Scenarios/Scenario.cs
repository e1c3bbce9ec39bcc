namespace Emulator.Host.Scenarios;

/// <summary>
/// One scenario file, loaded and validated (<see cref="ScenarioLoader"/>): a guest run of
/// `emulator run` and what its report and output must show. Paths are absolute (the file gives
/// them relative to itself). The JSON format is described in README.md, "Scenarios and
/// `emulator check`".
/// </summary>
public sealed record Scenario
{
    /// <summary>Short name printed on the check line (letters, digits, '-', '.', '_').</summary>
    public required string Name { get; init; }

    /// <summary>What upstream discussion the scenario reproduces and why its expectation follows from the architecture.</summary>
    public required string Description { get; init; }

    /// <summary>The scenario file, absolute.</summary>
    public required string FilePath { get; init; }

    /// <summary>The scenario file as the user named it (for messages).</summary>
    public required string DisplayPath { get; init; }

    /// <summary>The guest image, absolute.</summary>
    public required string ImagePath { get; init; }

    /// <summary>The kernel command line (--append), or null.</summary>
    public string? Append { get; init; }

    /// <summary>The initial RAM disk of a Linux kernel (--initrd), absolute, or null.</summary>
    public string? InitrdPath { get; init; }

    /// <summary>The hypervisor coherency policy (--policy).</summary>
    public string Policy { get; init; } = Hypervisor.Policies.CoherencyPolicies.DefaultName;

    /// <summary>The --cache value: a preset, "off", or an absolute path to a cache JSON file; null for the default.</summary>
    public string? Cache { get; init; }

    /// <summary>Further `emulator run` arguments, e.g. ["--host-prefetch", "0.5"].</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>--frames: stop after this many displayed frames.</summary>
    public ulong? Frames { get; init; }

    /// <summary>--max-instructions: stop after this many instructions.</summary>
    public ulong? MaxInstructions { get; init; }

    /// <summary>Wall-clock limit for the child run, in seconds (a safety net, not part of the simulation).</summary>
    public int TimeoutSeconds { get; init; } = DefaultTimeoutSeconds;

    public required ScenarioExpectations Expect { get; init; }

    /// <summary>
    /// The scenario with its guarded behaviour broken on purpose (another policy, bootarg or cache),
    /// under which its expectation must fail; null when the file gives none.
    /// </summary>
    public ScenarioMutation? Mutation { get; init; }

    public const int DefaultTimeoutSeconds = 120;

    /// <summary>The directory paths in the file are relative to (and the child run's working directory).</summary>
    public string Directory => Path.GetDirectoryName(FilePath)!;

    /// <summary>This scenario with <see cref="Mutation"/> applied (same name and expectations), or null when it has none.</summary>
    public Scenario? Mutated() => Mutation is not { } m
        ? null
        : this with
        {
            ImagePath = m.ImagePath ?? ImagePath,
            Append = m.Append ?? Append,
            Policy = m.Policy ?? Policy,
            Cache = m.Cache ?? Cache,
            Options = m.Options ?? Options,
            Mutation = null,
        };
}

/// <summary>Fields of a scenario replaced to break the behaviour it guards; null fields are kept.</summary>
public sealed record ScenarioMutation
{
    public string? ImagePath { get; init; }

    public string? Append { get; init; }

    public string? Policy { get; init; }

    public string? Cache { get; init; }

    public IReadOnlyList<string>? Options { get; init; }

    /// <summary>What the mutation changes, e.g. "policy kvm", for messages.</summary>
    public required string Summary { get; init; }
}
