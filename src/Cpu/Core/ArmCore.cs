using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Emulator.Cpu.Decoding;
using Emulator.Cpu.System;
using Emulator.Mmu.Caches;
using Emulator.Mmu.Physical;

namespace Emulator.Cpu.Core;

/// <summary>
/// One AArch64 processing element running at EL0/EL1: register file, PSTATE, the interpreter loop
/// and instruction fetch. EL2 and EL3 belong to the host (hypervisor model), which the core leaves
/// through <see cref="CpuExit"/> the way a vCPU leaves KVM_RUN.
/// </summary>
public sealed unsafe partial class ArmCore
{
    /// <summary>X0..X30; X[31] is always zero and reads as XZR. Held inside the core object, so an access is one load at a fixed offset.</summary>
    public GeneralRegisters X;

    /// <summary>Address of the instruction being executed (or to execute next, between runs).</summary>
    public ulong Pc;

    /// <summary>Where execution continues after the current instruction; handlers that branch set it.</summary>
    internal ulong NextPc;

    /// <summary>PSTATE.{N,Z,C,V} in bits [31:28], as in SPSR and the NZCV register.</summary>
    public uint Nzcv;

    /// <summary>PSTATE.{D,A,I,F} in bits [9:6], as in SPSR and the DAIF register. Unmasking a pending interrupt makes the run loop look at it.</summary>
    public uint Daif
    {
        get => _daif;
        set
        {
            _daif = value;
            if (_interruptRequest != 0)
                CheckInterruptsAtNextBoundary();
        }
    }

    private uint _daif = Spsr.DaifMask;

    /// <summary>PSTATE.EL: 0 or 1.</summary>
    public int CurrentEl { get; private set; } = 1;

    /// <summary>PSTATE.SP: true selects SP_ELx, false SP_EL0.</summary>
    public bool SpSel { get; private set; } = true;

    /// <summary>PSTATE.IL: set by an illegal exception return. While set, fetches leave the fast path, where it is checked.</summary>
    public bool IllegalState
    {
        get => _illegalState;
        set
        {
            _illegalState = value;
            if (value)
                InvalidateFetch();
        }
    }

    private bool _illegalState;

    /// <summary>The stack pointer selected by PSTATE.EL and PSTATE.SP.</summary>
    public ulong Sp;

    private ulong _spEl0;
    private ulong _spEl1;

    private readonly PhysicalAddressSpace _bus;
    private readonly Ram _ram;
    private CpuExit _exit;
    private bool _stop;

    // Decoded instructions by address, checked against the fetched word (exact under self-modifying code).
    private readonly DecodeCache _decodeCache = new(A64Decoder.Instance);

    // Instruction fetch fast path: the RAM chunk behind the current 4 KiB page of PCs (cache model
    // off), or the L1I line holding the current PCs (on). _fetchTagMask keeps the page or line
    // number and PC[1:0]; the fast path is valid while _fetchChanges (the L1I's change counter, a
    // constant one without the cache model) still reads _fetchChangesSeen.
    private ulong _fetchPage = ulong.MaxValue;
    private ulong _fetchTagMask = ~0xFFCUL;
    private byte[]? _fetchChunk;
    private int _fetchChunkOffset;
    private int _fetchSet; // the L1I set of the fast path's line (cache model on)
    // The previous fast-path page or line, so that a loop or call spanning two of them stays on the
    // fast path (for lines: in another L1I set, so both are their sets' most recently used).
    private ulong _fetchPage2 = ulong.MaxValue;
    private byte[]? _fetchChunk2;
    private int _fetchChunkOffset2;
    private int _fetchSet2;
    // With the cache model, two more L1I lines (in L1I sets of their own, each its set's most
    // recently used) that translated blocks may continue in: the lines the second entry held before
    // (only RunBlocks looks at them; they share the L1I storage array of the first entry).
    private ulong _fetchPage3 = ulong.MaxValue;
    private int _fetchChunkOffset3;
    private int _fetchSet3;
    private ulong _fetchPage4 = ulong.MaxValue;
    private int _fetchChunkOffset4;
    private int _fetchSet4;
    private ChangeCounter _fetchChanges = ChangeCounter.Never;
    private int _fetchChangesSeen;
    // L1I hits the cache model did not see (the fetch fast path and the per-set memo), added to its
    // statistics when Run returns: loop fetches (Instructions counted in this Run, less those
    // uncounted) minus slow-path fetches, plus the memo's hits.
    private ulong _runStartInstructions;
    private ulong _uncountedInRun;
    private ulong _slowFetches;
    private ulong _memoFetchHits;

