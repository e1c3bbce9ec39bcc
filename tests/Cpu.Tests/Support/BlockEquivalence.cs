using System.Text;
using System.Text.Json;
using Emulator.Cpu.Core;
using Emulator.Cpu.Tests.Mmu;
using Emulator.Mmu.Caches;
using Emulator.Mmu.Physical;

namespace Emulator.Cpu.Tests.Support;

/// <summary>
/// Two copies of one guest: one whose core interprets every instruction, one whose core runs hot
/// code as translated blocks compiled synchronously (so which code runs translated depends only on
/// the guest). Everything the guest or the host can observe is compared between them: registers,
/// PSTATE, counters and cycles, system registers of exceptions, the branch predictor's counters,
/// all of RAM and, with a cache hierarchy attached, every cache's statistics and line states.
/// </summary>
public sealed class BlockEquivalence
{
    private BlockEquivalence(GuestMachine interpreted, GuestMachine translated, CacheHierarchy? interpretedCache, CacheHierarchy? translatedCache)
    {
        Interpreted = interpreted;
        Translated = translated;
        InterpretedCache = interpretedCache;
        TranslatedCache = translatedCache;
        Assert.False(interpreted.Core.BlockTranslation);
        Assert.True(translated.Core.BlockTranslation);
    }

    public GuestMachine Interpreted { get; }

    public GuestMachine Translated { get; }

    public CacheHierarchy? InterpretedCache { get; private set; }

    public CacheHierarchy? TranslatedCache { get; private set; }

    public IEnumerable<GuestMachine> Both => [Interpreted, Translated];

    /// <summary>The configuration of one side: translation on or off, otherwise the defaults.</summary>
    public static CpuConfiguration Configuration(bool translate) => new() { BlockTranslation = translate, HotBlockEntries = GuestMachine.TestHotBlockEntries };

    /// <summary>Plain machines (MMU off) with <paramref name="code"/> at the code base.</summary>
    public static BlockEquivalence Plain(IEnumerable<uint> code)
    {
        uint[] words = [.. code];
        return new BlockEquivalence(Make(words, false), Make(words, true), null, null);

        static GuestMachine Make(uint[] words, bool translate)
        {
            GuestMachine m = GuestMachine.Load(words, Configuration(translate));
            m.Core.BackgroundTranslation = false;
            return m;
        }
    }

    /// <summary>
    /// <see cref="MmuGuest"/>s (RAM identity-mapped Normal WB, HVC vectors) running
    /// <paramref name="code"/> after the MMU-enabling prologue, with a cache hierarchy of
    /// <paramref name="cache"/> attached to each core as agent 0 (null: none);
    /// <paramref name="setup"/> may add mappings and memory contents to each guest.
    /// </summary>
    public static BlockEquivalence WithMmu(IEnumerable<uint> code, CacheHierarchyConfig? cache, Action<MmuGuest>? setup = null)
    {
        uint[] words = [.. code];
        (GuestMachine i, CacheHierarchy? ic) = Make(words, cache, setup, false);
        (GuestMachine t, CacheHierarchy? tc) = Make(words, cache, setup, true);
        return new BlockEquivalence(i, t, ic, tc);

        static (GuestMachine, CacheHierarchy?) Make(uint[] words, CacheHierarchyConfig? config, Action<MmuGuest>? setup, bool translate)
        {
            var g = new MmuGuest(configuration: Configuration(translate));
            setup?.Invoke(g);
            g.Machine.Core.BackgroundTranslation = false;
            CacheHierarchy? hierarchy = null;
            if (config is not null)
            {
                hierarchy = new CacheHierarchy(config, g.Machine.Ram, cpuCount: 1);
                g.Machine.Core.AttachCache(hierarchy, 0);
            }
            g.Load(words);
            return (g.Machine, hierarchy);
        }
    }

    /// <summary>Attaches a new cache hierarchy of <paramref name="config"/> to each core (as agent 0), as a host may between runs.</summary>
    public void AttachCaches(CacheHierarchyConfig config)
    {
        InterpretedCache = new CacheHierarchy(config, Interpreted.Ram, cpuCount: 1);
        Interpreted.Core.AttachCache(InterpretedCache, 0);
        TranslatedCache = new CacheHierarchy(config, Translated.Ram, cpuCount: 1);
        Translated.Core.AttachCache(TranslatedCache, 0);
    }

