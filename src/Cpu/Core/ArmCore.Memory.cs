using System.Runtime.CompilerServices;
using Emulator.Mmu.Attributes;
using Emulator.Mmu.Physical;
using Emulator.Mmu.Translation;

namespace Emulator.Cpu.Core;

/// <summary>
/// Data and instruction address translation and the data access path. Every access first tries
/// the software TLB of the current EL (one compare of page address and misalignment against the
/// entry's tag); anything else — a miss, an unaligned access, a page crossing, MMIO, a page class
/// the cache model wants to see — takes the slow path: SCTLR_EL1.A alignment check
/// (AArch64.CheckAlignment), stage-1 translation (AArch64.S1Translate, stage 1 off or on), the
/// access by physical address, and the software TLB fill.
/// </summary>
public sealed partial class ArmCore
{
    /// <summary>Translates an instruction fetch; on failure the Instruction Abort has been taken.</summary>
    internal bool TranslateFetch(ulong va, out ulong pa) => TranslateFetch(va, out pa, out _);

    /// <summary>Translates an instruction fetch and returns its memory attributes.</summary>
    internal bool TranslateFetch(ulong va, out ulong pa, out MemoryAttributes attributes)
    {
        TranslationResult r = Translate(va, new TranslationAccess(AccessType.Fetch, CurrentEl == 0));
        pa = r.Pa;
        attributes = r.Attributes;
        if (!r.IsFault)
            return true;
        if (r.Fault.Stage2)
        {
            Stage2Abort(r.Fault, va, write: false, fetch: true, maintenance: false);
            return false;
        }
        uint ec = CurrentEl == 0 ? ExceptionClass.InstructionAbortLowerEl : ExceptionClass.InstructionAbortSameEl;
        TakeSynchronousException(ec << 26 | 1u << 25 | r.Fault.StatusCode, va, va, true);
        return false;
    }

    /// <summary>
    /// Translates as a data read would, without faulting or filling any TLB (host-side reads).
    /// Stage 1, then, under stage 2, the IPA to the host address of the memory slot the guest sees
    /// there (the VMM's memslot lookup, as QEMU reads guest memory by guest physical address, not
    /// through the stage-2 tables, which map pages only on demand).
    /// </summary>
    private bool TranslateForDebug(ulong va, out ulong pa)
    {
        pa = va;
        TranslationRegisters regs = TranslationRegime;
        var access = new TranslationAccess(AccessType.Read, CurrentEl == 0);
        if (!regs.MmuEnabled)
            return !Stage1Translation.TranslateS1Off(regs, va, access).IsFault && (!Stage2Enabled || _bus.TryGuestToHost(va, 1, out pa));
        if (!Stage1Walk.IsVaInRange(regs, va, out _))
            return false;
        var reader = new RamDescriptorReader(this, sideEffectFree: true);
        if (!_tlb.TryLookup(va, regs.Asid, out S1Mapping m) && !Stage1Walk.Walk(regs, va, ref reader, out m, out _))
            return false;
        if (!m.Permits(access, regs.WriteExecuteNever))
            return false;
        pa = m.OaBase | (va & (m.Size - 1));
        return !Stage2Enabled || _bus.TryGuestToHost(pa, 1, out pa);
    }

    /// <summary>Translates a data access; on failure the fault has been taken.</summary>
    internal bool TranslateData(ulong va, int size, bool write, out ulong pa) =>
        TranslateData(va, size, write, out pa, out _);

    /// <summary>
    /// Translates a data access of <paramref name="size"/> bytes and returns its memory attributes;
    /// on failure the Data Abort has been taken. Checks SCTLR_EL1.A alignment first, then the
    /// translation with its Device-memory alignment and permission checks. Uses the EL0
    /// permissions at EL0 and during LDTR/STTR.
    /// </summary>
    internal bool TranslateData(ulong va, int size, bool write, out ulong pa, out MemoryAttributes attributes)
    {
        if (!TranslateDataUncounted(va, size, write, out pa, out attributes))
            return false;
        DataAccesses++; // MEM_ACCESS (ArmCore.PmuEventSources.cs)
        return true;
    }

    /// <summary>
    /// <see cref="TranslateData(ulong, int, bool, out ulong, out MemoryAttributes)"/> without counting a
    /// memory access: for checks of an access that is then made by narrower ones (a 16-byte access).
    /// </summary>
    internal bool TranslateDataUncounted(ulong va, int size, bool write, out ulong pa, out MemoryAttributes attributes)
    {
        bool aligned = (va & (ulong)(size - 1)) == 0;
        if (!aligned && (Sys.SCTLR_EL1 & 2) != 0)
        {
            pa = 0;
            attributes = default;
            DataAbort(va, write, FaultStatus.Alignment);
            return false;
        }
        bool translated = TranslateDataAligned(va, aligned, write, out pa, out attributes);
        if (_hostWatchpoints is not null && translated)
            CheckHostWatchpoints(va, size, write); // the host debugger's (ArmCore.HostDebug.cs)
        return translated && (!_watchpointsActive || !CheckWatchpoint(va, size, write));
    }

