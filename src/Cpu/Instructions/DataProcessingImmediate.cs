using System.Runtime.CompilerServices;
using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions;

/// <summary>A64 "Data Processing -- Immediate" (Arm ARM C4.1.86).</summary>
internal static class DataProcessingImmediate
{
    /// <summary>ADR and ADRP.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks
    public static void Adr(ArmCore core, uint insn)
    {
        long imm = (long)((insn >> 5) & 0x7FFFF) << 2 | (insn >> 29) & 3;
        imm = imm << 43 >> 43; // sign-extend 21 bits
        uint d = insn & 31;
        if ((insn >> 31) != 0)
            core.SetX(d, (core.Pc & ~0xFFFUL) + (ulong)(imm << 12));
        else
            core.SetX(d, core.Pc + (ulong)imm);
    }

    /// <summary>ADD, ADDS, SUB, SUBS (immediate), including MOV to/from SP and CMP/CMN.</summary>
    public static void AddSubImmediate(ArmCore core, uint insn)
    {
        bool is64 = (insn >> 31) != 0;
        bool sub = ((insn >> 30) & 1) != 0;
        bool setFlags = ((insn >> 29) & 1) != 0;
        ulong imm = (insn >> 10) & 0xFFF;
        if (((insn >> 22) & 1) != 0)
            imm <<= 12;
        uint n = (insn >> 5) & 31, d = insn & 31;
        ulong operand1 = core.GetXOrSp(n);
        ulong result;
        uint nzcv;
        if (is64)
            result = Alu.AddWithCarry64(operand1, sub ? ~imm : imm, sub ? 1UL : 0, out nzcv);
        else
            result = Alu.AddWithCarry32((uint)operand1, sub ? ~(uint)imm : (uint)imm, sub ? 1u : 0, out nzcv);
        if (setFlags)
        {
            core.Nzcv = nzcv;
            core.SetX(d, result);
        }
        else
        {
            core.SetXOrSp(d, result);
        }
    }

    /// <summary>AND, ORR, EOR, ANDS (immediate).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks
    public static void LogicalImmediate(ArmCore core, uint insn)
    {
        bool is64 = (insn >> 31) != 0;
        if (LogicalImmediateUndefined(insn, out ulong imm))
        {
            core.Undefined();
            return;
        }
        uint n = (insn >> 5) & 31, d = insn & 31;
        ulong operand1 = core.GetX(n);
        uint opc = (insn >> 29) & 3;
        ulong result = opc switch
        {
            0 => operand1 & imm,
            1 => operand1 | imm,
            2 => operand1 ^ imm,
            _ => operand1 & imm,
        };
        if (!is64)
            result = (uint)result;
        if (opc == 3)
        {
            core.Nzcv = Alu.LogicalFlags(result, is64);
            core.SetX(d, result);
        }
        else
        {
            core.SetXOrSp(d, result);
        }
    }

    /// <summary>Whether a logical (immediate) word is UNDEFINED (N set in 32 bits, or no valid bitmask); else its immediate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool LogicalImmediateUndefined(uint insn, out ulong imm)
    {
        bool is64 = (insn >> 31) != 0;
        uint n = (insn >> 22) & 1;
        imm = 0;
        return (!is64 && n != 0) || !Alu.DecodeBitMasks(n, (insn >> 10) & 0x3F, (insn >> 16) & 0x3F, true, is64 ? 64 : 32, out imm, out _);
    }

    /// <summary>Whether a move wide (immediate) word is UNDEFINED (opc 01, or hw of 2 or 3 in 32 bits).</summary>
    internal static bool MoveWideUndefined(uint insn) => ((insn >> 29) & 3) == 1 || ((insn >> 31) == 0 && ((insn >> 21) & 3) >= 2);

    /// <summary>
    /// Whether a bitfield word is UNDEFINED: opc 11, N not sf, or immr or imms over 31 in 32 bits
    /// (DecodeBitMasks with immediate = FALSE finds a valid element size for every other word:
    /// N:NOT(imms) always has a set bit then).
    /// </summary>
    internal static bool BitfieldUndefined(uint insn)
    {
        bool is64 = (insn >> 31) != 0;
        uint immr = (insn >> 16) & 0x3F, imms = (insn >> 10) & 0x3F;
        return ((insn >> 29) & 3) == 3 || ((insn >> 22) & 1) != (is64 ? 1u : 0u) || (!is64 && (immr > 31 || imms > 31));
    }

