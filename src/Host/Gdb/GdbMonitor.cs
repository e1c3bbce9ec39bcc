using System.Globalization;
using System.Text;
using Emulator.Cpu.Core;
using Emulator.Devices.Vga;
using Emulator.Host.Board;
using Emulator.Host.Hypervisor.Policies;
using Emulator.Host.Reporting;
using Emulator.Host.Vmm;
using Emulator.Mmu.Attributes;
using Emulator.Mmu.Caches;
using Emulator.Mmu.Translation;

namespace Emulator.Host.Gdb;

/// <summary>
/// gdb's <c>monitor</c> commands (qRcmd): the coherency questions the emulator can answer about
/// the stopped machine. Every command only reads state, except <c>policy NAME</c>.
/// </summary>
public sealed class GdbMonitor(VirtBoard board, DisplayPipeline? display)
{
    public const string Help =
        "monitor commands:\n" +
        "  cache ADDR      the line holding guest VA ADDR (p:ADDR for a physical address) in every cache: state and bytes,\n" +
        "                  next to the coherent oracle's bytes and memory's\n" +
        "  attrs VA        the stage-1 walk, the stage-2 walk, each stage's attributes and the combined result\n" +
        "  policy [NAME]   show the coherency policy (and the others), or switch to NAME\n" +
        "  dirty           the VRAM dirty log: pages written since the VMM last collected it\n" +
        "  frame           the last displayed frame: stale pixels and where they are\n" +
        "  stats           instructions, cycles, caches, hypervisor and display figures so far\n" +
        "  help            this text\n";

    /// <summary>Runs one command line and returns its output (errors are output too: gdb shows them).</summary>
    public string Execute(string line, ArmCore core)
    {
        string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
            return Help;
        string arg = words.Length > 1 ? words[1] : "";
        return words[0] switch
        {
            "help" => Help,
            "cache" when words.Length == 2 => Cache(core, arg),
            "attrs" when words.Length == 2 => Attrs(core, arg),
            "policy" when words.Length <= 2 => Policy(arg),
            "dirty" when words.Length == 1 => Dirty(),
            "frame" when words.Length == 1 => Frame(),
            "stats" when words.Length == 1 => Stats(core),
            "cache" or "attrs" or "policy" or "dirty" or "frame" or "stats" => $"error: wrong arguments for '{words[0]}'\n{Help}",
            _ => $"error: unknown monitor command '{words[0]}'\n{Help}",
        };
    }

