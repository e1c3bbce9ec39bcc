using Emulator.Cpu.Core;
using Emulator.Cpu.Instructions;
using Emulator.Cpu.Instructions.Specialized;

namespace Emulator.Cpu.Decoding;

/// <summary>
/// Picks, for a decoded instruction, a handler specialized for its variant (width, operation,
/// flags, shift type, access size, addressing mode) when one exists, else keeps the decode
/// table's handler. Called when the decode cache fills a slot, never per execution. A specialized
/// handler behaves exactly as the table's handler does for the words it is chosen for; words the
/// table's handler would reject as UNDEFINED (or that need its rarer paths: SP alignment checks
/// happen in both; LDTR/STTR, sign-extending loads, prefetches, LDPSW) keep the table's handler.
/// </summary>
internal static unsafe class Specializer
{
    /// <summary>The handler to run for <paramref name="insn"/>, which decoded to <paramref name="row"/>.</summary>
    public static delegate*<ArmCore, uint, void> Select(uint insn, A64Encoding row)
    {
        delegate*<ArmCore, uint, void> handler = row.Handler;
        return row.Op switch
        {
            A64Op.AddSubImmediate => AddSubImmediate(insn),
            A64Op.AddSubShifted => OrElse(AddSubShifted(insn), handler),
            A64Op.LogicalShifted => OrElse(LogicalShifted(insn), handler),
            A64Op.LoadStoreUnsignedOffset => OrElse(UnsignedOffset(insn), handler),
            A64Op.LoadStoreRegisterOffset => OrElse(RegisterOffset(insn), handler),
            A64Op.LoadStoreImmediate9 => OrElse(Immediate9(insn), handler),
            A64Op.LoadStorePair => OrElse(Pair(insn), handler),
            A64Op.BranchConditional => BranchConditional(insn & 15),
            _ => handler,
        };
    }

    /// <summary>
    /// Whether the handler <see cref="Select"/> gives <paramref name="insn"/> only computes on
    /// registers and flags: it reads neither PC nor the next PC, takes no exception and touches
    /// nothing else, so a translated block need not set PC before it nor check anything after it.
    /// </summary>
    public static bool IsPure(uint insn, A64Encoding row) =>
        row.Op switch
        {
            A64Op.AddSubImmediate => true,
            A64Op.AddSubShifted => AddSubShifted(insn) != null,
            A64Op.LogicalShifted => LogicalShifted(insn) != null,
            _ => false,
        };

    private static bool Is64(uint insn) => (insn >> 31) != 0;

    /// <summary>The specialized handler, or the table's when there is none (null).</summary>
    private static delegate*<ArmCore, uint, void> OrElse(delegate*<ArmCore, uint, void> specialized, delegate*<ArmCore, uint, void> handler) =>
        specialized != null ? specialized : handler;

    // ---- data processing ----

    private static delegate*<ArmCore, uint, void> AddSubImmediate(uint insn) => Is64(insn)
        ? AddSubImmediate<X64>(insn)
        : AddSubImmediate<W32>(insn);

    private static delegate*<ArmCore, uint, void> AddSubImmediate<TW>(uint insn) where TW : struct, IWidth =>
        ((insn >> 29) & 3) switch
        {
            0 => &SpecializedAlu.AddSubImmediate<TW, No, No>,
            1 => &SpecializedAlu.AddSubImmediate<TW, No, Yes>,
            2 => &SpecializedAlu.AddSubImmediate<TW, Yes, No>,
            _ => &SpecializedAlu.AddSubImmediate<TW, Yes, Yes>,
        };

    private static delegate*<ArmCore, uint, void> AddSubShifted(uint insn)
    {
        uint shift = (insn >> 22) & 3;
        if (shift == 3 || (!Is64(insn) && ((insn >> 10) & 0x3F) > 31))
            return null; // UNDEFINED: the table's handler raises it
        return Is64(insn) ? AddSubShifted<X64>(insn, shift) : AddSubShifted<W32>(insn, shift);
    }

