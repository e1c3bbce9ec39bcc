using System.Runtime.CompilerServices;
using System.Numerics;
using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions;

/// <summary>A64 "Data Processing -- Register" (Arm ARM C4.1.88).</summary>
internal static class DataProcessingRegister
{
    /// <summary>AND, BIC, ORR, ORN, EOR, EON, ANDS, BICS (shifted register).</summary>
    public static void LogicalShifted(ArmCore core, uint insn)
    {
        bool is64 = (insn >> 31) != 0;
        int amount = (int)((insn >> 10) & 0x3F);
        if (!is64 && amount > 31)
        {
            core.Undefined();
            return;
        }
        uint m = (insn >> 16) & 31, n = (insn >> 5) & 31, d = insn & 31;
        ulong operand2 = Alu.ShiftReg(core.GetX(m), (insn >> 22) & 3, amount, is64);
        if (((insn >> 21) & 1) != 0)
            operand2 = ~operand2;
        ulong operand1 = core.GetX(n);
        uint opc = (insn >> 29) & 3;
        ulong result = opc switch
        {
            0 => operand1 & operand2,
            1 => operand1 | operand2,
            2 => operand1 ^ operand2,
            _ => operand1 & operand2,
        };
        if (!is64)
            result = (uint)result;
        if (opc == 3)
            core.Nzcv = Alu.LogicalFlags(result, is64);
        core.SetX(d, result);
    }

    /// <summary>ADD, ADDS, SUB, SUBS (shifted register).</summary>
    public static void AddSubShifted(ArmCore core, uint insn)
    {
        bool is64 = (insn >> 31) != 0;
        uint shift = (insn >> 22) & 3;
        int amount = (int)((insn >> 10) & 0x3F);
        if (shift == 3 || (!is64 && amount > 31))
        {
            core.Undefined();
            return;
        }
        uint m = (insn >> 16) & 31, n = (insn >> 5) & 31, d = insn & 31;
        ulong operand2 = Alu.ShiftReg(core.GetX(m), shift, amount, is64);
        AddSubCommon(core, insn, is64, core.GetX(n), operand2, d, false);
    }

    /// <summary>Whether an ADD/SUB (extended register) word is UNDEFINED (a shift over 4).</summary>
    internal static bool AddSubExtendedUndefined(uint insn) => ((insn >> 10) & 7) > 4;

