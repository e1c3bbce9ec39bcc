using System.Buffers.Binary;
using System.Diagnostics;
using Emulator.Mmu.Attributes;
using Emulator.Mmu.Translation;
using Xunit.Abstractions;

namespace Emulator.Mmu.Tests.Translation;

/// <summary>
/// Issue 11's random page tables: memory full of random descriptors (many of them valid table,
/// block and page descriptors pointing back into it, so walks go deep), random stage-1 registers
/// and random HCR_EL2 (VM, DC, CD, ID, FWB, PTW), VTCR_EL2 and VTTBR_EL2, then
/// <see cref="TwoStageTranslation.Translate"/> of random VAs with random access types. It must never
/// throw; a fault must be well formed (a defined type, an encodable status code, a level from 0 to 3,
/// S1PTW only on stage-2 faults); a success must have its IPA inside stage 1's output size and its PA
/// inside stage 2's, and agree with its stage-2 leaf; and translating the same VA again, with the TLB
/// now warm, must give the same result. EMULATOR_ROBUST_SEED repeats a run;
/// EMULATOR_ROBUST_ITERATIONS multiplies the number of register sets.
/// </summary>
public sealed class Stage2FuzzTests(ITestOutputHelper output)
{
    private const ulong MemoryBase = 0x4000_0000;
    private const int MemorySize = 1 << 20;
    private static readonly int[] PhysicalAddressSizes = [32, 36, 40, 42, 44, 48];

