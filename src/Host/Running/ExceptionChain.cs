using Emulator.Cpu.Core;
using Emulator.Host.Disassembly;
using Emulator.Host.Logging;
using Emulator.Host.Reporting;
using Serilog;
using Serilog.Events;

namespace Emulator.Host.Running;

/// <summary>
/// Remembers the last exceptions the core took (a small ring, filled from
/// <see cref="ArmCore.ExceptionTaken"/>: on exception entry only, never per instruction), so that
/// a run that ends in a guest fault can name the exception that started it. With --trace cpu it
/// also logs the disassembled instruction of each synchronous exception.
/// </summary>
public sealed class ExceptionChain
{
    private const int Capacity = 16;

    private readonly ArmCore _core;
    private readonly Mmu.Physical.Ram _ram;
    private readonly Taken[] _ring = new Taken[Capacity];
    private int _count;
    private int _next;
    private static readonly ILogger Log = LogCategories.For(LogCategories.Cpu);

    /// <summary>One exception entry and where it went.</summary>
    private readonly record struct Taken(ExceptionEntry Entry, ulong Vector, ulong Instructions);

    private ExceptionChain(ArmCore core, Mmu.Physical.Ram ram)
    {
        _core = core;
        _ram = ram;
    }

    /// <summary>Hooks the recorder in front of whatever hook the core already had (which still runs).</summary>
    public static ExceptionChain Attach(ArmCore core, Mmu.Physical.Ram ram)
    {
        var chain = new ExceptionChain(core, ram);
        Action<ExceptionEntry>? previous = core.ExceptionTaken;
        bool trace = Log.IsEnabled(LogEventLevel.Debug);
        core.ExceptionTaken = e =>
        {
            previous?.Invoke(e);
            chain.Record(e);
            if (trace && e.Type == ExceptionType.Synchronous)
                chain.TraceInstruction(e);
        };
        return chain;
    }

    /// <summary>
    /// Called before the core changes state, so PSTATE is still the interrupted context's: the
    /// vector is chosen as AArch64.TakeException chooses it for a target of EL1.
    /// </summary>
    private void Record(ExceptionEntry e)
    {
        ulong offset = e.FromEl == 0 ? 0x400UL : (_core.SpSel ? 0x200UL : 0x000UL);
        _ring[_next] = new Taken(e, _core.Sys.VBAR_EL1 + offset + (ulong)e.Type, _core.Instructions);
        _next = (_next + 1) % Capacity;
        _count = Math.Min(_count + 1, Capacity);
    }

    private void TraceInstruction(ExceptionEntry e)
    {
        Span<byte> bytes = stackalloc byte[4];
        string text = _core.ReadGuestMemory(e.Pc, bytes)
            ? A64Disassembler.Describe(global::System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes), e.Pc)
            : "(instruction not readable)";
        Log.Debug("  {Class} at 0x{Pc:x}: `{Instruction:l}`", ExceptionClasses.Describe(ExceptionClasses.Of(e.Esr)), e.Pc, text);
    }

    /// <summary>
    /// The exceptions that led to <paramref name="fault"/>, first one first, then the fault itself.
    /// The core stops with a guest fault when an exception comes from the first instruction of the
    /// vector the previous exception entered; the chain follows that rule backwards for as long as
    /// it holds (each exception raised by the very first instruction of the previous one's handler).
    /// </summary>
    public IReadOnlyList<FaultLink> Explain(GuestFaultRecord fault)
    {
        var links = new List<FaultLink>();
        ulong pc = fault.Pc;
        int index = _next;
        ulong? nextInstructions = null;
        for (int i = 0; i < _count; i++)
        {
            index = (index + Capacity - 1) % Capacity;
            Taken t = _ring[index];
            if (t.Vector != pc || (nextInstructions is ulong n && n != t.Instructions + 1))
                break;
            links.Add(Link(t.Entry));
            pc = t.Entry.Pc;
            nextInstructions = t.Instructions;
        }
        links.Reverse();
        links.Add(new FaultLink(ExceptionType.Synchronous, fault.ExceptionLevel, fault.Pc, fault.Esr, fault.Far, fault.Instruction,
            fault.Instruction is uint w ? A64Disassembler.Describe(w, fault.Pc) : null));
        return links;
    }

    private FaultLink Link(ExceptionEntry e)
    {
        uint? word = null;
        uint? newest = null;
        if (e.Type == ExceptionType.Synchronous)
        {
            Span<byte> bytes = stackalloc byte[4];
            if ((e.Pc & 3) == 0 && _core.ReadGuestMemory(e.Pc, bytes))
                word = global::System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes);
            // With the MMU and the instruction cache off (SCTLR_EL1.M = 0, I = 0) a fetch is a Non-cacheable
            // read of memory itself (the PA is the VA): what it saw may be older than the newest copy, which
            // may still be dirty in a data cache. Then the word in memory is the one that ran.
            const ulong sctlrM = 1, sctlrI = 1UL << 12;
            if (word is uint w && (_core.Sys.SCTLR_EL1 & (sctlrM | sctlrI)) == 0 && _ram.Contains(e.Pc, 4))
            {
                _ram.Read(e.Pc, bytes);
                uint memory = global::System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes);
                if (memory != w)
                {
                    newest = w;
                    word = memory;
                }
            }
        }
        return new FaultLink(e.Type, e.FromEl, e.Pc, e.Type == ExceptionType.Synchronous ? e.Esr : 0, e.Far, word,
            word is uint fetched ? A64Disassembler.Describe(fetched, e.Pc) : null)
        {
            NewestInstruction = newest,
            NewestDisassembly = newest is uint n ? A64Disassembler.Describe(n, e.Pc) : null,
        };
    }
}
