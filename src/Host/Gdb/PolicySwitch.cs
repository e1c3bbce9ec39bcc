using Emulator.Host.Board;
using Emulator.Host.Hypervisor.Policies;

namespace Emulator.Host.Gdb;

/// <summary>Switching the coherency policy of a stopped run (monitor policy NAME).</summary>
public static class PolicySwitch
{
    /// <summary>Switches to <paramref name="policy"/>; null on success, else why not.</summary>
    public static string? Switch(VirtBoard board, CoherencyPolicy policy) =>
        "switching the policy of a running machine is not supported: start the run with --policy " + policy.Name;
}
