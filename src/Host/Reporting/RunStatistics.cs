using Emulator.Host.Hypervisor;
using Emulator.Host.Vmm;
using Emulator.Mmu.Caches;
using Spectre.Console;

namespace Emulator.Host.Reporting;

/// <summary>
/// `--stats`: the end-of-run figures as tables on standard error (the guest's console stays on
/// standard output): time and IPC, each cache's hit rate, the hypervisor's work and the display's.
/// </summary>
public static class RunStatistics
{
    public static void Print(TextWriter output, RunReport report, CacheHierarchy? cache, KvmHypervisor hypervisor, DisplayStatistics? display)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 120;

        var run = new Table().Title("run").AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        run.AddRow("exit", $"{report.Reason.ToReportName()} ({report.Status})");
        run.AddRow("instructions", report.Instructions.ToString("N0"));
        run.AddRow("cycles", report.Cycles.ToString("N0"));
        run.AddRow("IPC", report.Cycles == 0 ? "-" : report.Ipc.ToString("F3"));
        if (report.Core is { } core)
        {
            run.AddRow("timing profile", core.CacheIdConfiguration.Name);
            run.AddRow("  busy cycles (instructions)", core.BusyCycles.ToString("N0"));
            run.AddRow("  memory cycles", core.MemoryCycles.ToString("N0"));
            run.AddRow("  idle cycles (WFI/WFE)", core.IdleCycles.ToString("N0"));
            Cpu.Timing.BranchPredictor p = core.Predictor;
            run.AddRow("conditional branches", $"{p.Conditional:N0} ({p.ConditionalMispredicts:N0} mispredicted)");
            run.AddRow("indirect branches", $"{p.Indirect:N0} ({p.IndirectMispredicts:N0} mispredicted)");
            // Host-side, like the wall time: which code ran translated varies with the host, the results do not.
            run.AddRow("translated blocks (host)", core.BlockTranslation
                ? $"{core.BlocksTranslated:N0} ({core.BlocksInvalidated:N0} dropped for changed code)"
                : "off (--interpret)");
        }
        run.AddRow("wall seconds", report.WallSeconds.ToString("F3"));
        run.AddRow("guest MIPS", report.Mips.ToString("F1"));
        console.Write(run);

        if (cache is not null)
        {
            var caches = new Table().Title("caches").AddColumn("cache");
            foreach (string column in new[] { "hits", "misses", "hit rate", "fills", "writebacks", "evictions", "maintenance", "spec. fills" })
                caches.AddColumn(new TableColumn(column).RightAligned());
            foreach (Cache c in cache.Caches)
            {
                CacheStatistics s = c.Statistics;
                long lookups = s.Hits + s.Misses;
                caches.AddRow(c.Name, s.Hits.ToString("N0"), s.Misses.ToString("N0"),
                    lookups == 0 ? "-" : (100.0 * s.Hits / lookups).ToString("F2") + " %",
                    s.Fills.ToString("N0"), s.Writebacks.ToString("N0"), s.Evictions.ToString("N0"), s.Maintenance.ToString("N0"),
                    s.SpeculativeFills.ToString("N0"));
            }
            console.Write(caches);
            console.WriteLine($"stale host reads: {cache.Oracle.StaleReads:N0}");
        }

        Stage2Statistics h = hypervisor.Statistics;
        var s2 = new Table().Title($"stage 2 (policy {hypervisor.Policy.Name})").AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        s2.AddRow("translation faults", h.TranslationFaults.ToString("N0"));
        s2.AddRow("permission faults", h.PermissionFaults.ToString("N0"));
        s2.AddRow("pages mapped", h.PagesMapped.ToString("N0"));
        s2.AddRow("pages cleaned", h.PagesCleaned.ToString("N0"));
        s2.AddRow("dirty pages collected", hypervisor.DirtyPagesCollected.ToString("N0"));
        s2.AddRow("MMIO exits", h.MmioExits.ToString("N0"));
        s2.AddRow("trapped instructions", h.TrappedInstructions.ToString("N0"));
        console.Write(s2);

        if (display is not null)
        {
            var d = new Table().Title("display").AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
            d.AddRow("mode", display.Mode ?? "-");
            d.AddRow("frames", display.Frames.ToString("N0"));
            d.AddRow("frames with stale pixels", display.FramesWithStale.ToString("N0"));
            d.AddRow("stale pixels (total)", display.StalePixelsTotal.ToString("N0"));
            d.AddRow("stale pixels (worst frame)", display.StalePixelsMax.ToString("N0"));
            d.AddRow("last frame hash", display.LastFrameHash is ulong hash ? $"0x{hash:x16}" : "-");
            console.Write(d);
        }
    }
}
