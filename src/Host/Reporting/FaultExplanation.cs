using Emulator.Cpu.Core;
using Emulator.Host.Disassembly;

namespace Emulator.Host.Reporting;

/// <summary>
/// Turns the chain of exceptions that ended a run into a message that leads with the cause: the
/// first exception of the chain, its PC, its class in words and its instruction disassembled, and
/// whether the cause is the emulator's limitation rather than the guest's fault.
/// </summary>
public sealed record FaultExplanation(IReadOnlyList<FaultLink> Chain, bool EmulatorLimitation, string Message)
{
    public FaultLink First => Chain[0];

    public static FaultExplanation Explain(IReadOnlyList<FaultLink> chain, GuestFaultRecord fault) =>
        Explain(chain, fault, word => A64Disassembler.Row(word) is not null);

    /// <param name="implemented">Whether the emulator's decode table has a row for a word (a parameter for tests).</param>
    public static FaultExplanation Explain(IReadOnlyList<FaultLink> chain, GuestFaultRecord fault, Func<uint, bool> implemented)
    {
        FaultLink first = chain[0];
        bool limitation = IsUnimplementedAllocatedEncoding(first, implemented);
        string tail = $"guest fault at its own exception vector: PC 0x{fault.Pc:x}, ESR 0x{fault.Esr:x}, FAR 0x{fault.Far:x}, " +
            $"instruction {(fault.Instruction is uint w ? $"0x{w:x8}" : "unreadable")}, ELR_EL1 0x{fault.Elr:x}";
        if (chain.Count == 1)
            return new FaultExplanation(chain, limitation, $"{Cause(first)}: {tail}");
        string lead = Cause(first);
        string verdict = limitation
            ? "; the architecture allocates this encoding (the Capstone disassembler decodes it) but this emulator does not implement it: " +
              "an emulator limitation, not a fault of the guest"
            : string.Empty;
        return new FaultExplanation(chain, limitation, $"{lead}{verdict}; the guest could not handle it: {tail}");
    }

    /// <summary>"UNDEFINED instruction `ldp q1, q2, [x0]` at 0x40080078 (0xad400801, Loads and Stores (FP/SIMD), EL1, ESR 0x2000000)".</summary>
    private static string Cause(FaultLink link)
    {
        if (link.Type != ExceptionType.Synchronous)
            return $"{link.What} at PC 0x{link.Pc:x} (from EL{link.FromEl})";
        string instruction = link.Disassembly is not null ? $" `{link.Disassembly}`" : string.Empty;
        string word = link.Instruction is uint w ? $"0x{w:x8}, " : "instruction not readable, ";
        string group = link.Instruction is uint g && link.ExceptionClass == 0 ? $"{A64EncodingGroups.Of(g)}, " : string.Empty;
        string far = link.ExceptionClass is 0x20 or 0x21 or 0x22 or 0x24 or 0x25 or 0x34 or 0x35 ? $", FAR 0x{link.Far:x}" : string.Empty;
        string stale = link.NewestInstruction is uint n
            ? $"; the fetch read memory (MMU and instruction cache off), while the newest copy of that word, still in a data cache, is 0x{n:x8} `{link.NewestDisassembly}`: " +
              "the code was not cleaned to the Point of Coherency before it ran"
            : string.Empty;
        return $"{link.What}{instruction} at 0x{link.Pc:x} ({word}{group}EL{link.FromEl}, ESR 0x{link.Esr:x}{far}){stale}";
    }

    /// <summary>
    /// An UNDEFINED instruction (EC 0x00) whose word Capstone decodes but the emulator's decode
    /// table has no row for. Capstone decodes only encodings the architecture allocates, so such a
    /// word is one this emulator does not implement yet: its limitation, not the guest's bug. A word
    /// the decode table does have a row for was judged UNDEFINED by its handler (an unallocated
    /// field value, a register not accessible at this EL, ...): the guest's doing. UDF (bits
    /// [31:16] zero) is allocated as permanently UNDEFINED, so never counts. Capstone decodes the
    /// extensions it knows whether or not the modelled CPU has them, so a word from an extension
    /// the CPU lacks counts as a limitation too: the claim is only that the encoding is allocated.
    /// Without Capstone (native library missing) nothing is called a limitation. System register
    /// moves never are either (see <see cref="SystemMask"/>).
    /// </summary>
    public static bool IsUnimplementedAllocatedEncoding(FaultLink link, Func<uint, bool> implemented) =>
        link.Type == ExceptionType.Synchronous && link.ExceptionClass == 0 && link.Instruction is uint word
        && (word >> 16) != 0
        && (word & SystemMask) != SystemValue
        && !implemented(word)
        && A64Disassembler.Capstone(word, link.Pc) is not null;

    /// <summary>
    /// MSR, MRS, SYS and SYSL (bits [31:22] = 1101010100): Capstone decodes every such word, but
    /// which system registers and operations exist is enumerated register by register, and
    /// accessing one that does not is UNDEFINED by the architecture.
    /// </summary>
    private const uint SystemMask = 0xFFC00000, SystemValue = 0xD5000000;
}
