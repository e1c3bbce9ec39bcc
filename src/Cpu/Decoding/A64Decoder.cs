using System.Runtime.CompilerServices;
using Emulator.Cpu.Core;
using Emulator.Cpu.Instructions;

namespace Emulator.Cpu.Decoding;

/// <summary>
/// Turns the decode table into a fast lookup: the rows that can match are bucketed by the top 12
/// bits of the word (the bits that select the instruction class), and a word is decoded by a short
/// scan of its bucket. Words that match nothing decode to the UNDEFINED handler.
/// </summary>
public sealed unsafe class A64Decoder
{
    private const int BucketShift = 20;

    private readonly A64Encoding[][] _buckets;

    private A64Decoder(A64Encoding[] table)
    {
        Table = table;
        _buckets = new A64Encoding[1 << (32 - BucketShift)][];
        for (uint bucket = 0; bucket < _buckets.Length; bucket++)
        {
            uint top = bucket << BucketShift;
            const uint topMask = ~0u << BucketShift;
            _buckets[bucket] = table.Where(e => (top & e.Mask & topMask) == (e.Value & topMask)).ToArray();
        }
    }

    public static A64Decoder Instance { get; } = new(A64DecodeTable.Build());

    /// <summary>The decode table, in match order.</summary>
    public IReadOnlyList<A64Encoding> Table { get; }

    /// <summary>The table row that decodes <paramref name="insn"/>, or null for UNDEFINED.</summary>
    public A64Encoding? Find(uint insn)
    {
        foreach (A64Encoding e in _buckets[insn >> BucketShift])
        {
            if (e.Matches(insn))
                return e;
        }
        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public delegate*<ArmCore, uint, void> Decode(uint insn) => Decode(insn, out _);

    /// <summary>The handler of <paramref name="insn"/> and its timing class (UNDEFINED words: <see cref="InstructionClass.Alu"/>; the exception entry is charged apart).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public delegate*<ArmCore, uint, void> Decode(uint insn, out InstructionClass @class)
    {
        A64Encoding[] bucket = _buckets[insn >> BucketShift];
        for (int i = 0; i < bucket.Length; i++)
        {
            A64Encoding e = bucket[i];
            if ((insn & e.Mask) == e.Value)
            {
                @class = e.Class;
                return e.Handler;
            }
        }
        @class = InstructionClass.Alu;
        return &SystemInstructions.Unallocated;
    }
}
