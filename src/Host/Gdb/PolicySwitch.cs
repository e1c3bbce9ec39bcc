using Emulator.Host.Board;
using Emulator.Host.Hypervisor.Policies;

namespace Emulator.Host.Gdb;

/// <summary>Switching the coherency policy of a stopped run (monitor policy NAME).</summary>
public static class PolicySwitch
{
    /// <summary>
    /// Switches every part of the board that follows the policy: the hypervisor (stage-2
    /// mappings dropped to fault in again, HCR_EL2), the VMM's VRAM reads, and whether instruction
    /// fetches are coherent (the cache model's setting, as the board sets it at power-on).
    /// </summary>
    public static void Switch(VirtBoard board, CoherencyPolicy policy)
    {
        board.Hypervisor.SwitchPolicy(policy);
        board.VramView.Policy = policy;
        if (board.Cache is { } cache)
            cache.CoherentInstructionFetch = policy.RequiresCoherentInstructionFetch;
    }
}
