using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Emulator.Cpu.Core;

namespace Emulator.Cpu.Decoding;

/// <summary>
/// A direct-mapped cache of decoded instructions in front of <see cref="A64Decoder"/>, indexed by
/// the low bits of the instruction's address: each slot keeps an instruction word and its handler.
/// A slot is used only when its word equals the word just fetched, so the handler is always the
/// one <see cref="A64Decoder.Decode"/> gives for that word; the cache needs no invalidation: a
/// store to code (self-modifying code, a loader, with or without IC maintenance), a remap or an
/// aliasing address all change or mismatch the word, and the slot is refilled. Indexing by address
/// rather than by word lets the CPU load the handler before the fetched word arrives, which takes
/// the fetch off the critical path of the dispatch. Each slot also keeps the issue cost of its
/// instruction class under the core's timing profile, so the timing model costs one add per
/// instruction. Each core owns one (no sharing between threads).
/// </summary>
public sealed unsafe class DecodeCache
{
    private const int IndexBits = 16; // 65536 entries x 16 bytes = 1 MiB, covering 256 KiB of code without aliasing (a Linux boot: 2.2 M refills instead of 5.7 M at 14 bits)

    private struct Entry
    {
        public uint Word;
        public uint Latency;
        public delegate*<ArmCore, uint, void> Handler;
    }

    private readonly Entry[] _entries = new Entry[1 << IndexBits];
    private readonly A64Decoder _decoder;
    private readonly uint[] _latencies = new uint[Enum.GetValues<InstructionClass>().Length];

    public DecodeCache(A64Decoder decoder)
    {
        _decoder = decoder;
        Array.Fill(_latencies, 1u);
        Clear();
    }

    /// <summary>Sets the issue cost of each instruction class (indexed by <see cref="InstructionClass"/>) and empties the cache.</summary>
    public void SetLatencies(ReadOnlySpan<uint> latencies)
    {
        latencies.CopyTo(_latencies);
        Clear();
    }

    /// <summary>The issue cost of <paramref name="class"/>.</summary>
    public uint LatencyOf(InstructionClass @class) => _latencies[(int)@class];

    private void Clear()
    {
        // Every slot starts valid: word 0 (UDF #0) with its handler.
        delegate*<ArmCore, uint, void> undefined = _decoder.Decode(0, out InstructionClass c);
        for (int i = 0; i < _entries.Length; i++)
            _entries[i] = new Entry { Word = 0, Latency = _latencies[(int)c], Handler = undefined };
    }

    /// <summary>
    /// The handler for <paramref name="insn"/> fetched from <paramref name="pc"/> (the decode
    /// table's, or its specialized equivalent: <see cref="Specializer"/>) and the issue cost of its class.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public delegate*<ArmCore, uint, void> Lookup(ulong pc, uint insn, out uint latency)
    {
        ref Entry e = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_entries), (int)(pc >> 2) & ((1 << IndexBits) - 1));
        if (e.Word != insn)
            Fill(ref e, insn);
        latency = e.Latency;
        return e.Handler;
    }

    /// <summary>
    /// For the block translator: the handler <see cref="Lookup"/> would give <paramref name="insn"/>,
    /// its issue cost, and its decode-table row (null for an UNDEFINED word).
    /// </summary>
    public delegate*<ArmCore, uint, void> Decode(uint insn, out uint latency, out A64Encoding? row)
    {
        row = _decoder.Find(insn);
        if (row is null)
        {
            delegate*<ArmCore, uint, void> undefined = _decoder.Decode(insn, out InstructionClass c);
            latency = _latencies[(int)c];
            return undefined;
        }
        latency = _latencies[(int)row.Class];
        return Specializer.Select(insn, row);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Fill(ref Entry e, uint insn)
    {
        e.Handler = Decode(insn, out e.Latency, out _);
        e.Word = insn;
    }
}
