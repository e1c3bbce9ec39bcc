using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.Support;

/// <summary>Short instruction sequences the tests repeat.</summary>
public static class Snippets
{
    /// <summary>Sets PSTATE.NZCV to <paramref name="nzcv"/> (a value in bits [3:0]) through X28 and MSR NZCV.</summary>
    public static uint[] SetFlags(uint nzcv) => [.. MovImm(X28, (ulong)nzcv << 28), Msr(NZCV, X28)];

    /// <summary>Sets SP (the one selected now) through X28.</summary>
    public static uint[] SetSp(ulong value) => [.. MovImm(X28, value), MovSp(SP, X28)];
}
