using System.Numerics;
using Emulator.Mmu.Physical;

namespace Emulator.Host.Hypervisor;

/// <summary>
/// The dirty bitmap of one memory slot with KVM_MEM_LOG_DIRTY_PAGES (one bit per 4 KB page).
/// The hypervisor sets a bit when it makes a write-protected page writable on the guest's first
/// write to it; the VMM collects and clears the bitmap (KVM_GET_DIRTY_LOG + KVM_CLEAR_DIRTY_LOG),
/// which write-protects the collected pages again so that the next write is seen too.
/// Bits are per page of the slot, not per guest address: when the slot moves they follow it.
/// </summary>
public sealed class DirtyLog
{
    private readonly ulong[] _bits;
    private readonly Action<ulong> _writeProtect;

    /// <param name="slot">The logged memory slot.</param>
    /// <param name="writeProtect">Write-protects one page (by guest physical address, where the slot is now) at stage 2.</param>
    public DirtyLog(MemorySlot slot, Action<ulong> writeProtect)
    {
        Slot = slot;
        Pages = slot.Size >> Stage2PageTables.PageShift;
        _bits = new ulong[(Pages + 63) / 64];
        _writeProtect = writeProtect;
    }

    public MemorySlot Slot { get; }

    public ulong Pages { get; }

    /// <summary>Pages handed to the VMM by all collections so far (the report's stage2.dirty_pages).</summary>
    public ulong CollectedPages { get; private set; }

    /// <summary>Collections so far.</summary>
    public ulong Rounds { get; private set; }

    /// <summary>Records a write to the page holding host address <paramref name="pa"/> (in the slot's backing).</summary>
    public void MarkDirty(ulong pa)
    {
        ulong page = (pa - Slot.Base) >> Stage2PageTables.PageShift;
        _bits[page >> 6] |= 1UL << (int)(page & 63);
    }

    /// <summary>Whether page <paramref name="page"/> (index in the slot) was written since the last collection.</summary>
    public bool IsPending(ulong page) => page < Pages && (_bits[page >> 6] & (1UL << (int)(page & 63))) != 0;

    /// <summary>
    /// KVM_GET_DIRTY_LOG then KVM_CLEAR_DIRTY_LOG: copies the bitmap into <paramref name="bitmap"/>
    /// (bit i = page i), clears it and write-protects the pages that were dirty. Returns their number.
    /// </summary>
    public int CollectAndClear(Span<ulong> bitmap)
    {
        bitmap.Clear();
        int count = 0;
        ulong? guestBase = Slot.GuestBase; // unmapped: nothing at stage 2 to write-protect
        for (int w = 0; w < _bits.Length; w++)
        {
            ulong word = _bits[w];
            if (word == 0)
                continue;
            if (w < bitmap.Length)
                bitmap[w] = word;
            _bits[w] = 0;
            count += BitOperations.PopCount(word);
            while (word != 0 && guestBase is ulong g)
            {
                int bit = BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                _writeProtect(g + ((ulong)(w * 64 + bit) << Stage2PageTables.PageShift));
            }
        }
        CollectedPages += (ulong)count;
        Rounds++;
        return count;
    }
}
