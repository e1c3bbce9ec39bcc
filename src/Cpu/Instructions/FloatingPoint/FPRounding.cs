namespace Emulator.Cpu.Instructions.FloatingPoint;

/// <summary>FPRounding (Arm ARM shared/functions/float/fprounding): the rounding modes of the pseudocode.</summary>
public enum FPRounding
{
    /// <summary>Round to nearest, ties to even (FPCR.RMode 00).</summary>
    TieEven,
    /// <summary>Round towards plus infinity (FPCR.RMode 01).</summary>
    PosInf,
    /// <summary>Round towards minus infinity (FPCR.RMode 10).</summary>
    NegInf,
    /// <summary>Round towards zero (FPCR.RMode 11).</summary>
    Zero,
    /// <summary>Round to nearest, ties away from zero (FCVTA*, FRINTA).</summary>
    TieAway,
    /// <summary>Round to odd (FCVTXN).</summary>
    Odd,
}
