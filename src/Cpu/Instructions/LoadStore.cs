using System.Runtime.CompilerServices;
using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions;

/// <summary>
/// A64 "Loads and Stores" (Arm ARM C4.1.85): single registers in every addressing mode, literal,
/// pairs. CONSTRAINED UNPREDICTABLE cases take these choices: a load that writes back to its own
/// base suppresses the writeback (Constraint_WBSUPPRESS); a store of its own written-back base
/// stores the old value (Constraint_NONE); LDP with Rt == Rt2 is UNDEFINED.
/// </summary>
internal static class LoadStore
{
    /// <summary>LDR/STR (immediate, unsigned offset) and PRFM (immediate).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks, where the word is a constant
    public static void UnsignedOffset(ArmCore core, uint insn)
    {
        uint size = insn >> 30;
        ulong offset = ((insn >> 10) & 0xFFF) << (int)size;
        uint n = (insn >> 5) & 31;
        if (!BaseAddress(core, n, out ulong address))
            return;
        Single(core, insn, address + offset, n, false, 0);
    }

    /// <summary>LDUR/STUR, LDTR/STTR, and the pre- and post-indexed forms (9-bit signed immediate).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks, where the word is a constant
    public static void Immediate9(ArmCore core, uint insn)
    {
        long imm = (long)((int)(insn << 11) >> 23);
        uint type = (insn >> 10) & 3; // 00 unscaled, 01 post-index, 10 unprivileged, 11 pre-index
        uint n = (insn >> 5) & 31;
        if (!BaseAddress(core, n, out ulong address))
            return;
        switch (type)
        {
            case 2 when (insn >> 30) == 3 && ((insn >> 22) & 3) == 2:
                core.Undefined(); // no unprivileged prefetch
                return;
            case 0:
                Single(core, insn, address + (ulong)imm, n, false, 0);
                return;
            case 2:
                // LDTR/STTR: at EL1 the access is checked against the EL0 permissions (AccType_UNPRIV).
                core.BeginUnprivilegedAccess();
                Single(core, insn, address + (ulong)imm, n, false, 0);
                core.EndUnprivilegedAccess();
                return;
            case 1:
                Single(core, insn, address, n, true, address + (ulong)imm);
                return;
            default:
                Single(core, insn, address + (ulong)imm, n, true, address + (ulong)imm);
                return;
        }
    }

    /// <summary>LDR/STR (register offset) and PRFM (register).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks, where the word is a constant
    public static void RegisterOffset(ArmCore core, uint insn)
    {
        uint option = (insn >> 13) & 7;
        if ((option & 2) == 0)
        {
            core.Undefined();
            return;
        }
        int shift = ((insn >> 12) & 1) != 0 ? (int)(insn >> 30) : 0;
        uint m = (insn >> 16) & 31, n = (insn >> 5) & 31;
        ulong offset = Alu.ExtendReg(core.GetX(m), option, shift);
        if (!BaseAddress(core, n, out ulong address))
            return;
        Single(core, insn, address + offset, n, false, 0);
    }

    /// <summary>LDR (literal), LDRSW (literal), PRFM (literal).</summary>
    public static void Literal(ArmCore core, uint insn)
    {
        uint opc = insn >> 30;
        ulong address = core.Pc + (ulong)((long)((int)(insn << 8) >> 13) << 2);
        uint t = insn & 31;
        switch (opc)
        {
            case 0:
                if (core.Read(address, 4, out ulong w))
                    core.SetX(t, w);
                return;
            case 1:
                if (core.Read(address, 8, out ulong x))
                    core.SetX(t, x);
                return;
            case 2:
                if (core.Read(address, 4, out ulong s))
                    core.SetX(t, (ulong)(int)(uint)s);
                return;
            default:
                return; // PRFM: a hint with no architectural effect
        }
    }

    /// <summary>LDP, STP, LDPSW, LDNP, STNP in the offset, pre- and post-indexed forms.</summary>
    public static void Pair(ArmCore core, uint insn)
    {
        uint opc = insn >> 30;
        bool load = ((insn >> 22) & 1) != 0;
        uint type = (insn >> 23) & 3; // 00 non-temporal offset, 01 post, 10 offset, 11 pre
        if (opc == 3 || (opc == 1 && (!load || type == 0)))
        {
            core.Undefined(); // opc 11, STGP (MTE) and LDNP with opc 01 are not implemented
            return;
        }
        int scale = opc == 2 ? 3 : 2;
        int size = 1 << scale;
        long offset = (long)((int)(insn << 10) >> 25) << scale;
        uint t2 = (insn >> 10) & 31, n = (insn >> 5) & 31, t = insn & 31;
        if (load && t == t2)
        {
            core.Undefined();
            return;
        }
        bool wback = type == 1 || type == 3;
        if (!BaseAddress(core, n, out ulong baseAddress))
            return;
        ulong address = type == 1 ? baseAddress : baseAddress + (ulong)offset;
        if (load)
        {
            if (!core.Read(address, size, out ulong v1) || !core.Read(address + (ulong)size, size, out ulong v2))
                return;
            if (opc == 1)
            {
                v1 = (ulong)(int)(uint)v1;
                v2 = (ulong)(int)(uint)v2;
            }
            core.SetX(t, v1);
            core.SetX(t2, v2);
            if (wback && (n == 31 || (n != t && n != t2)))
                core.SetXOrSp(n, baseAddress + (ulong)offset);
        }
        else
        {
            if (!core.Write(address, size, core.GetX(t)) || !core.Write(address + (ulong)size, size, core.GetX(t2)))
                return;
            if (wback)
                core.SetXOrSp(n, baseAddress + (ulong)offset);
        }
    }

    /// <summary>The base register value, with the SP alignment check when the base is SP.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool BaseAddress(ArmCore core, uint n, out ulong address)
    {
        if (n != 31)
        {
            address = core.GetX(n);
            return true;
        }
        address = core.Sp;
        return core.CheckSpAlignment();
    }

    /// <summary>
    /// The single-register load/store shared by every addressing mode: size and opc select the
    /// access, the sign extension, or a prefetch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks, where the word is a constant
    private static void Single(ArmCore core, uint insn, ulong address, uint n, bool wback, ulong newBase)
    {
        uint size = insn >> 30;
        uint opc = (insn >> 22) & 3;
        uint t = insn & 31;
        int bytes = 1 << (int)size;
        switch (opc)
        {
            case 0: // store
                if (!core.Write(address, bytes, core.GetX(t)))
                    return;
                break;
            case 1: // load, zero-extend
                if (!core.Read(address, bytes, out ulong value))
                    return;
                if (wback && n == t && n != 31)
                {
                    core.SetX(t, value); // Constraint_WBSUPPRESS: the loaded value wins
                    return;
                }
                core.SetX(t, value);
                break;
            default:
                if (size == 3 && opc == 2)
                {
                    // PRFM/PRFUM is a hint; the pre/post-indexed encodings are unallocated.
                    if (wback)
                        core.Undefined();
                    return;
                }
                if (size >= 2 && opc == 3 || size == 3)
                {
                    core.Undefined();
                    return;
                }
                if (!core.Read(address, bytes, out ulong raw))
                    return;
                ulong extended = size switch
                {
                    0 => (ulong)(sbyte)raw,
                    1 => (ulong)(short)raw,
                    _ => (ulong)(int)raw,
                };
                if (opc == 3)
                    extended = (uint)extended; // to a W register
                core.SetX(t, extended);
                if (wback && n == t && n != 31)
                    return; // Constraint_WBSUPPRESS
                break;
        }
        if (wback)
            core.SetXOrSp(n, newBase);
    }
}
