namespace Emulator.Cpu.Instructions.Specialized;

/// <summary>
/// cond[3:1] of ConditionHolds as a type: the condition before cond[0] inverts it (EQ, CS, MI, VS,
/// HI, GE, GT, AL), over PSTATE.NZCV in bits [31:28].
/// </summary>
internal interface ICondition
{
    static abstract bool Holds(uint nzcv);
}

internal readonly struct CondEq : ICondition
{
    public static bool Holds(uint nzcv) => (nzcv & 0x4000_0000) != 0;
}

internal readonly struct CondCs : ICondition
{
    public static bool Holds(uint nzcv) => (nzcv & 0x2000_0000) != 0;
}

internal readonly struct CondMi : ICondition
{
    public static bool Holds(uint nzcv) => (nzcv & 0x8000_0000) != 0;
}

internal readonly struct CondVs : ICondition
{
    public static bool Holds(uint nzcv) => (nzcv & 0x1000_0000) != 0;
}

internal readonly struct CondHi : ICondition
{
    public static bool Holds(uint nzcv) => (nzcv & 0x6000_0000) == 0x2000_0000; // C set and Z clear
}

internal readonly struct CondGe : ICondition
{
    public static bool Holds(uint nzcv) => ((nzcv >> 31) ^ (nzcv >> 28) & 1) == 0; // N == V
}

internal readonly struct CondGt : ICondition
{
    public static bool Holds(uint nzcv) => ((nzcv >> 31) ^ (nzcv >> 28) & 1) == 0 && (nzcv & 0x4000_0000) == 0; // N == V and Z clear
}

internal readonly struct CondAl : ICondition
{
    public static bool Holds(uint nzcv) => true;
}
