using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Emulator.Cpu.Blocks;
using Emulator.Cpu.Decoding;
using Emulator.Mmu.Caches;

namespace Emulator.Cpu.Core;

/// <summary>
/// Block translation: code the run loop enters often at the same PC (a block head: a branch
/// target, or where a block ended) is translated into one compiled method per block
/// (<see cref="BlockCompiler"/>), which the loop then runs instead of interpreting. A block is the
/// straight-line run of instructions from its head to the first instruction after which execution
/// never falls through (B, BL, BR, BLR, RET, ERET, exception generation, an UNDEFINED word) or to
/// a backward conditional branch (a loop's end), to <see cref="MaxBlockInstructions"/>, or to the end of the fetch fast path's page (cache model
/// off) or L1I line (on); conditional branches, system instructions, barriers and hints stay
/// inside, the block stopping after one whenever the run loop would have to look (a branch taken,
/// an exception, an interrupt made takeable, a stop, a timer deadline, a change of the fetch path).
/// A block is only entered through the fetch fast path, which proves that its PC still maps where
/// its code was read, and checks each word before running it, so a changed word (self-modifying
/// code, a loader, another mapping) ends it there; results do not depend on whether or when code
/// was translated: the same instructions, cycles, cache state and statistics as the interpreter.
/// Deterministic: translation depends only on how often heads are entered. On a background thread
/// (the default) a block is compiled, with its handlers inlined, once its head has been entered
/// often enough for about <see cref="OptimizeAfterInstructions"/> of its instructions to have run
/// interpreted (a compilation costs the JIT about as much as interpreting that many); a
/// translation ends by going on with the next block itself when RunBlocks would
/// (<see cref="ChainedBlock"/>), so a loop spread over several blocks runs without coming back here.
/// </summary>
public sealed partial class ArmCore
{
    /// <summary>Longest block translated.</summary>
    public const int MaxBlockInstructions = 32;

    // Entries of a block head, interpreted, before its block is translated (CpuConfiguration.HotBlockEntries).
    private readonly uint _hotBlockEntries;

    private const int BlockTableBits = 16;

    private struct BlockSlot
    {
        public ulong Pc;
        public uint Entries;
        public int Length; // instructions (0: not translated)
        public uint FirstWord;
        public bool Requested; // sent to the background translator
        public TranslatedBlock? Code;
        public int HotLength; // instructions of the block when its head became hot (0: not yet), to estimate what it has run
    }

    /// <summary>
    /// About how many instructions a block runs interpreted (entries of its head after it became
    /// hot times its length) before the background translator is asked for it: the JIT's work on a
    /// block (its handlers inlined) costs about as much as interpreting it that long, and most
    /// blocks that become hot in a kernel's boot never run that much.
    /// </summary>
    public const ulong OptimizeAfterInstructions = 100_000;

    private readonly BlockSlot[] _blocks = new BlockSlot[1 << BlockTableBits];
    private bool _blockTranslation = true;
    private const ulong NoStaleBlock = ulong.MaxValue;
    private ulong _staleBlockHead = NoStaleBlock; // set by a block that met a changed word: its head
    private readonly BlockInstruction[] _blockScratch = new BlockInstruction[MaxBlockInstructions];
    private BackgroundTranslator? _backgroundTranslator;

    /// <summary>Whether hot code runs as translated blocks (on by default); off, every instruction is interpreted.</summary>
    public bool BlockTranslation
    {
        get => _blockTranslation;
        set
        {
            _blockTranslation = value;
            FlushBlocks();
        }
    }

    /// <summary>
    /// Whether blocks are compiled on a host thread of their own while the guest runs on (the
    /// default), or at once on the core's thread, so that a block runs from the moment it is hot
    /// (tests use this to know which code runs translated; the guest's results are the same).
    /// </summary>
    public bool BackgroundTranslation { get; set; } = true;

    /// <summary>Blocks translated so far (on a host thread of its own they count when installed).</summary>
    public ulong BlocksTranslated { get; private set; }

    /// <summary>Blocks dropped because a word changed after translation.</summary>
    public ulong BlocksInvalidated { get; private set; }

    /// <summary>Forgets every translated block (the timing profile or the fetch path changed); blocks still being compiled are dropped when they arrive.</summary>
    private void FlushBlocks()
    {
        Array.Clear(_blocks);
        _blockGeneration++;
    }

    private int _blockGeneration;

