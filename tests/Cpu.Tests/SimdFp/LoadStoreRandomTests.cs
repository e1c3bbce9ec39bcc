using Emulator.Cpu.Decoding;
using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.SimdFp.SimdGuest;

namespace Emulator.Cpu.Tests.SimdFp;

/// <summary>
/// Random words of every SIMD&amp;FP load/store row, each run once: every run ends in a defined way
/// (the end marker, or an exception vector), and every structure load or store that completes
/// gives the pseudocode transcription's registers and memory.
/// </summary>
public sealed class LoadStoreRandomTests
{
    [Fact]
    public void RandomWordsOfEveryRow_EndDefined_AndStructuresMatchThePseudocode()
    {
        var random = new Random(0x51D);
        var failures = new List<string>();
        int compared = 0;
        foreach (A64Encoding row in A64Decoder.Instance.Table)
        {
            if (row.Differential != DifferentialGroup.FpSimd || row.Class != InstructionClass.LoadStore)
                continue;
            for (int i = 0; i < 150; i++)
            {
                uint word = ((uint)random.Next() << 1 ^ (uint)random.Next()) & ~row.Mask | row.Value;
                ulong[] bases = new ulong[31];
                for (int r = 0; r < 31; r++)
                    bases[r] = Data + 0x2000 + (ulong)random.Next(0, 24) * 0x1000 + (ulong)random.Next(0, 32) * 16;
                GuestMachine m = Prepare(mm =>
                {
                    for (int r = 0; r < 31; r++)
                        mm.Core.X[r] = bases[r];
                    mm.Core.Sp = Data + 0x1_F000;
                }, [word]);
                m.InstallHvcVectors();
                StructureReference? reference = null;
                bool structure = row.Op is A64Op.SimdLoadStoreMultiple or A64Op.SimdLoadStoreMultiplePostIndex
                    or A64Op.SimdLoadStoreSingle or A64Op.SimdLoadStoreSinglePostIndex;
                if (structure)
                    reference = new StructureReference(m);
                try
                {
                    m.Run();
                }
                catch (Exception e)
                {
                    failures.Add($"0x{word:x8} ({row.Name}): host threw {e.GetType().Name}: {e.Message}");
                    continue;
                }
                if (m.LastExit != Core.CpuExit.HypervisorCall)
                {
                    failures.Add($"0x{word:x8} ({row.Name}): exit {m.LastExit}");
                    continue;
                }
                if (m.Core.ExitImmediate != 0 || reference is null)
                    continue; // an exception (UNDEFINED, alignment): checked by the other tests
                if (row.Op is A64Op.SimdLoadStoreMultiple or A64Op.SimdLoadStoreMultiplePostIndex)
                    reference.Multiple(word);
                else
                    reference.Single(word);
                try
                {
                    reference.AssertMatches(m, $"0x{word:x8}");
                    compared++;
                }
                catch (Exception e)
                {
                    failures.Add(e.Message);
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.True(compared > 200, $"only {compared} structure words completed");
    }
}
