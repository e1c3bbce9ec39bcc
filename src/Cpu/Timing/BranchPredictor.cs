using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Emulator.Mmu.Caches;
using static Emulator.Cpu.Instructions.Alu;

namespace Emulator.Cpu.Timing;

/// <summary>
/// A simple, deterministic branch predictor for the timing model: a bimodal table of 2-bit
/// saturating counters for conditional branches (B.cond, CBZ/CBNZ, TBZ/TBNZ), indexed by PC; a
/// direct-mapped branch target buffer (last target) for BR and BLR; a return stack that BL and
/// BLR push and RET pops. Direct unconditional branches are always predicted. Each method returns
/// the cycles the branch costs beyond its issue cost: 0, or the mispredict penalty.
/// </summary>
public sealed class BranchPredictor
{
    private byte[] _counters = [];
    private int _counterMask; // _counters.Length - 1 (a power of two)
    private ulong[] _targetTags = [];
    private ulong[] _targets = [];
    private ulong[] _returnStack = [];
    private int _returnTop; // index of the next push; entries wrap when the stack is full
    private int _returnCount;
    private uint _penalty;

    public BranchPredictor(CoreTimingConfig timing) => Configure(timing);

    /// <summary>Conditional branches executed, and how many were mispredicted.</summary>
    public ulong Conditional { get; private set; }

    public ulong ConditionalMispredicts { get; private set; }

    /// <summary>BR, BLR and RET executed, and how many had their target mispredicted.</summary>
    public ulong Indirect { get; private set; }

    public ulong IndirectMispredicts { get; private set; }

    /// <summary>B and BL executed (always predicted: they only count, for BR_RETIRED).</summary>
    public ulong Direct { get; private set; }

    /// <summary>B or BL: counted, never mispredicted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void DirectBranch() => Direct++;

    /// <summary>All mispredictions.</summary>
    public ulong Mispredicts => ConditionalMispredicts + IndirectMispredicts;

    /// <summary>Sizes the tables for <paramref name="timing"/> and starts cold (counters weakly not-taken, no targets).</summary>
    public void Configure(CoreTimingConfig timing)
    {
        _counters = new byte[timing.PredictorEntries];
        _counterMask = _counters.Length - 1;
        Array.Fill(_counters, (byte)1);
        _targetTags = new ulong[timing.TargetBufferEntries];
        Array.Fill(_targetTags, ulong.MaxValue);
        _targets = new ulong[timing.TargetBufferEntries];
        _returnStack = new ulong[timing.ReturnStackDepth];
        _returnTop = _returnCount = 0;
        _penalty = (uint)timing.MispredictPenalty;
        Conditional = ConditionalMispredicts = Indirect = IndirectMispredicts = Direct = 0;
    }

    /// <summary>
    /// The 2-bit saturating counter's next value for each (counter, taken) pair, 2 bits each at
    /// bit (counter * 2 + taken) * 2: one up when taken, one down when not, held at 3 and 0.
    /// </summary>
    private const uint CounterTransitions =
        0u << 0 | 1u << 2 | // 0: stays 0, or 1
        0u << 4 | 2u << 6 | // 1: 0, or 2
        1u << 8 | 3u << 10 | // 2: 1, or 3
        2u << 12 | 3u << 14; // 3: 2, or stays 3

    /// <summary>A conditional branch at <paramref name="pc"/> resolved <paramref name="taken"/>: predicts, trains, returns the penalty.</summary>
    /// <remarks>
    /// Without host branches on the outcome: the guest's branches are data (a sort's compares), and
    /// a host branch per prediction and per counter update would be mispredicted as often as they.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Resolve(ulong pc, bool taken)
    {
        Conditional++;
        ref byte counter = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_counters), (int)(pc >> 2) & _counterMask);
        uint c = counter;
        uint t = Bit(taken);
        counter = (byte)((CounterTransitions >> (int)((c * 2 + t) * 2)) & 3);
        uint miss = (c >> 1) ^ t; // predicted taken when the counter is 2 or 3
        ConditionalMispredicts += miss;
        return _penalty & (0 - miss);
    }

    /// <summary>BR or BLR at <paramref name="pc"/> to <paramref name="target"/>: the BTB predicts the last target seen there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into the handlers' copies in translated blocks
    public uint IndirectBranch(ulong pc, ulong target)
    {
        Indirect++;
        int i = (int)(pc >> 2) & (_targets.Length - 1);
        uint miss = (Bit(_targetTags[i] == pc) & Bit(_targets[i] == target)) ^ 1;
        _targetTags[i] = pc;
        _targets[i] = target;
        IndirectMispredicts += miss;
        return _penalty & (0 - miss);
    }

    /// <summary>BL or BLR: pushes the return address.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PushReturn(ulong returnAddress)
    {
        if (_returnStack.Length == 0)
            return;
        _returnStack[_returnTop] = returnAddress;
        _returnTop = _returnTop + 1 == _returnStack.Length ? 0 : _returnTop + 1;
        if (_returnCount < _returnStack.Length)
            _returnCount++;
    }

    /// <summary>RET to <paramref name="target"/>: predicted by the top of the return stack (an empty stack mispredicts).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into the handlers' copies in translated blocks
    public uint Return(ulong target)
    {
        Indirect++;
        bool hit = false;
        if (_returnCount > 0)
        {
            _returnTop = _returnTop == 0 ? _returnStack.Length - 1 : _returnTop - 1;
            _returnCount--;
            hit = _returnStack[_returnTop] == target;
        }
        if (hit)
            return 0;
        IndirectMispredicts++;
        return _penalty;
    }
}
