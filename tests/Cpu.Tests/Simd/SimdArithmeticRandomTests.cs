namespace Emulator.Cpu.Tests.Simd;

public sealed partial class SimdArithmeticRandomTests
{
    public static TheoryData<string> Cases => SimdArithmeticGuest.Data(QemuCases);

    /// <summary>Random words of every row (reserved sizes and Q included) behave as on QEMU: the same V0, V1 and FPSR.QC, or UNDEFINED where QEMU's is.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesQemu(string line) => SimdArithmeticGuest.CheckCase(line);
}