    private static bool TryParseAddress(string text, out ulong value)
    {
        string digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        return ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) && digits.Length is > 0 and <= 16;
    }

    private string Cache(ArmCore core, string arg)
    {
        var sb = new StringBuilder();
        bool physical = arg.StartsWith("p:", StringComparison.Ordinal);
        if (!TryParseAddress(physical ? arg[2..] : arg, out ulong address))
            return $"error: '{arg}' is not an address (hex, e.g. 0x10000000, or p:0x10000000 for a physical address)\n";
        ulong pa = address;
        if (!physical)
        {
            HostTranslation t = core.TranslateForHost(address, write: false);
            if (!t.Ok)
                return $"VA 0x{address:x} does not translate: {(t.Stage1.IsFault ? "stage 1: " + t.Stage1.Fault : "stage 2: " + t.Stage2Fault)}\n";
            pa = t.Pa;
            sb.Append(CultureInfo.InvariantCulture, $"VA 0x{address:x} -> PA 0x{pa:x} ({Describe(t.Combined)})\n");
        }
        if (!board.Ram.Contains(pa, 1))
            return sb.Append(CultureInfo.InvariantCulture, $"PA 0x{pa:x} is not RAM (no cache holds device memory)\n").ToString();
        CacheHierarchy? cache = board.Cache;
        int lineSize = cache?.LineSize ?? 64;
        ulong line = pa & ~(ulong)(lineSize - 1);
        sb.Append(CultureInfo.InvariantCulture, $"line PA 0x{line:x}-0x{line + (ulong)lineSize - 1:x} ({lineSize} bytes)\n");
        var bytes = new byte[lineSize];
        if (cache is null)
        {
            sb.Append("caches: the cache model is off (--cache off): memory is the only copy\n");
        }
        else
        {
            foreach (Cache c in cache.Caches)
            {
                if (c.TryPeekLine(line, bytes))
                    sb.Append(CultureInfo.InvariantCulture, $"  {c.Name,-9} way {c.WayOf(line)} {(c.IsDirty(line) ? "dirty" : "clean")}: {Hex(bytes)}\n");
                else
                    sb.Append(CultureInfo.InvariantCulture, $"  {c.Name,-9} absent\n");
            }
            if (cache.Oracle.ReadTruth(line, bytes))
                sb.Append(CultureInfo.InvariantCulture, $"  {"oracle",-9}             : {Hex(bytes)}\n");
            else
                sb.Append("  oracle    not tracked here (the oracle follows VRAM)\n");
        }
        board.Ram.Read(line, bytes);
        sb.Append(CultureInfo.InvariantCulture, $"  {"memory",-9}             : {Hex(bytes)}\n");
        return sb.ToString();
    }

    private static string Hex(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length * 2 + bytes.Length / 8);
        for (int i = 0; i < bytes.Length; i++)
        {
            if (i > 0 && i % 8 == 0)
                sb.Append(' ');
            sb.Append(GdbProtocol.HexDigit(bytes[i] >> 4)).Append(GdbProtocol.HexDigit(bytes[i]));
        }
        return sb.ToString();
    }

    private static string Describe(MemoryAttributes a) =>
        string.Create(CultureInfo.InvariantCulture, $"Attr 0x{a.Attr:x2} {a}, {a.EffectiveShareability}");

    private static string Attrs(ArmCore core, string arg)
    {
        if (!TryParseAddress(arg, out ulong va))
            return $"error: '{arg}' is not an address (hex, e.g. 0x40100000)\n";
        HostTranslation t = core.TranslateForHost(va, write: false);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"VA 0x{va:x} at EL{core.CurrentEl}, as a data read\n");
        if (!t.Stage1Enabled)
        {
            sb.Append("stage 1: off (SCTLR_EL1.M = 0 or HCR_EL2.DC = 1): VA = IPA\n");
            if (!t.Stage1.IsFault)
                sb.Append(CultureInfo.InvariantCulture, $"  attributes: {Describe(t.Stage1.Attributes)}\n");
        }
        else if (t.Stage1.IsFault)
        {
            sb.Append(CultureInfo.InvariantCulture, $"stage 1: {t.Stage1.Fault}\n");
        }
        else
        {
            S1Mapping m = t.Stage1.Mapping;
            sb.Append(CultureInfo.InvariantCulture,
                $"stage 1: level {m.Level} {(m.BlockShift == 12 ? "page" : "block")} VA 0x{m.VaBase:x} -> 0x{m.OaBase:x} ({SizeText(m.Size)}), AP {m.Ap} ({(m.ReadOnly ? "read-only" : "read/write")}{(m.El0Accessible ? ", EL0" : "")}), UXN {(m.Uxn ? 1 : 0)} PXN {(m.Pxn ? 1 : 0)}{(m.NotGlobal ? $", nG ASID {m.Asid}" : "")}\n");
            sb.Append(CultureInfo.InvariantCulture, $"  MAIR attributes: {Describe(m.Attributes)}\n");
            sb.Append(CultureInfo.InvariantCulture, $"  after SCTLR_EL1.C/I: {Describe(t.Stage1.Attributes)}\n");
        }
        if (t.Stage1.IsFault)
            return sb.ToString();
        sb.Append(CultureInfo.InvariantCulture, $"IPA 0x{t.Ipa:x}\n");
        if (!t.Stage2Enabled)
        {
            sb.Append("stage 2: off (HCR_EL2.VM = 0): PA = IPA\n");
        }
        else if (t.Stage2Fault.IsFault)
        {
            sb.Append(CultureInfo.InvariantCulture, $"stage 2: {t.Stage2Fault} (the hypervisor maps the page when the guest touches it)\n");
            return sb.ToString();
        }
        else
        {
            S2Mapping m = t.Stage2;
            sb.Append(CultureInfo.InvariantCulture,
                $"stage 2: level {m.Level} IPA 0x{m.IpaBase:x} -> 0x{m.OaBase:x} ({SizeText(m.Size)}), MemAttr 0b{Convert.ToString(m.MemAttr, 2).PadLeft(4, '0')}, SH {m.Shareability}, S2AP {m.S2Ap} ({(m.CanRead ? "R" : "")}{(m.CanWrite ? "W" : "")}), XN {m.Xn}\n");
            sb.Append(CultureInfo.InvariantCulture, $"  HCR_EL2.FWB {(core.Stage2Regime.Fwb ? 1 : 0)}, CD {(core.Stage2Regime.Cd ? 1 : 0)}\n");
        }
        sb.Append(CultureInfo.InvariantCulture, $"combined: {Describe(t.Combined)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"PA 0x{t.Pa:x}\n");
        return sb.ToString();
    }

    private static string SizeText(ulong size) => size >= 1UL << 30 ? $"{size >> 30} GiB" : size >= 1UL << 20 ? $"{size >> 20} MiB" : $"{size >> 10} KiB";

    private string Policy(string name)
    {
        CoherencyPolicy current = board.Hypervisor.Policy;
        var sb = new StringBuilder();
        if (name.Length > 0 && name != current.Name)
        {
            CoherencyPolicy? wanted = CoherencyPolicies.Find(name);
            if (wanted is null)
                return $"error: unknown policy '{name}' (known: {CoherencyPolicies.Names})\n";
            PolicySwitch.Switch(board, wanted);
            sb.Append(CultureInfo.InvariantCulture, $"switched from {current.Name} to {wanted.Name}\n");
            current = wanted;
        }
        sb.Append(CultureInfo.InvariantCulture, $"policy: {current.Name}: {current.Description}\n");
        foreach (CoherencyPolicy p in CoherencyPolicies.All)
            sb.Append(CultureInfo.InvariantCulture, $"  {(p.Name == current.Name ? '*' : ' ')} {p.Name,-12} {p.Description}\n");
        return sb.ToString();
    }

    private string Dirty()
    {
        var log = board.VramDirtyLog;
        var sb = new StringBuilder();
        var ranges = new StringBuilder();
        ulong pending = 0;
        for (ulong page = 0; page < log.Pages;)
        {
            if (!log.IsPending(page))
            {
                page++;
                continue;
            }
            ulong first = page;
            while (page < log.Pages && log.IsPending(page))
                page++;
            pending += page - first;
            ranges.Append(page - first == 1 ? $" {first}" : $" {first}-{page - 1}");
        }
        sb.Append(CultureInfo.InvariantCulture, $"VRAM dirty log: {pending} of {log.Pages} pages dirty (4 KiB pages from PA 0x{log.Slot.Base:x})");
        sb.Append(pending == 0 ? "\n" : ":" + ranges + "\n");
        sb.Append(CultureInfo.InvariantCulture, $"collected so far: {log.CollectedPages} pages in {log.Rounds} rounds\n");
        return sb.ToString();
    }

    private string Frame()
    {
        if (display?.LastFrame is not VgaFrame f)
            return "no frame displayed yet\n";
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"frame {f.Number} ({f.Mode}) at {f.SimulatedSeconds:F4} s: {f.StalePixels} stale pixels, {f.PendingPixels} pending, {f.DirtyPages} dirty pages, {f.LinesRead} lines read\n");
        if (f.StalePixels == 0 || f.PixelState.Length < f.Width * f.Height)
            return sb.ToString();
        int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1, rowsShown = 0;
        var rows = new StringBuilder();
        for (int y = 0; y < f.Height; y++)
        {
            int count = 0, first = -1, last = -1;
            for (int x = 0; x < f.Width; x++)
            {
                if (f.PixelState[y * f.Width + x] != VgaFrame.Stale)
                    continue;
                count++;
                if (first < 0)
                    first = x;
                last = x;
            }
            if (count == 0)
                continue;
            minX = Math.Min(minX, first);
            maxX = Math.Max(maxX, last);
            minY = Math.Min(minY, y);
            maxY = y;
            if (rowsShown++ < 16)
                rows.Append(CultureInfo.InvariantCulture, $"  row {y}: {count} stale, x {first}-{last}\n");
        }
        sb.Append(CultureInfo.InvariantCulture, $"stale area: x {minX}-{maxX}, y {minY}-{maxY} ({rowsShown} rows)\n");
        sb.Append(rows);
        if (rowsShown > 16)
            sb.Append(CultureInfo.InvariantCulture, $"  ... {rowsShown - 16} more rows\n");
        return sb.ToString();
    }

    private string Stats(ArmCore core)
    {
        var report = new RunReport
        {
            Image = "",
            Reason = ExitReason.Interrupted,
            Status = 0,
            Instructions = core.Instructions,
            Cycles = core.Cycles,
            Core = core,
            Cache = board.Cache,
            Hypervisor = board.Hypervisor,
            Display = display?.Statistics,
        };
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        writer.WriteLine($"instructions {core.Instructions}, cycles {core.Cycles}, PC 0x{core.Pc:x}, EL{core.CurrentEl}");
        using var tables = new StringWriter(CultureInfo.InvariantCulture);
        RunStatistics.Print(tables, report, board.Cache, board.Hypervisor, display?.Statistics);
        // The tables are the end-of-run ones: the run has not ended, so its exit and wall-clock rows are left out.
        foreach (string row in tables.ToString().Split('\n'))
        {
            if (!row.Contains(" exit ", StringComparison.Ordinal) && !row.Contains("wall seconds", StringComparison.Ordinal) && !row.Contains("guest MIPS", StringComparison.Ordinal))
                writer.Write(row + "\n");
        }
        return writer.ToString();
    }
}
