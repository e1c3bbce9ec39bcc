namespace Emulator.Cpu.Tests.Simd;

public sealed partial class SimdWideningTests
{
    public static TheoryData<string> Cases => SimdArithmeticGuest.Data(QemuCases);

    /// <summary>Each case recorded on QEMU (see SimdWideningCases.cs) gives the same V0, V1 and FPSR.QC here.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesQemu(string line) => SimdArithmeticGuest.CheckCase(line);
}