    /// <summary>Whether an EXTR word is UNDEFINED (N not sf, or lsb over 31 in 32 bits).</summary>
    internal static bool ExtractUndefined(uint insn) =>
        ((insn >> 22) & 1) != ((insn >> 31) != 0 ? 1u : 0u) || ((insn >> 31) == 0 && ((insn >> 10) & 0x3F) > 31);

    /// <summary>MOVN, MOVZ, MOVK.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks
    public static void MoveWide(ArmCore core, uint insn)
    {
        bool is64 = (insn >> 31) != 0;
        uint opc = (insn >> 29) & 3;
        uint hw = (insn >> 21) & 3;
        if (MoveWideUndefined(insn))
        {
            core.Undefined();
            return;
        }
        int pos = (int)hw * 16;
        ulong imm = (ulong)((insn >> 5) & 0xFFFF) << pos;
        uint d = insn & 31;
        ulong result = opc switch
        {
            0 => ~imm,
            2 => imm,
            _ => (core.GetX(d) & ~(0xFFFFUL << pos)) | imm,
        };
        if (!is64)
            result = (uint)result;
        core.SetX(d, result);
    }

    /// <summary>SBFM, BFM, UBFM (and their aliases ASR, LSL, LSR, SXTB, UBFX, BFI, ...).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks
    public static void Bitfield(ArmCore core, uint insn)
    {
        bool is64 = (insn >> 31) != 0;
        uint opc = (insn >> 29) & 3;
        uint immr = (insn >> 16) & 0x3F, imms = (insn >> 10) & 0x3F;
        if (BitfieldUndefined(insn))
        {
            core.Undefined();
            return;
        }
        uint n = (insn >> 5) & 31, d = insn & 31;
        ulong src = core.GetX(n);
        ulong result = opc == 1
            ? BitfieldMove(src, core.GetX(d), insn, is64)
            : ExtractOrInsert(is64 ? src : (uint)src, (int)immr, (int)imms, signed: opc == 0, is64 ? 64 : 32);
        core.SetX(d, is64 ? result : (uint)result);
    }

    /// <summary>
    /// SBFM and UBFM without masks: with imms &gt;= immr the field src&lt;imms:immr&gt; at the bottom
    /// (SBFX, UBFX, ASR, LSR, SXTW, ...), else src&lt;imms:0&gt; placed at bit datasize - immr (SBFIZ,
    /// UBFIZ, LSL), sign- or zero-extended above: what the pseudocode's ROR, wmask, tmask and
    /// replicated sign bit give, in a form a translated block's constant word folds to a shift or two.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong ExtractOrInsert(ulong src, int immr, int imms, bool signed, int dataSize)
    {
        int width = imms >= immr ? imms - immr + 1 : imms + 1;
        ulong field = (imms >= immr ? src >> immr : src) & (ulong.MaxValue >> (64 - width));
        if (signed)
            field = (ulong)((long)(field << (64 - width)) >> (64 - width));
        return imms >= immr ? field : field << (dataSize - immr);
    }

    /// <summary>BFM: the pseudocode's masks (from the table), the destination's other bits kept.</summary>
    private static ulong BitfieldMove(ulong src, ulong dst, uint insn, bool is64)
    {
        BitMaskTable.Bitfield(insn, is64, out ulong wmask, out ulong tmask);
        int immr = (int)((insn >> 16) & 0x3F);
        ulong rotated = is64
            ? (immr == 0 ? src : src >> immr | src << (64 - immr))
            : (immr == 0 ? (uint)src : (uint)((uint)src >> immr | (uint)src << (32 - immr)));
        ulong bot = (dst & ~wmask) | (rotated & wmask);
        return (dst & ~tmask) | (bot & tmask);
    }

    /// <summary>EXTR (and ROR immediate).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks
    public static void Extract(ArmCore core, uint insn)
    {
        bool is64 = (insn >> 31) != 0;
        int lsb = (int)((insn >> 10) & 0x3F);
        if (ExtractUndefined(insn))
        {
            core.Undefined();
            return;
        }
        uint m = (insn >> 16) & 31, n = (insn >> 5) & 31, d = insn & 31;
        ulong result;
        if (is64)
            result = lsb == 0 ? core.GetX(m) : core.GetX(m) >> lsb | core.GetX(n) << (64 - lsb);
        else
            result = lsb == 0 ? (uint)core.GetX(m) : (uint)((uint)core.GetX(m) >> lsb | (uint)core.GetX(n) << (32 - lsb));
        core.SetX(d, result);
    }
}