    [Fact]
    public void Random_tables_and_registers_translate_without_throwing_and_with_well_formed_results()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("EMULATOR_ROBUST_SEED"), out int s) ? s : 0x52F;
        int registerSets = Scaled(3000);
        const int translationsPerSet = 40;
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        var outcomes = new Dictionary<string, int>();
        var memory = new byte[MemorySize];
        for (int set = 0; set < registerSets && failures.Count < 10; set++)
        {
            if (set % 100 == 0)
                FillTables(random, memory);
            TranslationRegisters s1 = RandomStage1(random);
            Stage2Registers s2 = RandomStage2(random);
            var tlb = new Tlb();
            var guest = new Reader(memory);
            var tables = new Reader(memory);
            for (int t = 0; t < translationsPerSet && failures.Count < 10; t++)
            {
                ulong va = RandomVa(random);
                var access = new TranslationAccess((AccessType)random.Next(3), Unprivileged: random.Next(4) == 0, Aligned: random.Next(8) != 0);
                string where = $"seed 0x{seed:x} set {set} translation {t}: VA 0x{va:x} {access}, {s1}, {s2}";
                try
                {
                    TranslationResult first = TwoStageTranslation.Translate(s1, s2, tlb, va, access, ref guest, ref tables);
                    Check(first, s1, s2, where, failures);
                    string key = first.IsFault ? $"{(first.Fault.Stage2 ? "s2" : "s1")} {first.Fault.Type}" + (first.Fault.S1Ptw ? " (s1ptw)" : "") : "ok";
                    outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
                    if (!s1.HardwareUpdatesAccessFlag)
                    {
                        TranslationResult again = TwoStageTranslation.Translate(s1, s2, tlb, va, access, ref guest, ref tables);
                        if (again != first)
                            failures.Add($"{where}: a second translation with the TLB warm gave {Describe(again)}, the first {Describe(first)}");
                    }
                }
                catch (Exception e)
                {
                    failures.Add($"{where}: host exception {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
                }
            }
        }
        output.WriteLine($"seed 0x{seed:x}: {registerSets} register sets x {translationsPerSet} translations in {clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine(string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}")));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(outcomes.GetValueOrDefault("ok") > registerSets / 20, "too few successful translations: the generator does not build usable tables");
        Assert.Contains(outcomes.Keys, k => k.Contains("s1ptw", StringComparison.Ordinal));
    }

    private static void Check(in TranslationResult r, in TranslationRegisters s1, in Stage2Registers s2, string where, List<string> failures)
    {
        if (r.IsFault)
        {
            FaultRecord f = r.Fault;
            if (!Enum.IsDefined(f.Type) || f.Level is < 0 or > 3)
            {
                failures.Add($"{where}: malformed fault {f.Type} level {f.Level}");
                return;
            }
            uint code = f.StatusCode;
            if (code >= 64)
                failures.Add($"{where}: status code 0x{code:x} is wider than 6 bits");
            if (f.S1Ptw && !f.Stage2)
                failures.Add($"{where}: S1PTW on a stage-1 fault");
            if (f.Stage2 && !s2.Enabled)
                failures.Add($"{where}: stage-2 fault with stage 2 disabled");
            if (r.Pa != 0)
                failures.Add($"{where}: fault with PA 0x{r.Pa:x}");
            return;
        }
        int ipaBits = (s2.Enabled && s2.Dc) || !s1.MmuEnabled ? s1.PhysicalAddressBits : s1.OutputAddressBits;
        if (r.Ipa >> ipaBits != 0)
            failures.Add($"{where}: IPA 0x{r.Ipa:x} beyond stage 1's {ipaBits}-bit output");
        if (s2.Enabled)
        {
            if (r.Pa >> s2.OutputAddressBits != 0)
                failures.Add($"{where}: PA 0x{r.Pa:x} beyond stage 2's {s2.OutputAddressBits}-bit output");
            if (!r.Stage2Mapping.Contains(r.Ipa) || r.Stage2Mapping.OutputAddress(r.Ipa) != r.Pa)
                failures.Add($"{where}: PA 0x{r.Pa:x} does not come from its stage-2 leaf {r.Stage2Mapping} for IPA 0x{r.Ipa:x}");
        }
        else if (r.Pa != r.Ipa)
        {
            failures.Add($"{where}: PA 0x{r.Pa:x} differs from IPA 0x{r.Ipa:x} without stage 2");
        }
    }

    private static string Describe(in TranslationResult r) =>
        r.IsFault ? r.Fault.ToString() : $"PA 0x{r.Pa:x} IPA 0x{r.Ipa:x} {r.Attributes}";

    /// <summary>
    /// Random descriptors: a third random words, a third table descriptors and a third block or page
    /// descriptors, the latter two pointing back into the memory (granule-aligned) with random attributes.
    /// </summary>
    private static void FillTables(Random random, byte[] memory)
    {
        for (int i = 0; i < memory.Length; i += 8)
        {
            ulong target = MemoryBase + ((ulong)(uint)random.Next(MemorySize) & ~0xFFFUL);
            ulong upper = (ulong)(uint)random.Next(1 << 12) << 52;
            ulong descriptor = random.Next(3) switch
            {
                0 => (ulong)random.NextInt64() ^ (ulong)random.NextInt64() << 1,
                1 => target | 3 | (random.Next(4) == 0 ? upper : 0),
                _ => target | (random.Next(2) == 0 ? 1UL : 3UL) | (ulong)(uint)random.Next(1 << 10) << 2 & 0x3FC | (random.Next(8) != 0 ? 1UL << 10 : 0) | upper,
            };
            BinaryPrimitives.WriteUInt64LittleEndian(memory.AsSpan(i), descriptor);
        }
    }

    private static TranslationRegisters RandomStage1(Random random)
    {
        ulong sctlr = (ulong)random.NextInt64();
        sctlr = random.Next(4) == 0 ? sctlr & ~1UL : sctlr | 1;
        ulong tcr = random.Next(3) == 0
            ? (ulong)random.NextInt64() ^ (ulong)random.NextInt64() << 1
            : (ulong)(uint)random.Next(16, 40) | (ulong)(uint)random.Next(16, 40) << 16 | (ulong)(uint)random.Next(4) << 14 | (ulong)(uint)random.Next(4) << 30
                | (ulong)(uint)random.Next(8) << 32 | (ulong)(uint)random.Next(0x100) << 8 & 0x3F00 | (random.Next(8) == 0 ? 1UL << 7 : 0) | (random.Next(2) == 0 ? 1UL << 37 : 0);
        ulong ttbr0 = RandomTableBase(random), ttbr1 = RandomTableBase(random);
        ulong mair = random.Next(2) == 0 ? 0x44_FF_04_00UL : (ulong)random.NextInt64();
        int pa = PhysicalAddressSizes[random.Next(PhysicalAddressSizes.Length)];
        return new TranslationRegisters(sctlr, tcr, ttbr0, ttbr1, mair, pa, HardwareAccessFlagImplemented: random.Next(4) == 0);
    }

    private static Stage2Registers RandomStage2(Random random)
    {
        const ulong vm = 1, ptw = 1UL << 2, dc = 1UL << 12, cd = 1UL << 32, id = 1UL << 33, fwb = 1UL << 46;
        ulong hcr = random.Next(6) == 0 ? 0 : vm;
        foreach (ulong bit in new[] { ptw, dc, cd, id, fwb })
        {
            if (random.Next(4) == 0)
                hcr |= bit;
        }
        if (random.Next(8) == 0)
            hcr |= (ulong)random.NextInt64();
        ulong vtcr = random.Next(4) == 0
            ? (ulong)random.NextInt64()
            : (ulong)(uint)random.Next(16, 41) | (ulong)(uint)random.Next(4) << 6 | (ulong)(uint)random.Next(0x40) << 8 | (ulong)(uint)random.Next(4) << 14 | (ulong)(uint)random.Next(8) << 16;
        ulong vttbr = RandomTableBase(random) | (ulong)(uint)random.Next(0x1_0000) << 48;
        int pa = PhysicalAddressSizes[random.Next(PhysicalAddressSizes.Length)];
        return new Stage2Registers(hcr, vtcr, vttbr, pa);
    }

    private static ulong RandomTableBase(Random random) => random.Next(5) switch
    {
        0 => (ulong)random.NextInt64(),
        1 => MemoryBase + (ulong)(uint)random.Next(MemorySize),
        _ => MemoryBase + ((ulong)(uint)random.Next(MemorySize) & ~0xFFFUL),
    };

    private static ulong RandomVa(Random random) => random.Next(6) switch
    {
        0 => (ulong)random.NextInt64() ^ (ulong)random.NextInt64() << 1,
        1 => 0xFFFF_FF80_0000_0000 | (ulong)random.NextInt64(1L << 39),
        2 => (ulong)random.NextInt64(1L << 48),
        3 => (ulong)random.NextInt64(1L << 39),
        _ => MemoryBase + (ulong)(uint)random.Next(MemorySize),
    };

    private static int Scaled(int count) =>
        double.TryParse(Environment.GetEnvironmentVariable("EMULATOR_ROBUST_ITERATIONS"), System.Globalization.CultureInfo.InvariantCulture, out double f) && f > 0
            ? Math.Max(1, (int)(count * f))
            : count;

    /// <summary>Descriptor memory over a byte array at <see cref="MemoryBase"/>; anything else is an external abort.</summary>
    private readonly struct Reader(byte[] memory) : IDescriptorReader
    {
        public bool ReadDescriptor(ulong pa, MemoryAttributes walkAttributes, out ulong descriptor)
        {
            descriptor = 0;
            if (pa < MemoryBase || pa - MemoryBase > (ulong)memory.Length - 8 || (pa & 7) != 0)
                return false;
            descriptor = BinaryPrimitives.ReadUInt64LittleEndian(memory.AsSpan((int)(pa - MemoryBase)));
            return true;
        }

        public bool WriteDescriptor(ulong pa, MemoryAttributes walkAttributes, ulong descriptor)
        {
            if (pa < MemoryBase || pa - MemoryBase > (ulong)memory.Length - 8 || (pa & 7) != 0)
                return false;
            BinaryPrimitives.WriteUInt64LittleEndian(memory.AsSpan((int)(pa - MemoryBase)), descriptor);
            return true;
        }
    }
}
