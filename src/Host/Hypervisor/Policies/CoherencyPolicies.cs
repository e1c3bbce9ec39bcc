namespace Emulator.Host.Hypervisor.Policies;

/// <summary>The policies --policy accepts, by name.</summary>
public static class CoherencyPolicies
{
    public const string DefaultName = "kvm";

    public static IReadOnlyList<CoherencyPolicy> All { get; } =
    [
        new KvmPolicy(),
        new S2FwbPolicy(),
        new PermCleanPolicy(),
        new HostCmoPolicy(),
        new HostNcPolicy(),
        new MairManglePolicy(),
        new NoCleanPolicy(),
    ];

    public static CoherencyPolicy? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    public static string Names => string.Join(", ", All.Select(p => p.Name));
}
