using System.Globalization;
using System.Text;
using Emulator.Cpu.Core;
using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.SystemRegisters;

/// <summary>
/// MRS and MSR of every System register encoding at EL1, checked against the register list generated
/// from the Arm ARM's encoding tables (arm-system-registers.tsv, made by tools/sysreg-index/generate.py):
/// <list type="bullet">
/// <item>the registers of the Armv8.0 features our ID registers advertise (the base architecture,
/// self-hosted debug with 6 breakpoints and 4 watchpoints, PMUv3 with N = 6, and RVBAR_EL1/RMR_EL1,
/// present because EL1 is the highest Exception level) are accessed without an exception in their
/// direction; the other direction of a read-only or write-only register is UNDEFINED;</item>
/// <item>the allocated ID registers (op0 3, op1 0, CRn 0, CRm 1..7) read, and writing them is UNDEFINED;</item>
/// <item>everything else in the list (later features, EL2, EL3, trace, GICv3 without a GICv3, the
/// Debug-state registers outside Debug state, counters and breakpoints beyond the implemented ones)
/// is UNDEFINED (EC 0x00);</item>
/// <item>every encoding of op0 2 and 3 the list does not have is UNDEFINED, except the unallocated
/// ID space (op0 3, op1 0, CRn 0, CRm 1..7), which reads as zero (Arm ARM D23.3.1: "Reserved, RES0")
/// — so no encoding is silently accepted.</item>
/// </list>
/// </summary>
public sealed class ArmRegisterIndexTests
{
    private const ulong CaseBase = GuestMachine.RamBase + 0x20_0000;

    private sealed record Register(int Op0, int Op1, int CRn, int CRm, int Op2, string Name, string Access, string Feature)
    {
        public int Key => Op0 << 14 | Op1 << 11 | CRn << 7 | CRm << 3 | Op2;
    }