    // Guest-fault detection: where and when the last exception entry happened.
    private ulong _lastVector = ulong.MaxValue;
    private ulong _lastExceptionAt = ulong.MaxValue;

    public ArmCore(PhysicalAddressSpace bus, CpuConfiguration configuration)
    {
        _bus = bus;
        _ram = bus.Ram;
        Configuration = configuration;
        Sys = new SystemRegisters(configuration);
        _blockTranslation = configuration.BlockTranslation;
        _hotBlockEntries = (uint)Math.Max(1, configuration.HotBlockEntries);
        ConfigureTiming(_cacheIdConfig.Core);
        InitializeInterrupts();
        ResetTranslation();
        UpdateFpEnabled();
    }

    public CpuConfiguration Configuration { get; }

    public SystemRegisters Sys { get; }

    /// <summary>Instructions executed so far, including those that took a synchronous exception.</summary>
    public ulong Instructions
    {
        get => _instructions;
        private set => _instructions = value;
    }

    private ulong _instructions; // a field, so that translated blocks can add to it

    // The PC that follows the last instruction the run loop interpreted (not a block head), kept
    // from one Run to the next; ulong.MaxValue after a block or a branch.
    private ulong _sequentialPc = ulong.MaxValue;

    /// <summary>
    /// Simulated cycles: the timing model's busy cycles (each instruction's class cost, branch
    /// mispredicts, exception entries), plus the time slept in WFI/WFE, plus the cache model's
    /// memory cycles.
    /// </summary>
    public ulong Cycles => _busyCycles + _idleCycles + _memoryCycles;

    /// <summary>Set when Run returned <see cref="CpuExit.GuestFault"/>.</summary>
    public GuestFaultRecord? LastGuestFault { get; private set; }

    /// <summary>Set when Run returned <see cref="CpuExit.Unsupported"/>.</summary>
    public string? UnsupportedReason { get; private set; }

    /// <summary>The immediate of the HVC, SMC or HLT that caused the last exit.</summary>
    public ushort ExitImmediate { get; internal set; }

    /// <summary>Puts the core in its reset state at EL1h with the MMU off, PC at <paramref name="entry"/>.</summary>
    public void Reset(ulong entry)
    {
        ((Span<ulong>)X).Clear();
        Pc = entry;
        Nzcv = 0;
        Daif = Spsr.DaifMask;
        CurrentEl = 1;
        SpSel = true;
        IllegalState = false;
        Sp = _spEl0 = _spEl1 = 0;
        Sys.Reset();
        ResetDebugRegisters();
        ResetInterrupts();
        ResetTranslation();
        ((Span<global::System.Runtime.Intrinsics.Vector128<ulong>>)V).Clear();
        Fpcr = Fpsr = 0;
        UpdateFpEnabled();
        InvalidateFetch();
    }