    /// <summary>Does the same host-side setup on both machines.</summary>
    public void ForBoth(Action<GuestMachine> action)
    {
        action(Interpreted);
        action(Translated);
    }

    /// <summary>Runs both machines for <paramref name="budget"/> instructions; asserts they stopped for the same reason.</summary>
    public CpuExit Run(ulong budget = 10_000_000)
    {
        CpuExit a = Interpreted.Run(budget);
        CpuExit b = Translated.Run(budget);
        Assert.True(a == b, $"exit: interpreted {a} (PC 0x{Interpreted.Core.Pc:x}), translated {b} (PC 0x{Translated.Core.Pc:x})");
        return a;
    }

    /// <summary>Runs both to their HVC #0 marker and compares everything.</summary>
    public void RunToEnd(ulong budget = 10_000_000)
    {
        Interpreted.RunToEnd(budget);
        Translated.RunToEnd(budget);
        AssertSame("at the end");
    }

    /// <summary>Runs both into the HVC vector <paramref name="vector"/> and compares everything.</summary>
    public void RunToVector(ushort vector, ulong budget = 10_000_000)
    {
        Interpreted.RunToVector(vector, budget);
        Translated.RunToVector(vector, budget);
        AssertSame($"at vector 0x{vector:x}");
    }

    /// <summary>Asserts that the translated side really ran translated blocks, and the interpreted side none.</summary>
    public void AssertTranslated()
    {
        Assert.True(Translated.Core.BlocksTranslated > 0, "the translated machine translated no block: the comparison proves nothing");
        Assert.Equal(0UL, Interpreted.Core.BlocksTranslated);
    }

