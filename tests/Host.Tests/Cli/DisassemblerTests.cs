using Emulator.Cpu.Core;
using Emulator.Host.Disassembly;
using Emulator.Host.Reporting;

namespace Emulator.Host.Tests.Cli;

public sealed class DisassemblerTests
{
    [Fact]
    public void Capstone_native_library_loads_on_linux_x64()
    {
        if (!OperatingSystem.IsLinux() || global::System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture != global::System.Runtime.InteropServices.Architecture.X64)
            return; // the package ships libcapstone for linux-x64 among others; this is the machine the project builds on
        Assert.True(A64Disassembler.CapstoneAvailable, A64Disassembler.Problem);
        Assert.Null(A64Disassembler.Problem);
    }

    [Theory]
    [InlineData(0xad400801u, "ldp q1, q2, [x0]")]
    [InlineData(0xaa0003f3u, "mov x19, x0")]
    [InlineData(0xd503201fu, "nop")]
    [InlineData(0x00000000u, "udf #0")]
    [InlineData(0x0000deadu, "udf #57005")]
    public void Words_disassemble_as_objdump_spells_them(uint word, string expected)
    {
        if (!A64Disassembler.CapstoneAvailable)
            return; // Capstone_native_library_loads_on_linux_x64 fails for this
        Assert.Equal(expected, A64Disassembler.Describe(word, 0x40080000));
    }

    [Fact]
    public void A_word_no_one_decodes_is_shown_as_its_bits()
    {
        // op0 = 0b0001: unallocated in the top-level A64 encoding.
        Assert.Null(A64Disassembler.Capstone(0x02000000, 0));
        Assert.Null(A64Disassembler.Row(0x02000000));
        Assert.Equal(".inst 0x02000000", A64Disassembler.Describe(0x02000000, 0));
    }

    private static readonly GuestFaultRecord VectorFault = new(0x200, 0x86000010, 0x200, null, 0x40080078, 1);

    private static FaultLink[] Chain(uint word) =>
    [
        new FaultLink(ExceptionType.Synchronous, 1, 0x40080078, 0x02000000, 0, word, A64Disassembler.Describe(word, 0x40080078)),
        new FaultLink(ExceptionType.Synchronous, 1, 0x200, 0x86000010, 0x200, null, null),
    ];

    [Fact]
    public void The_message_leads_with_the_first_exception_its_class_and_disassembly()
    {
        FaultExplanation e = FaultExplanation.Explain(Chain(0xad400801), VectorFault);
        Assert.StartsWith("UNDEFINED instruction `ldp q1, q2, [x0]` at 0x40080078 (0xad400801, Loads and Stores (FP/SIMD), EL1, ESR 0x2000000)", e.Message);
        Assert.Contains("guest fault at its own exception vector: PC 0x200, ESR 0x86000010", e.Message);
        Assert.False(e.EmulatorLimitation); // the decode table implements LDP (SIMD&FP): the guest's UNDEFINED is its own
    }

    [Fact]
    public void An_allocated_encoding_the_decode_table_lacks_is_the_emulators_limitation()
    {
        if (!A64Disassembler.CapstoneAvailable)
            return;
        // As if the decode table had no row for LDP (SIMD&FP): Capstone decodes it, so the architecture allocates it.
        FaultExplanation e = FaultExplanation.Explain(Chain(0xad400801), VectorFault, word => word != 0xad400801);
        Assert.True(e.EmulatorLimitation);
        Assert.Contains("an emulator limitation, not a fault of the guest", e.Message);
    }

    [Theory]
    [InlineData(0x00000000u)] // UDF #0: allocated as permanently UNDEFINED
    [InlineData(0xd505eba4u)] // MSR to an IMPLEMENTATION DEFINED register that does not exist: UNDEFINED by the architecture
    [InlineData(0x02000000u)] // unallocated
    public void Undefined_by_the_architecture_is_the_guests_fault(uint word)
    {
        FaultExplanation e = FaultExplanation.Explain(Chain(word), VectorFault, _ => false);
        Assert.False(e.EmulatorLimitation, e.Message);
    }
}