    /// <summary>
    /// At block head <paramref name="pc"/>, whose word <paramref name="insn"/> has been fetched
    /// through the fast path and counted: runs its translated block and returns true, or returns
    /// false for the loop to interpret the instruction.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryRunBlock(ulong pc, uint insn)
    {
        ref BlockSlot slot = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_blocks), (int)(pc >> 2) & ((1 << BlockTableBits) - 1));
        // The loop counted this instruction; the block counts it again. Enter only when the whole
        // block lies before the stop point, as the loop would run it instruction by instruction.
        if (slot.Pc == pc && slot.Code is { } code && slot.FirstWord == insn && _instructions - 1 + (ulong)slot.Length <= _stopAt)
        {
            _instructions--;
            RunBlocks(ref slot, code);
            return true;
        }
        return CountBlockHead(ref slot, pc, insn);
    }

    /// <summary>
    /// Runs <paramref name="code"/> (the block in <paramref name="slot"/>), then, for as long as
    /// the next PC is a translated head on one of the fetch fast path's pages or lines whose first word is
    /// unchanged and whose whole block fits before the stop point, that block, without going back
    /// through the run loop (which would find and run the same block: it checks nothing more).
    /// </summary>
    private void RunBlocks(ref BlockSlot slot, TranslatedBlock code)
    {
        while (true)
        {
            code(ref CodeAt(Pc));
            if (_staleBlockHead != NoStaleBlock)
            {
                DropStaleBlock(); // the block that met it may be one the first went on to (ChainedBlock)
                return;
            }
            slot = ref NextBlock();
            if (Unsafe.IsNullRef(ref slot))
                return;
            code = slot.Code!;
        }
    }

    /// <summary>
    /// After a block: the slot of the translated block to run next at PC, as the run loop would
    /// enter it (its head on the fetch fast path, moved there as the loop's fetch would; its first
    /// word unchanged; the whole block before the stop point), or a null reference.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref BlockSlot NextBlock()
    {
        ulong pc = Pc;
        if (!OnFetchPathForBlock(pc))
            return ref Unsafe.NullRef<BlockSlot>();
        ref BlockSlot slot = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_blocks), (int)(pc >> 2) & ((1 << BlockTableBits) - 1));
        if (slot.Pc != pc || slot.Code is null || _instructions + (ulong)slot.Length > _stopAt
            || Unsafe.ReadUnaligned<uint>(ref CodeAt(pc)) != slot.FirstWord)
            return ref Unsafe.NullRef<BlockSlot>();
        return ref slot;
    }

    /// <summary>Where the fetch fast path holds the word at <paramref name="pc"/> (on its current page or line).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref byte CodeAt(ulong pc) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_fetchChunk!), _fetchChunkOffset + (int)(pc & 0xFFF));

    /// <summary>
    /// After a block, before the next one at <paramref name="pc"/>: false when the run loop must
    /// look first (the fetch path changed, the stop point is reached; it fetches only after: the
    /// host may run in between) or <paramref name="pc"/> is not on the fetch fast path; else true,
    /// with the fast path's current page or line holding <paramref name="pc"/>, as the loop's
    /// fetch would have made it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool OnFetchPathForBlock(ulong pc) =>
        _fetchChanges.Value == _fetchChangesSeen && _instructions < _stopAt
        && ((pc & _fetchTagMask) == _fetchPage || MoveFetchPathTo(pc));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool MoveFetchPathTo(ulong pc)
    {
        ulong tag = pc & _fetchTagMask;
        if (tag == _fetchPage2)
            SwapFetchEntries(); // as the run loop's fetch would: a loop over two lines (or pages) stays here
        else if (tag == _fetchPage3 || tag == _fetchPage4)
            SwapFetchEntry(fourth: tag == _fetchPage4); // a line its set still has as most recently used: an L1I hit that changes nothing
        else
            return TryChainFetch(pc);
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void DropStaleBlock()
    {
        ref BlockSlot slot = ref _blocks[(int)(_staleBlockHead >> 2) & ((1 << BlockTableBits) - 1)];
        slot = new BlockSlot { Pc = _staleBlockHead, Entries = 1 };
        _staleBlockHead = NoStaleBlock;
        BlocksInvalidated++;
    }

    /// <summary>
    /// For a translated block that ends having set PC: the block to go on with at PC, entered from
    /// there (a tail call, its code at <see cref="CodeAt"/>) as RunBlocks would enter it next
    /// (<see cref="NextBlock"/>), or null to return to RunBlocks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal TranslatedBlock? ChainedBlock()
    {
        ref BlockSlot slot = ref NextBlock();
        return Unsafe.IsNullRef(ref slot) ? null : slot.Code;
    }

    /// <summary>Counts an interpreted entry of a head, translating its block once it is hot; true if that block ran.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool CountBlockHead(ref BlockSlot slot, ulong pc, uint insn)
    {
        if (_backgroundTranslator is { Ready: > 0 })
            InstallTranslatedBlocks();
        if (slot.Pc != pc || (slot.Code is not null && slot.FirstWord != insn))
        {
            if (slot.Pc == pc)
                BlocksInvalidated++; // the code changed: translate again when hot
            slot = new BlockSlot { Pc = pc, Entries = 1 };
            return false;
        }
        if (slot.Code is not null || slot.Requested || ++slot.Entries < _hotBlockEntries)
            return false; // translated but too long for the stop point, on its way, or not hot yet
        if (BackgroundTranslation)
        {
            // Hot: its length, once, to know when it has run long enough to be worth the JIT's work.
            if (slot.HotLength == 0)
                slot.HotLength = GatherBlock(pc);
            if ((ulong)(slot.Entries - _hotBlockEntries) * (ulong)slot.HotLength < OptimizeAfterInstructions)
                return false;
            int gathered = GatherBlock(pc); // the words as they are now
            _backgroundTranslator ??= new BackgroundTranslator();
            _backgroundTranslator.Enqueue(this, pc, _blockGeneration, _blockScratch.AsSpan(0, gathered).ToArray());
            slot.Requested = true;
            return false;
        }
        int count = GatherBlock(pc);
        slot.Code = BlockCompiler.Compile(this, pc, _blockScratch.AsSpan(0, count));
        slot.Length = count;
        slot.FirstWord = insn;
        BlocksTranslated++;
        return TryRunBlock(pc, insn);
    }

    /// <summary>Installs the blocks the background translator has finished, where their heads still wait for them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void InstallTranslatedBlocks()
    {
        while (_backgroundTranslator!.TryTake(out BackgroundTranslator.CompiledBlock block))
        {
            ref BlockSlot slot = ref _blocks[(int)(block.Pc >> 2) & ((1 << BlockTableBits) - 1)];
            if (block.Generation != _blockGeneration || slot.Pc != block.Pc || !slot.Requested)
                continue; // flushed, or the slot went to another head meanwhile
            slot.Code = block.Code;
            slot.Length = block.Instructions.Length;
            slot.FirstWord = block.Instructions[0].Word;
            slot.Requested = false;
            BlocksTranslated++;
        }
    }

    /// <summary>Decodes the block at <paramref name="pc"/> from the fast path's code into the scratch list; its length (at least 1).</summary>
    private unsafe int GatherBlock(ulong pc)
    {
        byte[] chunk = _fetchChunk!;
        int count = 0;
        for (ulong address = pc; count < MaxBlockInstructions && (address & _fetchTagMask) == _fetchPage; address += 4)
        {
            uint word = Unsafe.ReadUnaligned<uint>(ref chunk[_fetchChunkOffset + (int)(address & 0xFFF)]);
            delegate*<ArmCore, uint, void> handler = _decodeCache.Decode(word, out uint latency, out A64Encoding? row);
            BlockRole role = BlockRoles.Of(word, row);
            _blockScratch[count++] = new BlockInstruction(word, handler, latency, role);
            if (role == BlockRole.Last)
                break;
        }
        return count;
    }

    /// <summary>The fields translated blocks read and write.</summary>
    internal static class BlockFields
    {
        private const BindingFlags Any = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

        public static readonly FieldInfo Instructions = Field(nameof(_instructions));
        public static readonly FieldInfo BusyCycles = Field(nameof(_busyCycles));
        public static readonly FieldInfo CurrentLatency = Field(nameof(_currentLatency));
        public static readonly FieldInfo Pc = Field(nameof(ArmCore.Pc));
        public static readonly FieldInfo NextPc = Field(nameof(ArmCore.NextPc));
        public static readonly FieldInfo StopAt = Field(nameof(_stopAt));
        public static readonly FieldInfo FetchChanges = Field(nameof(_fetchChanges));
        public static readonly FieldInfo FetchChangesSeen = Field(nameof(_fetchChangesSeen));
        public static readonly FieldInfo StaleBlockHead = Field(nameof(_staleBlockHead));
        public static readonly MethodInfo ChainedBlock = typeof(ArmCore).GetMethod(nameof(ArmCore.ChainedBlock), Any)!;
        public static readonly MethodInfo CodeAt = typeof(ArmCore).GetMethod(nameof(ArmCore.CodeAt), Any)!;
        public static readonly FieldInfo ChangeCounterValue = typeof(ChangeCounter).GetField(nameof(ChangeCounter.Value))!;

        private static FieldInfo Field(string name) =>
            typeof(ArmCore).GetField(name, Any) ?? throw new MissingFieldException(nameof(ArmCore), name);
    }
}