    /// <summary>
    /// Compares every observable between the two machines; the failure lists each field that
    /// differs. Without <paramref name="memory"/>, RAM and the caches' lines are left out (the
    /// caches' statistics are still compared).
    /// </summary>
    public void AssertSame(string context, bool memory = true)
    {
        var differences = new StringBuilder();
        List<(string Name, string Value)> a = Observe(Interpreted, InterpretedCache);
        List<(string Name, string Value)> b = Observe(Translated, TranslatedCache);
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i] != b[i])
                differences.Append($"\n  {a[i].Name}: interpreted {a[i].Value}, translated {b[i].Value}");
        }
        if (memory && FirstMemoryDifference(Interpreted.Ram, Translated.Ram) is ulong pa)
            differences.Append($"\n  RAM differs first at PA 0x{pa:x}: interpreted 0x{Interpreted.Read8(pa):x2}, translated 0x{Translated.Read8(pa):x2}");
        if (memory && InterpretedCache is not null && TranslatedCache is not null)
            CompareCaches(InterpretedCache, TranslatedCache, differences);
        if (differences.Length > 0)
            Assert.Fail($"translated run differs from the interpreter {context}:{differences}");
    }

    private static List<(string, string)> Observe(GuestMachine m, CacheHierarchy? cache)
    {
        ArmCore c = m.Core;
        var values = new List<(string, string)>();
        void Add(string name, ulong value) => values.Add((name, $"0x{value:x}"));
        for (int i = 0; i < 31; i++)
            Add($"X{i}", c.X[i]);
        Add("SP", c.Sp);
        Add("SP_EL0", c.SpEl0);
        Add("SP_EL1", c.SpEl1);
        Add("PC", c.Pc);
        Add("NZCV", c.Nzcv);
        Add("DAIF", c.Daif);
        Add("CurrentEL", (ulong)c.CurrentEl);
        Add("SPSel", c.SpSel ? 1UL : 0);
        Add("Instructions", c.Instructions);
        Add("Cycles", c.Cycles);
        Add("BusyCycles", c.BusyCycles);
        Add("MemoryCycles", c.MemoryCycles);
        Add("IdleCycles", c.IdleCycles);
        Add("ESR_EL1", c.Sys.ESR_EL1);
        Add("ELR_EL1", c.Sys.ELR_EL1);
        Add("FAR_EL1", c.Sys.FAR_EL1);
        Add("SPSR_EL1", c.Sys.SPSR_EL1);
        Add("ESR_EL2", c.El2.ESR_EL2);
        Add("FAR_EL2", c.El2.FAR_EL2);
        Add("HPFAR_EL2", c.El2.HPFAR_EL2);
        Add("Predictor.Conditional", c.Predictor.Conditional);
        Add("Predictor.ConditionalMispredicts", c.Predictor.ConditionalMispredicts);
        Add("Predictor.Indirect", c.Predictor.Indirect);
        Add("Predictor.IndirectMispredicts", c.Predictor.IndirectMispredicts);
        Add("CNTP_CTL", c.Timer.Physical.Ctl);
        Add("CNTV_CTL", c.Timer.Virtual.Ctl);
        Add("ExitImmediate", c.ExitImmediate);
        values.Add(("LastExit", m.LastExit.ToString()));
        if (cache is not null)
        {
            var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject(); // WriteStatistics writes a property
                cache.WriteStatistics(writer);
                writer.WriteEndObject();
            }
            values.Add(("CacheHierarchy.WriteStatistics", Encoding.UTF8.GetString(stream.ToArray())));
            foreach (Cache k in cache.Caches)
            {
                CacheStatistics s = k.Statistics;
                values.Add(($"{k.Name}.Statistics",
                    $"hits {s.Hits} misses {s.Misses} fills {s.Fills} writebacks {s.Writebacks} evictions {s.Evictions} " +
                    $"maintenance {s.Maintenance} speculative {s.SpeculativeFills} snoop-invalidations {s.SnoopInvalidations}"));
                values.Add(($"{k.Name}.ValidLines", k.ValidLines.ToString()));
                values.Add(($"{k.Name}.DirtyLines", k.DirtyLines.ToString()));
            }
        }
        return values;
    }

    /// <summary>The lowest physical address whose byte differs between the two RAMs, or null.</summary>
    private static ulong? FirstMemoryDifference(Ram a, Ram b)
    {
        Assert.Equal(a.Size, b.Size);
        for (ulong offset = 0; offset < a.Size; offset += Ram.ChunkSize)
        {
            byte[]? x = a.ChunkForRead(offset), y = b.ChunkForRead(offset);
            if (x is null && y is null)
                continue;
            // A chunk never written reads as zeros.
            int at = x is null ? y!.AsSpan().IndexOfAnyExcept((byte)0)
                : y is null ? x.AsSpan().IndexOfAnyExcept((byte)0)
                : x.AsSpan().CommonPrefixLength(y) is int common && common < Ram.ChunkSize ? common : -1;
            if (at >= 0)
                return a.BaseAddress + offset + (ulong)at;
        }
        return null;
    }

    /// <summary>Every line of RAM in every cache: present or not, its way, dirty or clean, and its bytes.</summary>
    private static void CompareCaches(CacheHierarchy a, CacheHierarchy b, StringBuilder differences)
    {
        Assert.Equal(a.Caches.Count, b.Caches.Count);
        for (int i = 0; i < a.Caches.Count; i++)
        {
            Cache x = a.Caches[i], y = b.Caches[i];
            Assert.Equal(x.Name, y.Name);
            int lineSize = x.LineSize;
            byte[] lx = new byte[lineSize], ly = new byte[lineSize];
            int reported = 0;
            for (ulong pa = a.Ram.BaseAddress; pa < a.Ram.BaseAddress + a.Ram.Size && reported < 8; pa += (ulong)lineSize)
            {
                int wx = x.WayOf(pa), wy = y.WayOf(pa);
                bool dx = x.IsDirty(pa), dy = y.IsDirty(pa);
                bool sameData = wx < 0 || (x.TryPeekLine(pa, lx) && y.TryPeekLine(pa, ly) && lx.AsSpan().SequenceEqual(ly));
                if (wx != wy || dx != dy || !sameData)
                {
                    differences.Append($"\n  {x.Name} line 0x{pa:x}: interpreted way {wx} dirty {dx}, translated way {wy} dirty {dy}{(sameData ? "" : ", data differs")}");
                    reported++;
                }
            }
        }
    }
}
