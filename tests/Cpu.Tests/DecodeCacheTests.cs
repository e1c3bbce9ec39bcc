using Emulator.Cpu.Decoding;

namespace Emulator.Cpu.Tests;

/// <summary>
/// The interpreter's decoded-instruction cache gives exactly what the decode table gives, whatever
/// words are seen at an address (rewritten code, aliasing addresses, UDF #0 in unused slots).
/// </summary>
public sealed unsafe class DecodeCacheTests
{
    [Fact]
    public void Lookup_AgreesWithDecode_UnderRewritesAndAliasing()
    {
        A64Decoder decoder = A64Decoder.Instance;
        var cache = new DecodeCache(decoder);
        cache.SetLatencies([1, 3, 12, 1, 1, 3, 10, 20]);
        var random = new Random(10);
        IReadOnlyList<A64Encoding> table = decoder.Table;
        // A few addresses, some 64 KiB apart (the same slot), each seeing changing words.
        ulong[] pcs = [0x4000_0000, 0x4000_0004, 0x4001_0000, 0x4001_0004, 0xFFFF_0000_4000_0000, 0x4000_0FFC];
        for (int i = 0; i < 200_000; i++)
        {
            ulong pc = pcs[random.Next(pcs.Length)];
            uint word = random.Next(4) switch
            {
                0 => 0, // UDF #0: the value every slot starts with
                1 => (uint)random.NextInt64(0, 1L << 32),
                _ => table[random.Next(table.Count)] is var e ? e.Value | ((uint)random.NextInt64(0, 1L << 32) & ~e.Mask) : 0,
            };
            nint handler = (nint)cache.Lookup(pc, word, out uint latency);
            nint expected = (nint)decoder.Decode(word, out InstructionClass c);
            if (decoder.Find(word) is { } row)
                expected = (nint)Specializer.Select(word, row); // the table's handler or its specialized equivalent (SpecializedHandlerTests)
            Assert.True(handler == expected, $"pc 0x{pc:x}, word 0x{word:x8}");
            Assert.Equal(cache.LatencyOf(c), latency);
        }
    }
}