    /// <summary>ADD, ADDS, SUB, SUBS (extended register).</summary>
    public static void AddSubExtended(ArmCore core, uint insn)
    {
        bool is64 = (insn >> 31) != 0;
        int shift = (int)((insn >> 10) & 7);
        if (AddSubExtendedUndefined(insn))
        {
            core.Undefined();
            return;
        }
        uint m = (insn >> 16) & 31, n = (insn >> 5) & 31, d = insn & 31;
        ulong operand2 = Alu.ExtendReg(core.GetX(m), (insn >> 13) & 7, shift);
        AddSubCommon(core, insn, is64, core.GetXOrSp(n), operand2, d, true);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddSubCommon(ArmCore core, uint insn, bool is64, ulong operand1, ulong operand2, uint d, bool destMayBeSp)
    {
        bool sub = ((insn >> 30) & 1) != 0;
        bool setFlags = ((insn >> 29) & 1) != 0;
        uint nzcv;
        ulong result = is64
            ? Alu.AddWithCarry64(operand1, sub ? ~operand2 : operand2, sub ? 1UL : 0, out nzcv)
            : Alu.AddWithCarry32((uint)operand1, sub ? ~(uint)operand2 : (uint)operand2, sub ? 1u : 0, out nzcv);
        if (setFlags)
            core.Nzcv = nzcv;
        if (destMayBeSp && !setFlags)
            core.SetXOrSp(d, result);
        else
            core.SetX(d, result);
    }

    /// <summary>ADC, ADCS, SBC, SBCS.</summary>
    public static void AddSubCarry(ArmCore core, uint insn)
    {
        bool is64 = (insn >> 31) != 0;
        bool sub = ((insn >> 30) & 1) != 0;
        bool setFlags = ((insn >> 29) & 1) != 0;
        uint m = (insn >> 16) & 31, n = (insn >> 5) & 31, d = insn & 31;
        uint carry = (core.Nzcv >> 29) & 1;
        ulong operand2 = sub ? ~core.GetX(m) : core.GetX(m);
        uint nzcv;
        ulong result = is64
            ? Alu.AddWithCarry64(core.GetX(n), operand2, carry, out nzcv)
            : Alu.AddWithCarry32((uint)core.GetX(n), (uint)operand2, carry, out nzcv);
        if (setFlags)
            core.Nzcv = nzcv;
        core.SetX(d, result);
    }

    /// <summary>CCMN and CCMP, register and immediate forms.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks
    public static void ConditionalCompare(ArmCore core, uint insn)
    {
        bool is64 = (insn >> 31) != 0;
        bool sub = ((insn >> 30) & 1) != 0;
        uint cond = (insn >> 12) & 15;
        uint n = (insn >> 5) & 31;
        if (!Alu.ConditionHolds(cond, core.Nzcv))
        {
            core.Nzcv = (insn & 15) << 28;
            return;
        }
        ulong operand2 = ((insn >> 11) & 1) != 0 ? (insn >> 16) & 31 : core.GetX((insn >> 16) & 31);
        uint nzcv;
        if (is64)
            Alu.AddWithCarry64(core.GetX(n), sub ? ~operand2 : operand2, sub ? 1UL : 0, out nzcv);
        else
            Alu.AddWithCarry32((uint)core.GetX(n), sub ? ~(uint)operand2 : (uint)operand2, sub ? 1u : 0, out nzcv);
        core.Nzcv = nzcv;
    }

    /// <summary>CSEL, CSINC, CSINV, CSNEG.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks
    public static void ConditionalSelect(ArmCore core, uint insn)
    {
        bool is64 = (insn >> 31) != 0;
        uint m = (insn >> 16) & 31, n = (insn >> 5) & 31, d = insn & 31;
        ulong otherwise = core.GetX(m);
        if (((insn >> 30) & 1) != 0)
            otherwise = ~otherwise; // CSINV, CSNEG
        if (((insn >> 10) & 1) != 0)
            otherwise++; // CSINC, CSNEG
        // Both operands first, then one select: the condition is data (a compare's outcome), which
        // a host branch would mispredict.
        ulong result = Alu.ConditionHolds((insn >> 12) & 15, core.Nzcv) ? core.GetX(n) : otherwise;
        core.SetX(d, is64 ? result : (uint)result);
    }

    /// <summary>RBIT, REV16, REV32, REV, CLZ, CLS.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks, where the word is a constant
    public static void DataProcessing1Source(ArmCore core, uint insn)
    {
        bool is64 = (insn >> 31) != 0;
        uint opcode = (insn >> 10) & 0x3F;
        uint n = (insn >> 5) & 31, d = insn & 31;
        ulong x = core.GetX(n);
        ulong result;
        switch (opcode)
        {
            case 0: // RBIT
                result = is64 ? ReverseBits(x) : ReverseBits(x << 32);
                break;
            case 1: // REV16
                result = ((x & 0x00FF_00FF_00FF_00FFUL) << 8) | ((x >> 8) & 0x00FF_00FF_00FF_00FFUL);
                break;
            case 2: // REV32 (64-bit) or REV (32-bit)
                ulong swapped = ((x & 0x0000_FFFF_0000_FFFFUL) << 16) | ((x >> 16) & 0x0000_FFFF_0000_FFFFUL);
                result = ((swapped & 0x00FF_00FF_00FF_00FFUL) << 8) | ((swapped >> 8) & 0x00FF_00FF_00FF_00FFUL);
                break;
            case 3 when is64: // REV
                result = global::System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(x);
                break;
            case 4: // CLZ
                result = is64 ? (ulong)BitOperations.LeadingZeroCount(x) : (ulong)BitOperations.LeadingZeroCount((uint)x);
                break;
            case 5: // CLS
                result = is64
                    ? (ulong)(BitOperations.LeadingZeroCount(x ^ (ulong)((long)x >> 63)) - 1)
                    : (ulong)(BitOperations.LeadingZeroCount((uint)x ^ (uint)((int)x >> 31)) - 1);
                break;
            default:
                core.Undefined();
                return;
        }
        core.SetX(d, is64 ? result : (uint)result);
    }

    private static ulong ReverseBits(ulong x)
    {
        x = ((x >> 1) & 0x5555_5555_5555_5555UL) | ((x & 0x5555_5555_5555_5555UL) << 1);
        x = ((x >> 2) & 0x3333_3333_3333_3333UL) | ((x & 0x3333_3333_3333_3333UL) << 2);
        x = ((x >> 4) & 0x0F0F_0F0F_0F0F_0F0FUL) | ((x & 0x0F0F_0F0F_0F0F_0F0FUL) << 4);
        return global::System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(x);
    }

    /// <summary>UDIV, SDIV, LSLV, LSRV, ASRV, RORV.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks, where the word is a constant
    public static void DataProcessing2Source(ArmCore core, uint insn)
    {
        bool is64 = (insn >> 31) != 0;
        uint opcode = (insn >> 10) & 0x3F;
        uint m = (insn >> 16) & 31, n = (insn >> 5) & 31, d = insn & 31;
        ulong a = core.GetX(n), b = core.GetX(m);
        ulong result;
        switch (opcode)
        {
            case 2: // UDIV: division by zero gives zero
                result = is64 ? (b == 0 ? 0 : a / b) : ((uint)b == 0 ? 0 : (uint)a / (uint)b);
                break;
            case 3: // SDIV: rounds toward zero; INT_MIN / -1 overflows to INT_MIN
                if (is64)
                    result = b == 0 ? 0 : (long)a == long.MinValue && (long)b == -1 ? a : (ulong)((long)a / (long)b);
                else
                    result = (uint)b == 0 ? 0 : (int)a == int.MinValue && (int)b == -1 ? (uint)a : (uint)((int)a / (int)b);
                break;
            case 8:
            case 9:
            case 10:
            case 11:
                int amount = (int)(b & (is64 ? 63UL : 31UL));
                result = Alu.ShiftReg(a, opcode & 3, amount, is64);
                break;
            default:
                core.Undefined();
                return;
        }
        core.SetX(d, is64 ? result : (uint)result);
    }

    /// <summary>MADD, MSUB, SMADDL, SMSUBL, UMADDL, UMSUBL, SMULH, UMULH.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks, where the word is a constant
    public static void DataProcessing3Source(ArmCore core, uint insn)
    {
        bool is64 = (insn >> 31) != 0;
        uint op31 = (insn >> 21) & 7;
        bool o0 = ((insn >> 15) & 1) != 0;
        uint m = (insn >> 16) & 31, a = (insn >> 10) & 31, n = (insn >> 5) & 31, d = insn & 31;
        ulong xn = core.GetX(n), xm = core.GetX(m), xa = core.GetX(a);
        ulong result;
        switch (op31)
        {
            case 0:
                ulong product = xn * xm;
                result = o0 ? xa - product : xa + product;
                if (!is64)
                    result = (uint)result;
                break;
            case 1 when is64:
                long sp = (long)(int)xn * (int)xm;
                result = o0 ? xa - (ulong)sp : xa + (ulong)sp;
                break;
            case 5 when is64:
                ulong up = (ulong)(uint)xn * (uint)xm;
                result = o0 ? xa - up : xa + up;
                break;
            case 2 when is64 && !o0:
                result = (ulong)Math.BigMul((long)xn, (long)xm, out _);
                break;
            case 6 when is64 && !o0:
                result = Math.BigMul(xn, xm, out _);
                break;
            default:
                core.Undefined();
                return;
        }
        core.SetX(d, result);
    }
}