    private static delegate*<ArmCore, uint, void> AddSubShifted<TW>(uint insn, uint shift) where TW : struct, IWidth =>
        shift switch
        {
            0 => AddSubShifted<TW, Lsl>(insn),
            1 => AddSubShifted<TW, Lsr>(insn),
            _ => AddSubShifted<TW, Asr>(insn),
        };

    private static delegate*<ArmCore, uint, void> AddSubShifted<TW, TS>(uint insn) where TW : struct, IWidth where TS : struct, IShift =>
        ((insn >> 29) & 3) switch
        {
            0 => &SpecializedAlu.AddSubShifted<TW, No, No, TS>,
            1 => &SpecializedAlu.AddSubShifted<TW, No, Yes, TS>,
            2 => &SpecializedAlu.AddSubShifted<TW, Yes, No, TS>,
            _ => &SpecializedAlu.AddSubShifted<TW, Yes, Yes, TS>,
        };

    private static delegate*<ArmCore, uint, void> LogicalShifted(uint insn)
    {
        if (!Is64(insn) && ((insn >> 10) & 0x3F) > 31)
            return null; // UNDEFINED
        return Is64(insn) ? LogicalShifted<X64>(insn) : LogicalShifted<W32>(insn);
    }

    private static delegate*<ArmCore, uint, void> LogicalShifted<TW>(uint insn) where TW : struct, IWidth =>
        ((insn >> 29) & 3) switch
        {
            0 => LogicalShifted<TW, And>(insn),
            1 => LogicalShifted<TW, Orr>(insn),
            2 => LogicalShifted<TW, Eor>(insn),
            _ => LogicalShifted<TW, Ands>(insn),
        };

    private static delegate*<ArmCore, uint, void> LogicalShifted<TW, TOp>(uint insn) where TW : struct, IWidth where TOp : struct, ILogicalOp =>
        ((insn >> 22) & 3) switch
        {
            0 => LogicalShifted<TW, TOp, Lsl>(insn),
            1 => LogicalShifted<TW, TOp, Lsr>(insn),
            2 => LogicalShifted<TW, TOp, Asr>(insn),
            _ => LogicalShifted<TW, TOp, Ror>(insn),
        };

    private static delegate*<ArmCore, uint, void> LogicalShifted<TW, TOp, TS>(uint insn)
        where TW : struct, IWidth where TOp : struct, ILogicalOp where TS : struct, IShift =>
        ((insn >> 21) & 1) != 0
            ? &SpecializedAlu.LogicalShifted<TW, TOp, TS, Yes>
            : &SpecializedAlu.LogicalShifted<TW, TOp, TS, No>;

    // ---- branches ----

    /// <summary>ConditionHolds: cond[3:1] picks the test, cond[0] inverts it except for 1111 (NV, always true as AL).</summary>
    private static delegate*<ArmCore, uint, void> BranchConditional(uint cond) => (cond >> 1) switch
    {
        0 => BranchConditional<CondEq>(cond),
        1 => BranchConditional<CondCs>(cond),
        2 => BranchConditional<CondMi>(cond),
        3 => BranchConditional<CondVs>(cond),
        4 => BranchConditional<CondHi>(cond),
        5 => BranchConditional<CondGe>(cond),
        6 => BranchConditional<CondGt>(cond),
        _ => &SpecializedBranches.BranchConditional<CondAl, No>,
    };

    private static delegate*<ArmCore, uint, void> BranchConditional<TC>(uint cond) where TC : struct, ICondition =>
        (cond & 1) != 0 ? &SpecializedBranches.BranchConditional<TC, Yes> : &SpecializedBranches.BranchConditional<TC, No>;

    // ---- loads and stores ----

    /// <summary>opc of a single-register load/store: 0 store, 1 zero-extending load; anything else stays generic.</summary>
    private static bool IsPlainLoadOrStore(uint insn, out bool load)
    {
        uint opc = (insn >> 22) & 3;
        load = opc == 1;
        return opc <= 1;
    }

