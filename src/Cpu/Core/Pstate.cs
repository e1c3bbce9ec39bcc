namespace Emulator.Cpu.Core;

/// <summary>Bit positions of PSTATE fields as they appear in SPSR_ELx (Arm ARM C5.2.18).</summary>
public static class Spsr
{
    public const int N = 31;
    public const int Z = 30;
    public const int C = 29;
    public const int V = 28;
    public const uint NzcvMask = 0xF000_0000;
    public const int SS = 21;
    public const int IL = 20;
    public const int D = 9;
    public const int A = 8;
    public const int I = 7;
    public const int F = 6;
    public const uint DaifMask = 0x3C0;
    public const int M4 = 4;

    /// <summary>M[3:0] values for AArch64 modes.</summary>
    public const uint EL0t = 0b0000;
    public const uint EL1t = 0b0100;
    public const uint EL1h = 0b0101;
}