    private bool TranslateDataAligned(ulong va, bool aligned, bool write, out ulong pa, out MemoryAttributes attributes)
    {
        var access = new TranslationAccess(write ? AccessType.Write : AccessType.Read, CurrentEl == 0 || _unprivilegedAccess, aligned);
        TranslationResult r = Translate(va, access);
        pa = r.Pa;
        attributes = r.Attributes;
        if (!r.IsFault)
            return true;
        if (r.Fault.Stage2)
            Stage2Abort(r.Fault, va, write, fetch: false, maintenance: false);
        else
            DataAbort(va, write, r.Fault.StatusCode);
        return false;
    }

    /// <summary>Reads 1, 2, 4 or 8 bytes at a virtual address. False when the access faulted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool Read(ulong va, int size, out ulong value) =>
        TryReadFast(va, size, out value) || ReadSlow(va, size, out value);

    /// <summary>
    /// The software TLB's fast path of <see cref="Read"/> alone: false, with nothing done and
    /// nothing counted, when the access needs the slow path (translated blocks try this first).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryReadFast(ulong va, int size, out ulong value)
    {
        ref SoftTlbEntry e = ref _softRead[(int)(va >> 12) & (SoftTlbEntries - 1)];
        if (e.Tag == (va & (~0xFFFUL | (ulong)(size - 1))))
        {
            ref byte p = ref e.Chunk![e.Offset + (int)(va & 0xFFF)];
            value = size switch
            {
                1 => p,
                2 => Unsafe.ReadUnaligned<ushort>(ref p),
                4 => Unsafe.ReadUnaligned<uint>(ref p),
                _ => Unsafe.ReadUnaligned<ulong>(ref p),
            };
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>Writes 1, 2, 4 or 8 bytes at a virtual address. False when the access faulted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool Write(ulong va, int size, ulong value) =>
        TryWriteFast(va, size, value) || WriteSlow(va, size, value);

    /// <summary>The software TLB's fast path of <see cref="Write"/> alone: false, with nothing done, when the access needs the slow path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryWriteFast(ulong va, int size, ulong value)
    {
        ref SoftTlbEntry e = ref _softWrite[(int)(va >> 12) & (SoftTlbEntries - 1)];
        if (e.Tag == (va & (~0xFFFUL | (ulong)(size - 1))))
        {
            ref byte p = ref e.Chunk![e.Offset + (int)(va & 0xFFF)];
            switch (size)
            {
                case 1: p = (byte)value; break;
                case 2: Unsafe.WriteUnaligned(ref p, (ushort)value); break;
                case 4: Unsafe.WriteUnaligned(ref p, (uint)value); break;
                default: Unsafe.WriteUnaligned(ref p, value); break;
            }
            return true;
        }
        return false;
    }

    /// <summary>Whether <see cref="TryWriteFast"/> would do this write (so that a pair of writes can be tried as one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool CanWriteFast(ulong va, int size) =>
        _softWrite[(int)(va >> 12) & (SoftTlbEntries - 1)].Tag == (va & (~0xFFFUL | (ulong)(size - 1)));

    /// <summary>Data accesses that missed the software TLB and took the slow path (statistics, tests).</summary>
    public ulong SlowDataAccesses { get; private set; }

    /// <summary>
    /// A read the software TLB's fast path could not do. With the cache model the common case, an
    /// L1D hit on a page the TLB holds, is done here in a small method; everything else goes on to
    /// <see cref="ReadSlowPath"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadSlow(ulong va, int size, out ulong value)
    {
        SlowDataAccesses++;
        if (_cache is { } cache)
        {
            ref SoftTlbEntry e = ref _softRead[(int)(va >> 12) & (SoftTlbEntries - 1)];
            if (CoversAligned(e, va, size)
                && cache.TryReadHit(_cacheAgent, e.PagePa | (va & 0xFFF), size, e.Attributes, out value, out int latency))
            {
                _memoryCycles += (uint)latency;
                return true;
            }
        }
        return ReadSlowPath(va, size, out value);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private bool ReadSlowPath(ulong va, int size, out ulong value)
    {
        value = 0;
        if (_cache is not null && TryCachedRead(va, size, out value))
            return true;
        if ((va & 0xFFF) + (ulong)size > 0x1000)
            return ReadCrossingPages(va, size, out value);
        if (!TranslateData(va, size, false, out ulong pa, out MemoryAttributes attributes))
            return false;
        if (_ram.Contains(pa, (ulong)size))
        {
            value = _cache is null ? ReadRamFast(pa, size) : ReadRam(pa, size, attributes);
            FillSoftTlb(_softRead, va, pa, attributes, write: false);
            return true;
        }
        if (_bus.TryRead(pa, size, out value))
        {
            DeviceAccesses++; // BUS_ACCESS
            _memoryCycles += _deviceAccessCycles;
            return true;
        }
        DataAbort(va, false, FaultStatus.SynchronousExternalAbort);
        return false;
    }

    /// <summary>A write the software TLB's fast path could not do: as <see cref="ReadSlow"/> (an L1D hit on a dirty line here).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool WriteSlow(ulong va, int size, ulong value)
    {
        SlowDataAccesses++;
        if (_cache is { } cache)
        {
            ref SoftTlbEntry e = ref _softWrite[(int)(va >> 12) & (SoftTlbEntries - 1)];
            if (CoversAligned(e, va, size)
                && cache.TryWriteHit(_cacheAgent, e.PagePa | (va & 0xFFF), size, value, e.Attributes, out int latency))
            {
                _memoryCycles += (uint)latency;
                return true;
            }
        }
        return WriteSlowPath(va, size, value);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private bool WriteSlowPath(ulong va, int size, ulong value)
    {
        if (_cache is not null && TryCachedWrite(va, size, value))
            return true;
        if ((va & 0xFFF) + (ulong)size > 0x1000)
            return WriteCrossingPages(va, size, value);
        if (!TranslateData(va, size, true, out ulong pa, out MemoryAttributes attributes))
            return false;
        if (_ram.Contains(pa, (ulong)size))
        {
            if (_cache is null)
                WriteRamFast(pa, size, value);
            else
                WriteRam(pa, size, value, attributes);
            FillSoftTlb(_softWrite, va, pa, attributes, write: true);
            return true;
        }
        if (_bus.TryWrite(pa, size, size == 8 ? value : value & ((1UL << (8 * size)) - 1)))
        {
            DeviceAccesses++; // BUS_ACCESS
            _memoryCycles += _deviceAccessCycles;
            return true;
        }
        DataAbort(va, true, FaultStatus.SynchronousExternalAbort);
        return false;
    }

    /// <summary>
    /// An unaligned access that crosses a 4 KB boundary: both pages are translated (and checked)
    /// before any byte is accessed, then the bytes go one by one by physical address.
    /// </summary>
    private bool ReadCrossingPages(ulong va, int size, out ulong value)
    {
        value = 0;
        if (!TranslatePagePair(va, size, false, out ulong pa1, out ulong pa2, out int first, out MemoryAttributes a1, out MemoryAttributes a2))
            return false;
        for (int i = 0; i < size; i++)
        {
            ulong pa = i < first ? pa1 + (ulong)i : pa2 + (ulong)(i - first);
            ulong b;
            if (_cache is not null && _ram.Contains(pa, 1))
                b = ReadRam(pa, 1, i < first ? a1 : a2);
            else if (_bus.TryRead(pa, 1, out b))
                DeviceAccesses += _ram.Contains(pa, 1) ? 0UL : 1UL; // BUS_ACCESS: a Device byte is one transaction (RAM without the cache model is no bus)
            else
            {
                DataAbort(va, false, FaultStatus.SynchronousExternalAbort);
                return false;
            }
            value |= b << (8 * i);
        }
        return true;
    }

    private bool WriteCrossingPages(ulong va, int size, ulong value)
    {
        if (!TranslatePagePair(va, size, true, out ulong pa1, out ulong pa2, out int first, out MemoryAttributes a1, out MemoryAttributes a2))
            return false;
        for (int i = 0; i < size; i++)
        {
            ulong pa = i < first ? pa1 + (ulong)i : pa2 + (ulong)(i - first);
            if (_cache is not null && _ram.Contains(pa, 1))
                WriteRam(pa, 1, (value >> (8 * i)) & 0xFF, i < first ? a1 : a2);
            else if (_bus.TryWrite(pa, 1, (value >> (8 * i)) & 0xFF))
                DeviceAccesses += _ram.Contains(pa, 1) ? 0UL : 1UL; // BUS_ACCESS: a Device byte is one transaction (RAM without the cache model is no bus)
            else
            {
                DataAbort(va, true, FaultStatus.SynchronousExternalAbort);
                return false;
            }
        }
        return true;
    }

    private bool TranslatePagePair(ulong va, int size, bool write, out ulong pa1, out ulong pa2, out int first,
        out MemoryAttributes attributes1, out MemoryAttributes attributes2)
    {
        pa2 = 0;
        attributes2 = default;
        first = (int)(0x1000 - (va & 0xFFF));
        if ((Sys.SCTLR_EL1 & 2) != 0)
        {
            pa1 = 0;
            attributes1 = default;
            DataAbort(va, write, FaultStatus.Alignment); // a crossing access is never aligned
            return false;
        }
        bool translated = TranslateDataAligned(va, false, write, out pa1, out attributes1)
            && TranslateDataAligned(va + (ulong)first, false, write, out pa2, out attributes2);
        if (_hostWatchpoints is not null && translated)
            CheckHostWatchpoints(va, size, write); // the host debugger's (ArmCore.HostDebug.cs)
        if (!translated || (_watchpointsActive && CheckWatchpoint(va, size, write)))
            return false;
        DataAccesses++; // MEM_ACCESS: one access, though split over two pages
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong ReadRamFast(ulong pa, int size)
    {
        ulong offset = pa - _ram.BaseAddress;
        int inChunk = (int)(offset & (Ram.ChunkSize - 1));
        if (inChunk + size > Ram.ChunkSize)
            return _bus.ReadRam(pa, size);
        byte[]? chunk = _ram.ChunkForRead(offset);
        if (chunk is null)
            return 0;
        ref byte p = ref chunk[inChunk];
        return size switch
        {
            1 => p,
            2 => Unsafe.ReadUnaligned<ushort>(ref p),
            4 => Unsafe.ReadUnaligned<uint>(ref p),
            _ => Unsafe.ReadUnaligned<ulong>(ref p),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteRamFast(ulong pa, int size, ulong value)
    {
        ulong offset = pa - _ram.BaseAddress;
        int inChunk = (int)(offset & (Ram.ChunkSize - 1));
        if (inChunk + size > Ram.ChunkSize)
        {
            _bus.WriteRam(pa, size, value);
            return;
        }
        ref byte p = ref _ram.ChunkForWrite(offset)[inChunk];
        switch (size)
        {
            case 1: p = (byte)value; break;
            case 2: Unsafe.WriteUnaligned(ref p, (ushort)value); break;
            case 4: Unsafe.WriteUnaligned(ref p, (uint)value); break;
            default: Unsafe.WriteUnaligned(ref p, value); break;
        }
    }

    /// <summary>
    /// Takes a Data Abort for the current instruction (AArch64.DataAbort). ISV is left 0: the
    /// instruction-specific syndrome is added with the hypervisor's MMIO emulation.
    /// </summary>
    private void DataAbort(ulong va, bool write, uint dfsc)
    {
        uint ec = CurrentEl == 0 ? ExceptionClass.DataAbortLowerEl : ExceptionClass.DataAbortSameEl;
        uint esr = ec << 26 | 1u << 25 | (write ? 1u << 6 : 0) | dfsc;
        TakeSynchronousException(esr, Pc, va, true);
    }

    /// <summary>
    /// CheckSPAlignment: with SCTLR_EL1.SA (EL1) or SA0 (EL0) set, a load or store whose base is
    /// a misaligned SP takes an SP alignment fault.
    /// </summary>
    internal bool CheckSpAlignment()
    {
        if (SpAlignmentHolds)
            return true;
        TakeSynchronousException(ExceptionClass.SpAlignment << 26 | 1u << 25, Pc, 0, false);
        return false;
    }

    /// <summary>Whether an access based on SP passes the SP alignment check (SCTLR_EL1.SA0 at EL0, SA above, or SP 16-byte aligned).</summary>
    internal bool SpAlignmentHolds
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (Sys.SCTLR_EL1 & (CurrentEl == 0 ? 1UL << 4 : 1UL << 3)) == 0 || (Sp & 0xF) == 0;
    }

    /// <summary>
    /// Reads guest memory at a virtual address on behalf of the host (semihosting, debugging),
    /// translated as the guest's current regime would, without side effects or faults.
    /// False if any byte is not backed by RAM.
    /// </summary>
    public bool ReadGuestMemory(ulong va, Span<byte> destination)
    {
        for (int done = 0; done < destination.Length;)
        {
            ulong address = va + (ulong)done;
            int n = (int)Math.Min((ulong)(destination.Length - done), 0x1000 - (address & 0xFFF));
            if (!TranslateForDebug(address, out ulong pa) || !_ram.Contains(pa, (ulong)n))
                return false;
            ReadNewest(pa, destination.Slice(done, n));
            done += n;
        }
        return true;
    }
}