    private static delegate*<ArmCore, uint, void> UnsignedOffset(uint insn)
    {
        if (!IsPlainLoadOrStore(insn, out bool load))
            return null;
        return (insn >> 30) switch
        {
            0 => load ? &SpecializedLoadStore.UnsignedOffset<B1, Yes> : &SpecializedLoadStore.UnsignedOffset<B1, No>,
            1 => load ? &SpecializedLoadStore.UnsignedOffset<B2, Yes> : &SpecializedLoadStore.UnsignedOffset<B2, No>,
            2 => load ? &SpecializedLoadStore.UnsignedOffset<B4, Yes> : &SpecializedLoadStore.UnsignedOffset<B4, No>,
            _ => load ? &SpecializedLoadStore.UnsignedOffset<B8, Yes> : &SpecializedLoadStore.UnsignedOffset<B8, No>,
        };
    }

    private static delegate*<ArmCore, uint, void> RegisterOffset(uint insn)
    {
        if (!IsPlainLoadOrStore(insn, out bool load) || (((insn >> 13) & 7) & 2) == 0)
            return null; // other opc, or an UNDEFINED option
        return (insn >> 30) switch
        {
            0 => load ? &SpecializedLoadStore.RegisterOffset<B1, Yes> : &SpecializedLoadStore.RegisterOffset<B1, No>,
            1 => load ? &SpecializedLoadStore.RegisterOffset<B2, Yes> : &SpecializedLoadStore.RegisterOffset<B2, No>,
            2 => load ? &SpecializedLoadStore.RegisterOffset<B4, Yes> : &SpecializedLoadStore.RegisterOffset<B4, No>,
            _ => load ? &SpecializedLoadStore.RegisterOffset<B8, Yes> : &SpecializedLoadStore.RegisterOffset<B8, No>,
        };
    }

    private static delegate*<ArmCore, uint, void> Immediate9(uint insn)
    {
        uint type = (insn >> 10) & 3; // 00 unscaled, 01 post-index, 10 unprivileged, 11 pre-index
        if (!IsPlainLoadOrStore(insn, out bool load) || type == 2)
            return null;
        return (insn >> 30) switch
        {
            0 => Immediate9<B1>(load, type),
            1 => Immediate9<B2>(load, type),
            2 => Immediate9<B4>(load, type),
            _ => Immediate9<B8>(load, type),
        };
    }

    private static delegate*<ArmCore, uint, void> Immediate9<TS>(bool load, uint type) where TS : struct, ISize => (load, type) switch
    {
        (true, 0) => &SpecializedLoadStore.Immediate9<TS, Yes, No, No>,
        (true, 1) => &SpecializedLoadStore.Immediate9<TS, Yes, Yes, No>,
        (true, _) => &SpecializedLoadStore.Immediate9<TS, Yes, No, Yes>,
        (false, 0) => &SpecializedLoadStore.Immediate9<TS, No, No, No>,
        (false, 1) => &SpecializedLoadStore.Immediate9<TS, No, Yes, No>,
        (false, _) => &SpecializedLoadStore.Immediate9<TS, No, No, Yes>,
    };

    private static delegate*<ArmCore, uint, void> Pair(uint insn)
    {
        uint opc = insn >> 30;
        bool load = ((insn >> 22) & 1) != 0;
        uint t2 = (insn >> 10) & 31, t = insn & 31;
        if ((opc != 0 && opc != 2) || (load && t == t2))
            return null; // LDPSW, opc 11, or the UNDEFINED LDP with Rt == Rt2
        return opc == 2 ? Pair<X64>(insn, load) : Pair<W32>(insn, load);
    }

    private static delegate*<ArmCore, uint, void> Pair<TW>(uint insn, bool load) where TW : struct, IWidth =>
        (load, (insn >> 23) & 3) switch // type: 00 non-temporal offset, 01 post, 10 offset, 11 pre
        {
            (true, 1) => &SpecializedLoadStore.Pair<TW, Yes, Yes, Yes>,
            (true, 3) => &SpecializedLoadStore.Pair<TW, Yes, No, Yes>,
            (true, _) => &SpecializedLoadStore.Pair<TW, Yes, No, No>,
            (false, 1) => &SpecializedLoadStore.Pair<TW, No, Yes, Yes>,
            (false, 3) => &SpecializedLoadStore.Pair<TW, No, No, Yes>,
            (false, _) => &SpecializedLoadStore.Pair<TW, No, No, No>,
        };
}