    private static List<Register> Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "SystemRegisters", "arm-system-registers.tsv");
        var list = new List<Register>();
        foreach (string line in File.ReadLines(path))
        {
            if (line.StartsWith('#') || line.StartsWith("op0", StringComparison.Ordinal))
                continue;
            string[] f = line.Split('\t');
            list.Add(new Register(Int(f[0]), Int(f[1]), Int(f[2]), Int(f[3]), Int(f[4]), f[5], f[6], f[7]));
        }
        return list;

        static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
    }

    /// <summary>The features whose registers this PE implements (ID_AA64PFR0/DFR0_EL1 as the core reports them).</summary>
    private static bool Implemented(Register r) => r.Feature switch
    {
        "Armv8.0" or "Armv8.0-Debug" or "EL1-highest" => !BeyondImplemented(r),
        "FEAT_PMUv3" => !BeyondImplemented(r),
        _ => false,
    };

    /// <summary>Counters and breakpoints past the implemented ones: PMEVCNTR/PMEVTYPER n &gt;= 6, DBGB*R n &gt;= 6, DBGW*R n &gt;= 4.</summary>
    private static bool BeyondImplemented(Register r)
    {
        if (r.Name.StartsWith("PMEVCNTR", StringComparison.Ordinal) || r.Name.StartsWith("PMEVTYPER", StringComparison.Ordinal))
            return Index(r.Name) >= 6;
        if (r.Name.StartsWith("DBGB", StringComparison.Ordinal))
            return Index(r.Name) >= ArmCore.Breakpoints;
        if (r.Name.StartsWith("DBGW", StringComparison.Ordinal))
            return Index(r.Name) >= ArmCore.Watchpoints;
        return false;

        static int Index(string name)
        {
            int start = name.IndexOfAny("0123456789".ToCharArray());
            int end = name.IndexOf('_');
            return int.Parse(name.AsSpan(start, end - start), CultureInfo.InvariantCulture);
        }
    }

    private static bool InIdSpace(int op0, int op1, int crn, int crm) => op0 == 3 && op1 == 0 && crn == 0 && crm is >= 1 and <= 7;


    private static uint Encode(int op0, int op1, int crn, int crm, int op2, bool read) =>
        0xD510_0000u | (read ? 1u << 21 : 0) | (uint)(op0 & 1) << 19 | (uint)op1 << 16 | (uint)crn << 12 | (uint)crm << 8 | (uint)op2 << 5;

    /// <summary>
    /// Runs each instruction alone on a freshly reset PE at EL1, or EL0 (SIMD&amp;FP enabled, Xt = 0),
    /// and returns, per instruction, -1 when it completed or the exception class it took.
    /// </summary>
    private static int[] RunEach(IReadOnlyList<uint> words, out ulong[] values) => RunEach(words, el0: false, out values);

    private static int[] RunEach(IReadOnlyList<uint> words, bool el0, out ulong[] values)
    {
        var m = new GuestMachine();
        var code = new uint[words.Count * 2];
        for (int i = 0; i < words.Count; i++)
        {
            code[2 * i] = words[i];
            code[2 * i + 1] = el0 ? Svc(0) : Hvc(0); // HVC is UNDEFINED at EL0: there the SVC's exception marks the end
        }
        m.WriteWords(CaseBase, code);
        var results = new int[words.Count];
        values = new ulong[words.Count];
        for (int i = 0; i < words.Count; i++)
        {
            m.Core.Reset(CaseBase + (ulong)i * 8);
            m.InstallHvcVectors();
            m.Core.Sys.CPACR_EL1 = 3UL << 20;
            m.Core.UpdateFpEnabled();
            if (el0)
                m.Core.SetElAndSpSel(0, false);
            CpuExit exit = m.Run(16);
            Assert.True(exit == CpuExit.HypervisorCall, $"0x{words[i]:x8}: {exit} at 0x{m.Core.Pc:x}");
            ulong at = CaseBase + (ulong)i * 8;
            bool completed = el0 ? m.ExceptionClass == 0x15 && m.Elr == at + 8 : m.Core.ExitImmediate == 0;
            results[i] = completed ? -1 : (int)m.ExceptionClass;
            values[i] = m.X(0);
        }
        return results;
    }

    [Fact]
    public void Every_register_of_the_arm_arm_index_behaves_as_our_id_registers_say()
    {
        List<Register> list = Load();
        Assert.True(list.Count > 1000, $"{list.Count} encodings");
        var words = new List<uint>();
        var expectations = new List<(Register R, bool Read, bool Works)>();
        foreach (Register r in list)
        {
            bool implemented = Implemented(r);
            bool id = r.Feature == "ID";
            foreach (bool read in new[] { true, false })
            {
                bool direction = read ? r.Access != "WO" : r.Access != "RO";
                bool works = direction && (implemented || (id && read));
                words.Add(Encode(r.Op0, r.Op1, r.CRn, r.CRm, r.Op2, read));
                expectations.Add((r, read, works));
            }
        }
        int[] results = RunEach(words, out _);
        var wrong = new StringBuilder();
        for (int i = 0; i < results.Length; i++)
        {
            (Register r, bool read, bool works) = expectations[i];
            bool ok = works ? results[i] == -1 : results[i] == 0;
            if (!ok)
                wrong.AppendLine(CultureInfo.InvariantCulture, $"{(read ? "MRS" : "MSR")} {r.Name} (S{r.Op0}_{r.Op1}_C{r.CRn}_C{r.CRm}_{r.Op2}, {r.Feature}): expected {(works ? "no exception" : "UNDEFINED")}, got {(results[i] < 0 ? "no exception" : $"EC 0x{results[i]:x2}")}");
        }
        Assert.True(wrong.Length == 0, wrong.ToString());
    }

    /// <summary>
    /// At EL0 (after reset: SCTLR_EL1.UCT/UMA, CNTKCTL_EL1, PMUSERENR_EL0 and MDSCR_EL1.TDCC at 0):
    /// every register of EL1 or above, and every register of a feature not implemented, is
    /// UNDEFINED (SP_EL0 is an EL1 register); the implemented EL0 registers either work or trap to
    /// EL1 with EC 0x18 as their controls say, never UNDEFINED — except the EL0-read-only
    /// TPIDRRO_EL0, CNTFRQ_EL0 and PMUSERENR_EL0, whose MSR at EL0 is UNDEFINED.
    /// </summary>
    [Fact]
    public void At_el0_registers_of_higher_levels_and_absent_features_are_undefined()
    {
        var words = new List<uint>();
        var expectations = new List<(Register R, bool Read, bool Undefined)>();
        foreach (Register r in Load())
        {
            bool el0Register = (r.Name.EndsWith("_EL0", StringComparison.Ordinal) && r.Name != "SP_EL0") // SP_EL0 is EL1's
                || r.Name is "NZCV" or "DAIF" or "FPCR" or "FPSR" or "DBGDTRRX_EL0/DBGDTRTX_EL0";
            foreach (bool read in new[] { true, false })
            {
                bool direction = read ? r.Access != "WO" : r.Access != "RO";
                bool el0ReadOnly = !read && r.Name is "TPIDRRO_EL0" or "CNTFRQ_EL0" or "PMUSERENR_EL0";
                bool undefined = !(Implemented(r) && el0Register && direction && !el0ReadOnly);
                words.Add(Encode(r.Op0, r.Op1, r.CRn, r.CRm, r.Op2, read));
                expectations.Add((r, read, undefined));
            }
        }
        int[] results = RunEach(words, el0: true, out _);
        var wrong = new StringBuilder();
        for (int i = 0; i < results.Length; i++)
        {
            (Register r, bool read, bool undefined) = expectations[i];
            bool ok = undefined ? results[i] == 0 : results[i] is -1 or 0x18;
            if (!ok)
                wrong.AppendLine(CultureInfo.InvariantCulture, $"EL0 {(read ? "MRS" : "MSR")} {r.Name} ({r.Feature}): expected {(undefined ? "UNDEFINED" : "access or EC 0x18")}, got {(results[i] < 0 ? "no exception" : $"EC 0x{results[i]:x2}")}");
        }
        Assert.True(wrong.Length == 0, wrong.ToString());
    }

    [Fact]
    public void Every_encoding_the_arm_arm_does_not_allocate_is_undefined_but_the_id_space_reads_zero()
    {
        var listed = new HashSet<int>();
        foreach (Register r in Load())
            listed.Add(r.Key);
        var words = new List<uint>();
        var cases = new List<(int Op0, int Op1, int CRn, int CRm, int Op2, bool Read)>();
        for (int op0 = 2; op0 <= 3; op0++)
            for (int op1 = 0; op1 < 8; op1++)
                for (int crn = 0; crn < 16; crn++)
                    for (int crm = 0; crm < 16; crm++)
                        for (int op2 = 0; op2 < 8; op2++)
                        {
                            if (listed.Contains(op0 << 14 | op1 << 11 | crn << 7 | crm << 3 | op2))
                                continue;
                            foreach (bool read in new[] { true, false })
                            {
                                words.Add(Encode(op0, op1, crn, crm, op2, read));
                                cases.Add((op0, op1, crn, crm, op2, read));
                            }
                        }
        int[] results = RunEach(words, out ulong[] values);
        var wrong = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < results.Length; i++)
        {
            (int op0, int op1, int crn, int crm, int op2, bool read) = cases[i];
            bool raz = read && InIdSpace(op0, op1, crn, crm);
            bool ok = raz ? results[i] == -1 && values[i] == 0 : results[i] == 0;
            if (!ok && shown++ < 200)
                wrong.AppendLine(CultureInfo.InvariantCulture, $"{(read ? "MRS" : "MSR")} S{op0}_{op1}_C{crn}_C{crm}_{op2}: expected {(raz ? "0" : "UNDEFINED")}, got {(results[i] < 0 ? $"0x{values[i]:x}" : $"EC 0x{results[i]:x2}")}");
        }
        Assert.True(shown == 0, $"{shown} disagreements:\n{wrong}");
    }
}
