using Emulator.Cpu.Core;
using Emulator.Mmu.Physical;

namespace Emulator.Host.Hypervisor;

/// <summary>
/// ROM devices (QEMU's memory_region_init_rom_device, a CFI flash bank): a memory slot that KVM
/// maps read-only (KVM_MEM_READONLY) while the device is in ROM mode ("romd"), so reads and
/// instruction fetches go straight to memory and every write exits to the VMM as MMIO; when the
/// device leaves ROM mode (a flash command), the VMM deletes the slot and every access exits as
/// MMIO to the device, until it returns to ROM mode and the slot is mapped again, page by page on
/// demand. An instruction fetch from the slot while it is not mapped gets an external abort, as
/// from any MMIO address (kvm_handle_guest_abort injects a prefetch abort).
/// </summary>
public sealed partial class KvmHypervisor
{
    private readonly List<(MemorySlot Slot, IMmioDevice Device, Func<bool> Romd)> _romDevices = [];

    /// <summary>
    /// Registers <paramref name="slot"/> (already a memory slot of the bus's RAM) as the ROM view
    /// of <paramref name="device"/>; <paramref name="romd"/> tells whether the slot is mapped now.
    /// The device calls <see cref="RomdChanged"/> when that changes.
    /// </summary>
    public void AddRomDevice(MemorySlot slot, IMmioDevice device, Func<bool> romd) => _romDevices.Add((slot, device, romd));

    /// <summary>
    /// The ROM device behind <paramref name="slot"/> left (<paramref name="romd"/> false) or
    /// re-entered ROM mode. Leaving: the slot's stage-2 entries are removed (the memslot deleted)
    /// and the TLBs invalidated. Entering: nothing yet; pages map again as they fault.
    /// </summary>
    public void RomdChanged(MemorySlot slot, bool romd)
    {
        Log.Verbose("ROM device {Slot}: {Mode}", slot.Name, romd ? "ROM mode, mapped read-only on demand" : "I/O mode, unmapped");
        if (romd)
            return;
        List<ulong> pages = [];
        foreach (ulong pa in _mapped.Keys)
        {
            if (slot.Contains(pa, 1))
                pages.Add(pa);
        }
        foreach (ulong pa in pages)
        {
            Tables.Unmap(pa);
            _mapped.Remove(pa);
        }
        _cluster.InvalidateStage2All();
    }

    private bool IsRomDevice(MemorySlot slot)
    {
        foreach (var rom in _romDevices)
        {
            if (ReferenceEquals(rom.Slot, slot))
                return true;
        }
        return false;
    }

    /// <summary>
    /// A stage-2 abort in a ROM device's slot, when it is not an ordinary fault-in of a readable
    /// page: a write (always MMIO), or any access while the device is in I/O mode. Null: handle it
    /// as for any memory slot.
    /// </summary>
    private HypervisorOutcome? RomDeviceAccess(ArmCore core, in Stage2Abort abort, MemorySlot slot)
    {
        foreach (var rom in _romDevices)
        {
            if (!ReferenceEquals(rom.Slot, slot))
                continue;
            bool romd = rom.Romd();
            if (abort.IsInstructionFetch)
                return romd ? null : HypervisorOutcome.Injected(core.InjectExternalInstructionAbort(abort.Far));
            if (abort.CacheMaintenance)
            {
                if (romd)
                    return null;
                core.CompleteEmulatedInstruction();
                return HypervisorOutcome.Continue;
            }
            if (abort.S1Ptw)
                return romd ? null : HypervisorOutcome.Injected(core.InjectExternalDataAbort(abort.Far, write: false));
            if (romd && !abort.IsWrite)
                return null;
            return EmulateRomDeviceAccess(core, abort, rom.Device, abort.Ipa - slot.GuestBase!.Value);
        }
        return null;
    }

    /// <summary>The MMIO exit to the ROM device, emulated from the syndrome; without one (no ISV) an external abort.</summary>
    private HypervisorOutcome EmulateRomDeviceAccess(ArmCore core, in Stage2Abort abort, IMmioDevice device, ulong offset)
    {
        Statistics.MmioExits++;
        if (!abort.Isv)
            return HypervisorOutcome.Injected(core.InjectExternalDataAbort(abort.Far, abort.IsWrite));
        int size = 1 << abort.AccessSizeLog2;
        if (abort.IsWrite)
        {
            ulong value = abort.Srt == 31 ? 0 : core.X[abort.Srt];
            if (size < 8)
                value &= (1UL << (8 * size)) - 1;
            if (!device.Write(offset, size, value))
                return HypervisorOutcome.Injected(core.InjectExternalDataAbort(abort.Far, write: true));
            Log.Verbose("{Device} write +0x{Offset:x} size {Size} = 0x{Value:x}", device.Name, offset, size, value);
        }
        else
        {
            if (!device.Read(offset, size, out ulong value))
                return HypervisorOutcome.Injected(core.InjectExternalDataAbort(abort.Far, write: false));
            if (abort.SignExtend && size < 8)
            {
                int shift = 64 - 8 * size;
                value = (ulong)((long)(value << shift) >> shift);
            }
            if (!abort.SixtyFourBit)
                value &= 0xFFFF_FFFF;
            if (abort.Srt != 31)
                core.X[abort.Srt] = value;
            Log.Verbose("{Device} read +0x{Offset:x} size {Size} -> 0x{Value:x}", device.Name, offset, size, value);
        }
        core.CompleteEmulatedDeviceAccess();
        return HypervisorOutcome.Continue;
    }
}