    /// <summary>
    /// Executes up to <paramref name="budget"/> instructions and returns why it stopped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CpuExit Run(ulong budget)
    {
        _exit = CpuExit.BudgetExhausted;
        _stop = false;
        _runEnd = Instructions + budget;
        _runStartInstructions = Instructions;
        _uncountedInRun = _slowFetches = _memoFetchHits = 0;
        UpdateTimerOutputs(force: false); // sets _stopAt: the budget or the next timer deadline
        DecodeCache decoder = _decodeCache;
        bool translate = _blockTranslation;
        ulong sequentialPc = _sequentialPc;
        while (true)
        {
            if (Instructions >= _stopAt)
            {
                // Stop(), the end of the budget and a takeable interrupt also come here (they set
                // _stopAt to 0): the common path checks one counter.
                if (_debugActive)
                    CompleteSoftwareStep();
                if (_stop || Instructions >= _runEnd)
                    break;
                if (_interruptRequest != 0 && TakePendingInterrupt())
                    continue;
                if (_backgroundTranslator is { Ready: > 0 })
                    InstallTranslatedBlocks(); // blocks compiled meanwhile (also installed where their heads are entered)
                UpdateTimerOutputs(force: false); // a timer or host deadline falls here
                // Debug active (ArmCore.Debug.cs): every boundary comes here, the instruction is
                // interpreted after the debug checks.
                translate = _blockTranslation && !_debugActive;
                if (!_debugActive || _stop || Instructions >= _runEnd || (_interruptRequest != 0 && InterruptTakeable))
                    continue;
                if (TakeDebugExceptionBeforeInstruction(Pc))
                {
                    Pc = NextPc;
                    sequentialPc = ulong.MaxValue;
                    continue;
                }
            }
            if (_hostDebugger is not null && _hostDebugger.AtInstructionBoundary(this))
                break; // gdb (ArmCore.HostDebug.cs): attached only while it has breakpoints, watchpoints or a step
            Instructions++;
            ulong pc = Pc;
            uint insn;
            // One compare: same page (cache model off) or same L1I line (on), and PC[1:0] == 0 (a
            // misaligned PC goes to FetchSlow's PC alignment fault); with the cache model, the
            // L1I must not have changed since the line was found (its change counter). PSTATE.IL
            // set drops the fast path, so the check for it is on the slow path only.
            if ((pc & _fetchTagMask) == _fetchPage && _fetchChanges.Value == _fetchChangesSeen)
            {
                // The tag matched, so the array holds the whole page or line at _fetchChunkOffset: no bounds check.
                insn = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_fetchChunk!), _fetchChunkOffset + (int)(pc & 0xFFF)));
            }
            else if ((pc & _fetchTagMask) == _fetchPage2 && _fetchChanges.Value == _fetchChangesSeen)
            {
                SwapFetchEntries();
                insn = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_fetchChunk!), _fetchChunkOffset + (int)(pc & 0xFFF)));
            }
            else
            {
                long fetched = FetchSlowValue(pc);
                if (fetched < 0 || _illegalState)
                {
                    if (fetched >= 0)
                    {
                        // AArch64.CheckIllegalState: any instruction with PSTATE.IL set is an Illegal State exception.
                        InvalidateFetch(); // PSTATE.IL stays set if the run stops here: keep the check on the slow path
                        NextPc = pc + 4;
                        TakeSynchronousException(ExceptionClass.IllegalState << 26 | 1u << 25, pc, 0, false);
                    }
                    Pc = NextPc; // the exception entry (or the stop) has set it
                    continue;
                }
                insn = (uint)fetched;
            }
            // A block head (the PC does not follow the last instruction run here) whose code the
            // fast path holds: run its translated block when it has one (ArmCore.Blocks.cs).
            if (pc != sequentialPc && translate && (pc & _fetchTagMask) == _fetchPage && TryRunBlock(pc, insn))
            {
                // The next PC is a head, unless a stop point cut the block short there.
                sequentialPc = _instructions >= _stopAt ? Pc : ulong.MaxValue;
                continue;
            }
            NextPc = pc + 4;
            delegate*<ArmCore, uint, void> handler = decoder.Lookup(pc, insn, out uint latency);
            _busyCycles += latency;
            _currentLatency = latency;
            handler(this, insn);
            Pc = NextPc;
            sequentialPc = pc + 4;
        }
        FlushFastFetches();
        _sequentialPc = sequentialPc; // a run that resumes where this one stopped does not start a block there
        return _exit;
    }

    /// <summary>
    /// Makes <paramref name="tag"/> (a page, or a line in L1I set <paramref name="set"/>) the fetch
    /// fast path's, keeping the one it replaces as the second entry unless that line is in the
    /// same L1I set (fetching the new line made it no longer its set's most recently used). With
    /// lines, the second entry moves on to the third and the third to the fourth, and any of them
    /// in the new line's set is dropped, so that the four lines stay in four sets.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetFetchFastPath(ulong tag, byte[] chunk, int chunkOffset, int set)
    {
        if (set >= 0 && _fetchPage2 != ulong.MaxValue)
        {
            _fetchPage4 = _fetchPage3;
            _fetchChunkOffset4 = _fetchChunkOffset3;
            _fetchSet4 = _fetchSet3;
            _fetchPage3 = _fetchPage2;
            _fetchChunkOffset3 = _fetchChunkOffset2;
            _fetchSet3 = _fetchSet2;
        }
        if (_fetchPage != ulong.MaxValue && (set < 0 || set != _fetchSet))
        {
            _fetchPage2 = _fetchPage;
            SetReference(ref _fetchChunk2, _fetchChunk);
            _fetchChunkOffset2 = _fetchChunkOffset;
            _fetchSet2 = _fetchSet;
        }
        else
        {
            _fetchPage2 = ulong.MaxValue;
        }
        if (set >= 0)
        {
            // Those lines are no longer their sets' most recently used (the second entry is the
            // first's old line, which is in another set, or none).
            if (set == _fetchSet3)
                _fetchPage3 = ulong.MaxValue;
            if (set == _fetchSet4)
                _fetchPage4 = ulong.MaxValue;
        }
        _fetchPage = tag;
        SetReference(ref _fetchChunk, chunk);
        _fetchChunkOffset = chunkOffset;
        _fetchSet = set;
    }

    /// <summary>The second fast-path entry holds the PC: it becomes the first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SwapFetchEntries()
    {
        (_fetchPage, _fetchPage2) = (_fetchPage2, _fetchPage);
        if (!ReferenceEquals(_fetchChunk, _fetchChunk2))
            (_fetchChunk, _fetchChunk2) = (_fetchChunk2, _fetchChunk);
        (_fetchChunkOffset, _fetchChunkOffset2) = (_fetchChunkOffset2, _fetchChunkOffset);
        (_fetchSet, _fetchSet2) = (_fetchSet2, _fetchSet);
    }

    /// <summary>
    /// The third (<paramref name="fourth"/> false) or fourth fast-path entry holds the PC: it
    /// becomes the first, and the first takes its place (lines only: same storage array).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SwapFetchEntry(bool fourth)
    {
        if (fourth)
        {
            (_fetchPage, _fetchPage4) = (_fetchPage4, _fetchPage);
            (_fetchChunkOffset, _fetchChunkOffset4) = (_fetchChunkOffset4, _fetchChunkOffset);
            (_fetchSet, _fetchSet4) = (_fetchSet4, _fetchSet);
        }
        else
        {
            (_fetchPage, _fetchPage3) = (_fetchPage3, _fetchPage);
            (_fetchChunkOffset, _fetchChunkOffset3) = (_fetchChunkOffset3, _fetchChunkOffset);
            (_fetchSet, _fetchSet3) = (_fetchSet3, _fetchSet);
        }
    }

    /// <summary>
    /// Stores <paramref name="value"/> in <paramref name="field"/> unless it is already there: the
    /// fetch path re-points at the same L1I storage array on every line change, and skipping the
    /// store skips the GC write barrier it would cost.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SetReference<T>(ref T? field, T? value) where T : class
    {
        if (!ReferenceEquals(field, value))
            field = value;
    }

    /// <summary>FetchSlow returning a value, so that the loop's instruction word need not live in memory: the word, or -1 when the fetch took an exception.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private long FetchSlowValue(ulong pc)
    {
        _slowFetches++;
        return FetchSlow(pc, out uint insn) ? insn : -1;
    }

    internal void Stop(CpuExit reason)
    {
        _exit = reason;
        _stop = true;
        _stopAt = 0; // the run loop checks _stop only when it reaches _stopAt
    }

    internal void StopUnsupported(string reason)
    {
        UnsupportedReason = reason;
        NextPc = Pc;
        Stop(CpuExit.Unsupported);
    }

    /// <summary>Drops the fetch fast path; called whenever the PC-to-memory mapping may have changed.</summary>
    internal void InvalidateFetch()
    {
        _fetchPage = _fetchPage2 = _fetchPage3 = _fetchPage4 = ulong.MaxValue;
        _fetchChunk = _fetchChunk2 = null;
        _fetchChangesSeen = -1; // a translated block running now stops after this instruction
        InvalidateFetchPages();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool FetchSlow(ulong pc, out uint insn)
    {
        insn = 0;
        if ((pc & 3) != 0)
        {
            // AArch64.PCAlignmentFault
            TakeSynchronousException(ExceptionClass.PcAlignment << 26 | 1u << 25, pc, pc, true);
            return false;
        }
        if (_cache is not null)
            return FetchThroughCache(pc, out insn); // every fetch through the L1I: the fast path stays off
        if (!TranslateFetchPage(pc, out ulong pa, out _, out bool wholePage, out _))
            return false;
        if (!wholePage && !_ram.Contains(pa, 4))
        {
            // Instruction fetch from a hole or a device window: synchronous external abort on fetch.
            uint ec = CurrentEl == 0 ? ExceptionClass.InstructionAbortLowerEl : ExceptionClass.InstructionAbortSameEl;
            TakeSynchronousException(ec << 26 | 1u << 25 | FaultStatus.SynchronousExternalAbort, pc, pc, true);
            return false;
        }
        ulong offset = pa - _ram.BaseAddress;
        byte[]? chunk = _ram.ChunkForRead(offset);
        if (chunk is null)
        {
            insn = 0; // never-written RAM reads as zeros (UDF #0)
            return true;
        }
        int inChunk = (int)(offset & (Ram.ChunkSize - 1));
        insn = BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(inChunk, 4));
        _fetchTagMask = ~0xFFCUL;
        _fetchChanges = ChangeCounter.Never;
        _fetchChangesSeen = ChangeCounter.Never.Value;
        SetFetchFastPath(pc & ~0xFFFUL, chunk, inChunk & ~0xFFF, set: -1);
        return true;
    }

    // ---- Register file helpers (the pseudocode's X[], SP[]) ----

    // X always has 32 elements, so indexing with n & 31 needs no bounds check.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref ulong XRef(uint n) => ref Unsafe.Add(ref Unsafe.As<GeneralRegisters, ulong>(ref X), (nint)(n & 31));

    /// <summary>X[n] where 31 reads as XZR (X[31] is kept zero; a translated block, whose n is a constant, reads no register for it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ulong GetX(uint n) => n == 31 ? 0 : XRef(n);

    /// <summary>Writes X[n]; 31 (XZR) discards (X[31] stays zero). In a translated block n is a constant and the test folds away.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void SetX(uint n, ulong value)
    {
        if (n != 31)
            XRef(n) = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void SetW(uint n, ulong value) => SetX(n, (uint)value);

    /// <summary>Register n where 31 means SP (the "Xn|SP" operand).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ulong GetXOrSp(uint n) => n == 31 ? Sp : XRef(n);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void SetXOrSp(uint n, ulong value)
    {
        if (n == 31)
            Sp = value;
        else
            XRef(n) = value;
    }

    /// <summary>SP_EL0 as seen by MRS/MSR, whichever stack pointer is selected now.</summary>
    public ulong SpEl0
    {
        get => CurrentEl == 0 || !SpSel ? Sp : _spEl0;
        set
        {
            if (CurrentEl == 0 || !SpSel)
                Sp = value;
            else
                _spEl0 = value;
        }
    }

    /// <summary>SP_EL1, whichever stack pointer is selected now.</summary>
    public ulong SpEl1
    {
        get => CurrentEl == 1 && SpSel ? Sp : _spEl1;
        set
        {
            if (CurrentEl == 1 && SpSel)
                Sp = value;
            else
                _spEl1 = value;
        }
    }

    /// <summary>Changes PSTATE.EL and PSTATE.SP, banking the stack pointer.</summary>
    internal void SetElAndSpSel(int el, bool spSel)
    {
        if (CurrentEl == 1 && SpSel)
            _spEl1 = Sp;
        else
            _spEl0 = Sp;
        bool elChanged = CurrentEl != el;
        CurrentEl = el;
        SpSel = spSel;
        Sp = el == 1 && spSel ? _spEl1 : _spEl0;
        if (elChanged)
        {
            if (_pmuActive)
                SettlePmu(); // filtering by EL (ArmCore.Pmu.cs)
            UpdateFpEnabled();
            // EL0 and EL1 permissions differ: use that EL's software TLBs and refetch.
            SelectSoftTlbs();
            InvalidateFetch();
        }
    }

    /// <summary>PSTATE packed the way SPSR_ELx holds it (AArch64 state only).</summary>
    public uint PackSpsr()
    {
        uint m = CurrentEl == 0 ? Spsr.EL0t : (SpSel ? Spsr.EL1h : Spsr.EL1t);
        return Nzcv | Daif | (IllegalState ? 1u << Spsr.IL : 0) | m;
    }
}
