using Emulator.Devices.Vga;
using Emulator.Host.Hypervisor.Policies;
using Emulator.Mmu.Attributes;
using Emulator.Mmu.Caches;
using Emulator.Mmu.Caches.Provenance;
using Emulator.Mmu.Physical;

namespace Emulator.Host.Vmm;

/// <summary>
/// The VMM's mapping of VRAM: how QEMU's display code and its DISPI memset touch the slot. With
/// the cache model, accesses are the host agent's, with the attributes of the VMM's mapping that
/// the policy chooses (cacheable by default, Non-cacheable for host-nc), and the policy's hook runs
/// before each read (host-cmo's clean+invalidate). Without the cache model it is plain memory.
/// It addresses the slot's host backing (<see cref="MemorySlot.Base"/>), which stays put when the
/// guest moves the slot by reprogramming the display's BAR0, as QEMU's mapping of VRAM does.
/// </summary>
public sealed class HostVramView(MemorySlot vram, Ram ram, CacheHierarchy? cache, CoherencyPolicy policy, IHostCacheMaintenance maintenance) : IVramView
{
    /// <summary>The policy the VMM's reads follow (switched by gdb's monitor policy NAME).</summary>
    public CoherencyPolicy Policy { get; set; } = policy;

    /// <summary>Host memory cycles the VMM's VRAM accesses cost (statistics).</summary>
    public ulong Cycles { get; private set; }

    /// <summary>Bytes the VMM read from VRAM for the display.</summary>
    public ulong BytesRead { get; private set; }

    /// <summary>The stale-pixel provenance recorder told what the VMM's accesses are for (null: not recording).</summary>
    public ProvenanceRecorder? Provenance { get; set; }

    public void BeforeRead(ulong offset, ulong length)
    {
        if (cache is not null && Check(offset, length))
        {
            SetAction(HostAction.VmmMaintenance);
            Policy.BeforeVmmRead(maintenance, vram.Base + offset, length);
            SetAction(HostAction.None);
        }
    }

    public void Read(ulong offset, Span<byte> destination)
    {
        if (!Check(offset, (ulong)destination.Length))
        {
            destination.Clear();
            return;
        }
        BytesRead += (ulong)destination.Length;
        ulong pa = vram.Base + offset;
        if (cache is null)
            ram.Read(pa, destination);
        else if (Policy.VmmVramAttributes.IsCacheable)
            Cycles += (ulong)cache.HostRead(pa, destination);
        else
        {
            Cycles += (ulong)cache.ReadBytes(cache.HostAgent, pa, destination, Policy.VmmVramAttributes); // one memory latency per line
            cache.RecordUncachedHostRead(pa, destination);
        }
    }

    public void Write(ulong offset, ReadOnlySpan<byte> source)
    {
        if (!Check(offset, (ulong)source.Length))
            return;
        ulong pa = vram.Base + offset;
        SetAction(HostAction.VmmWrite);
        if (cache is null)
            ram.Write(pa, source);
        else if (Policy.VmmVramAttributes.IsCacheable)
            Cycles += (ulong)cache.HostWrite(pa, source);
        else
            Cycles += (ulong)cache.WriteBytes(cache.HostAgent, pa, source, Policy.VmmVramAttributes);
        SetAction(HostAction.None);
    }

    private void SetAction(HostAction action)
    {
        if (Provenance is { } p)
            p.Action = action;
    }

    private bool Check(ulong offset, ulong length) => offset <= vram.Size && length <= vram.Size - offset;
}
