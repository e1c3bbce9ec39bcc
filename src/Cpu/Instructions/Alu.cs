using System.Numerics;
using System.Runtime.CompilerServices;

namespace Emulator.Cpu.Instructions;

/// <summary>Shared pseudocode helpers of the A64 integer instructions (Arm ARM J1, "shared/functions").</summary>
internal static class Alu
{
    /// <summary>AddWithCarry: returns the sum and the NZCV flags in bits [31:28].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong AddWithCarry64(ulong x, ulong y, ulong carryIn, out uint nzcv)
    {
        ulong result = x + y + carryIn;
        bool carry = carryIn == 0 ? result < x : result <= x;
        ulong overflow = ~(x ^ y) & (x ^ result); // bit 63
        nzcv = ((uint)(result >> 32) & 0x8000_0000) | Bit(result == 0) << 30 | Bit(carry) << 29 | ((uint)(overflow >> 35) & 0x1000_0000);
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint AddWithCarry32(uint x, uint y, uint carryIn, out uint nzcv)
    {
        ulong wide = (ulong)x + y + carryIn;
        uint result = (uint)wide;
        uint overflow = ~(x ^ y) & (x ^ result); // bit 31
        nzcv = (result & 0x8000_0000) | Bit(result == 0) << 30 | ((uint)(wide >> 3) & 0x2000_0000) | ((overflow >> 3) & 0x1000_0000);
        return result;
    }

    /// <summary>Flags of a logical operation result (N and Z; C and V cleared).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint LogicalFlags(ulong result, bool is64)
    {
        ulong sign = is64 ? result >> 63 : (result >> 31) & 1;
        bool zero = is64 ? result == 0 : (uint)result == 0;
        return (uint)sign << 31 | Bit(zero) << 30;
    }

    /// <summary>
    /// 1 for true, 0 for false, without a branch: flags are data (a guest's compares of unsorted
    /// values), which a host branch per flag would mispredict half the time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Bit(bool value) => Unsafe.BitCast<bool, byte>(value);

    /// <summary>ConditionHolds(cond) over PSTATE.NZCV held in bits [31:28].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ConditionHolds(uint cond, uint nzcv)
    {
        bool n = (nzcv & 0x8000_0000) != 0, z = (nzcv & 0x4000_0000) != 0;
        bool c = (nzcv & 0x2000_0000) != 0, v = (nzcv & 0x1000_0000) != 0;
        bool result = (cond >> 1) switch
        {
            0 => z,
            1 => c,
            2 => n,
            3 => v,
            4 => c && !z,
            5 => n == v,
            6 => n == v && !z,
            _ => true,
        };
        return (cond & 1) != 0 && cond != 0xF ? !result : result;
    }

    /// <summary>ShiftReg: LSL, LSR, ASR, ROR of a 32- or 64-bit value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ShiftReg(ulong value, uint type, int amount, bool is64)
    {
        if (is64)
        {
            return type switch
            {
                0 => value << amount,
                1 => value >> amount,
                2 => (ulong)((long)value >> amount),
                _ => BitOperations.RotateRight(value, amount),
            };
        }
        uint w = (uint)value;
        return type switch
        {
            0 => w << amount,
            1 => w >> amount,
            2 => (uint)((int)w >> amount),
            _ => BitOperations.RotateRight(w, amount),
        };
    }

    /// <summary>ExtendReg: UXTB..SXTX of a register value, then a left shift of 0..4.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ExtendReg(ulong value, uint option, int shift)
    {
        ulong extended = option switch
        {
            0 => (byte)value,
            1 => (ushort)value,
            2 => (uint)value,
            3 => value,
            4 => (ulong)(sbyte)value,
            5 => (ulong)(short)value,
            6 => (ulong)(int)value,
            _ => value,
        };
        return extended << shift;
    }

    /// <summary>
    /// DecodeBitMasks (Arm ARM J1.1.3, aarch64/instrs/integer/bitmasks): the wmask and tmask of a
    /// logical immediate or bitfield. Returns false for the reserved encodings. Without a loop
    /// (the element's rotation is two shifts, Replicate a multiply), so that a translated block's
    /// constant word folds to the masks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool DecodeBitMasks(uint n, uint imms, uint immr, bool immediate, int dataSize, out ulong wmask, out ulong tmask)
    {
        wmask = tmask = 0;
        uint combined = n << 6 | (~imms & 0x3F);
        if (combined < 2)
            return false; // len = HighestSetBit(N:NOT(imms)) < 1
        int len = 31 - BitOperations.LeadingZeroCount(combined);
        if ((1 << len) > dataSize)
            return false;
        uint levels = (1u << len) - 1;
        if (immediate && (imms & levels) == levels)
            return false;
        int s = (int)(imms & levels);
        int r = (int)(immr & levels);
        int diff = (s - r) & (int)levels;
        int esize = 1 << len;
        wmask = Replicate(RotateRightElement(Ones(s + 1), r, esize), esize, dataSize);
        tmask = Replicate(Ones(diff + 1), esize, dataSize);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Ones(int count) => count >= 64 ? ulong.MaxValue : (1UL << count) - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RotateRightElement(ulong value, int amount, int esize) =>
        amount == 0 ? value : ((value >> amount) | (value << (esize - amount))) & Ones(esize);

    /// <summary>Replicate(element, dataSize / esize): the element times 0...01...01 (a 1 at the bottom of each element).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Replicate(ulong element, int esize, int dataSize) =>
        esize >= dataSize ? element : element * (Ones(dataSize) / Ones(esize));
}
