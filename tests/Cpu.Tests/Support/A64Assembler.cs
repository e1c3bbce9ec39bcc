namespace Emulator.Cpu.Tests.Support;

/// <summary>A general-purpose register operand: number 0..31 and width (X or W).</summary>
/// <remarks>Number 31 is XZR/WZR or SP/WSP depending on the instruction, exactly as in the encoding.</remarks>
public readonly record struct Reg(int N, bool Is64)
{
    public uint Sf => Is64 ? 1u : 0u;

    public override string ToString() => N == 31 ? (Is64 ? "xzr|sp" : "wzr|wsp") : (Is64 ? $"x{N}" : $"w{N}");
}

public enum Cond
{
    EQ = 0, NE = 1, CS = 2, HS = 2, CC = 3, LO = 3, MI = 4, PL = 5, VS = 6, VC = 7,
    HI = 8, LS = 9, GE = 10, LT = 11, GT = 12, LE = 13, AL = 14, NV = 15,
}

public enum ShiftType
{
    LSL = 0, LSR = 1, ASR = 2, ROR = 3,
}

public enum Extend
{
    UXTB = 0, UXTH = 1, UXTW = 2, UXTX = 3, SXTB = 4, SXTH = 5, SXTW = 6, SXTX = 7,
}

/// <summary>A system register operand: op0, op1, CRn, CRm, op2 as the Arm ARM names them.</summary>
public readonly record struct SysRegister(int Op0, int Op1, int CRn, int CRm, int Op2)
{
    public uint Field => (uint)(Op0 << 19 | Op1 << 16 | CRn << 12 | CRm << 8 | Op2 << 5);
}

public enum AddressMode
{
    /// <summary>[Xn, #imm]: the scaled unsigned 12-bit offset form if it fits, otherwise the unscaled 9-bit form.</summary>
    Offset,

    /// <summary>[Xn, #simm9]: LDUR/STUR.</summary>
    Unscaled,

    /// <summary>[Xn, #simm9]!</summary>
    PreIndex,

    /// <summary>[Xn], #simm9</summary>
    PostIndex,

    /// <summary>[Xn, #simm9] with LDTR/STTR.</summary>
    Unprivileged,

    /// <summary>[Xn, Rm{, extend {#amount}}]</summary>
    Register,
}

/// <summary>A memory operand for single-register loads and stores.</summary>
public readonly record struct Address(Reg Base, long Offset, AddressMode Mode, Reg Index = default, Extend Extend = Extend.UXTX, bool Shifted = false);

/// <summary>
/// Encoder of A64 instruction words, written from the encoding diagrams of the Arm Architecture
/// Reference Manual (C4.1 and the per-instruction pages of C6.2). It deliberately shares nothing
/// with the emulator's decoder. Branch offsets are in bytes, relative to the branch itself.
/// Every function was cross-checked against GNU as (aarch64-linux-gnu-as) while writing the tests.
/// </summary>
public static partial class A64
{
    // ---- Registers ----

    public static readonly Reg X0 = new(0, true), X1 = new(1, true), X2 = new(2, true), X3 = new(3, true);
    public static readonly Reg X4 = new(4, true), X5 = new(5, true), X6 = new(6, true), X7 = new(7, true);
    public static readonly Reg X8 = new(8, true), X9 = new(9, true), X10 = new(10, true), X11 = new(11, true);
    public static readonly Reg X12 = new(12, true), X13 = new(13, true), X14 = new(14, true), X15 = new(15, true);
    public static readonly Reg X16 = new(16, true), X17 = new(17, true), X18 = new(18, true), X19 = new(19, true);
    public static readonly Reg X20 = new(20, true), X21 = new(21, true), X22 = new(22, true), X23 = new(23, true);
    public static readonly Reg X24 = new(24, true), X25 = new(25, true), X26 = new(26, true), X27 = new(27, true);
    public static readonly Reg X28 = new(28, true), X29 = new(29, true), X30 = new(30, true);
    public static readonly Reg XZR = new(31, true), SP = new(31, true);
    public static readonly Reg W0 = new(0, false), W1 = new(1, false), W2 = new(2, false), W3 = new(3, false);
    public static readonly Reg W4 = new(4, false), W5 = new(5, false), W6 = new(6, false), W7 = new(7, false);
    public static readonly Reg W8 = new(8, false), W9 = new(9, false), W10 = new(10, false), W11 = new(11, false);
    public static readonly Reg W12 = new(12, false), W13 = new(13, false), W14 = new(14, false), W15 = new(15, false);
    public static readonly Reg W16 = new(16, false), W17 = new(17, false), W18 = new(18, false), W19 = new(19, false);
    public static readonly Reg W20 = new(20, false), W30 = new(30, false);
    public static readonly Reg WZR = new(31, false), WSP = new(31, false);

    public static Reg X(int n) => new(n, true);

    public static Reg W(int n) => new(n, false);

    // ---- System registers (Arm ARM D17/D19 register descriptions, "Accessing ...") ----

    public static readonly SysRegister MIDR_EL1 = new(3, 0, 0, 0, 0);
    public static readonly SysRegister MPIDR_EL1 = new(3, 0, 0, 0, 5);
    public static readonly SysRegister ID_AA64PFR0_EL1 = new(3, 0, 0, 4, 0);
    public static readonly SysRegister ID_AA64MMFR0_EL1 = new(3, 0, 0, 7, 0);
    public static readonly SysRegister SCTLR_EL1 = new(3, 0, 1, 0, 0);
    public static readonly SysRegister SPSR_EL1 = new(3, 0, 4, 0, 0);
    public static readonly SysRegister ELR_EL1 = new(3, 0, 4, 0, 1);
    public static readonly SysRegister SP_EL0 = new(3, 0, 4, 1, 0);
    public static readonly SysRegister SPSel = new(3, 0, 4, 2, 0);
    public static readonly SysRegister CurrentEL = new(3, 0, 4, 2, 2);
    public static readonly SysRegister ESR_EL1 = new(3, 0, 5, 2, 0);
    public static readonly SysRegister FAR_EL1 = new(3, 0, 6, 0, 0);
    public static readonly SysRegister VBAR_EL1 = new(3, 0, 12, 0, 0);
    public static readonly SysRegister TPIDR_EL1 = new(3, 0, 13, 0, 4);
    public static readonly SysRegister NZCV = new(3, 3, 4, 2, 0);
    public static readonly SysRegister DAIF = new(3, 3, 4, 2, 1);
    public static readonly SysRegister TPIDR_EL0 = new(3, 3, 13, 0, 2);
    public static readonly SysRegister CNTFRQ_EL0 = new(3, 3, 14, 0, 0);

    // ---- Helpers ----

    private static uint R(Reg r) => (uint)r.N & 31;

    private static uint CheckedField(long value, int bits, string what)
    {
        if (value < 0 || value >= 1L << bits)
            throw new ArgumentOutOfRangeException(what, value, $"does not fit in {bits} unsigned bits");
        return (uint)value;
    }

    private static uint SignedField(long value, int bits, string what)
    {
        long min = -(1L << (bits - 1)), max = (1L << (bits - 1)) - 1;
        if (value < min || value > max)
            throw new ArgumentOutOfRangeException(what, value, $"does not fit in {bits} signed bits");
        return (uint)(value & ((1L << bits) - 1));
    }

    private static uint WordOffset(long byteOffset, int bits, string what)
    {
        if ((byteOffset & 3) != 0)
            throw new ArgumentException($"{what}: branch offset {byteOffset} is not a multiple of 4");
        return SignedField(byteOffset >> 2, bits, what);
    }

    private static void SameWidth(Reg a, Reg b)
    {
        if (a.Is64 != b.Is64)
            throw new ArgumentException($"{a} and {b} differ in width");
    }

    private static int Width(Reg r) => r.Is64 ? 64 : 32;

    // ---- Move wide (immediate): sf opc 100101 hw imm16 Rd ----

    private static uint MoveWide(uint opc, Reg d, ulong imm16, int shift)
    {
        if (shift % 16 != 0 || shift < 0 || shift >= Width(d))
            throw new ArgumentOutOfRangeException(nameof(shift));
        return d.Sf << 31 | opc << 29 | 0b100101u << 23 | (uint)(shift / 16) << 21 | CheckedField((long)imm16, 16, "imm16") << 5 | R(d);
    }

    public static uint Movn(Reg d, ulong imm16, int shift = 0) => MoveWide(0b00, d, imm16, shift);

    public static uint Movz(Reg d, ulong imm16, int shift = 0) => MoveWide(0b10, d, imm16, shift);

    public static uint Movk(Reg d, ulong imm16, int shift = 0) => MoveWide(0b11, d, imm16, shift);

    /// <summary>Loads any constant: MOVZ followed by a MOVK per further non-zero halfword (always 1..4 words).</summary>
    public static uint[] MovImm(Reg d, ulong value)
    {
        if (!d.Is64)
            value = (uint)value;
        var words = new List<uint> { Movz(d, value & 0xFFFF) };
        for (int shift = 16; shift < Width(d); shift += 16)
        {
            ulong half = (value >> shift) & 0xFFFF;
            if (half != 0)
                words.Add(Movk(d, half, shift));
        }
        return [.. words];
    }

    // ---- Add/subtract (immediate): sf op S 100010 sh imm12 Rn Rd ----

    private static uint AddSubImm(uint op, uint s, Reg d, Reg n, ulong imm, bool lsl12)
    {
        SameWidth(d, n);
        return d.Sf << 31 | op << 30 | s << 29 | 0b100010u << 23 | (lsl12 ? 1u : 0) << 22
            | CheckedField((long)imm, 12, "imm12") << 10 | R(n) << 5 | R(d);
    }

    public static uint AddImm(Reg d, Reg n, ulong imm, bool lsl12 = false) => AddSubImm(0, 0, d, n, imm, lsl12);

    public static uint AddsImm(Reg d, Reg n, ulong imm, bool lsl12 = false) => AddSubImm(0, 1, d, n, imm, lsl12);

    public static uint SubImm(Reg d, Reg n, ulong imm, bool lsl12 = false) => AddSubImm(1, 0, d, n, imm, lsl12);

    public static uint SubsImm(Reg d, Reg n, ulong imm, bool lsl12 = false) => AddSubImm(1, 1, d, n, imm, lsl12);

    public static uint CmpImm(Reg n, ulong imm, bool lsl12 = false) => SubsImm(n with { N = 31 }, n, imm, lsl12);

    public static uint CmnImm(Reg n, ulong imm, bool lsl12 = false) => AddsImm(n with { N = 31 }, n, imm, lsl12);

    /// <summary>MOV to or from SP: ADD Rd, Rn, #0.</summary>
    public static uint MovSp(Reg d, Reg n) => AddImm(d, n, 0);

    // ---- Logical (immediate): sf opc 100100 N immr imms Rn Rd ----

    /// <summary>
    /// Finds N:immr:imms for a bitmask immediate (the inverse of DecodeBitMasks): the value must be
    /// a replicated element of 2..64 bits holding a rotated run of ones, neither all zeros nor all
    /// ones. The smallest element size is chosen, as GNU as does.
    /// </summary>
    public static bool TryEncodeBitmask(ulong value, int width, out uint n, out uint immr, out uint imms)
    {
        n = immr = imms = 0;
        if (width == 32)
        {
            if ((value >> 32) != 0)
                return false;
            value |= value << 32;
        }
        for (int esize = 2; esize <= 64; esize *= 2)
        {
            ulong mask = esize == 64 ? ulong.MaxValue : (1UL << esize) - 1;
            ulong element = value & mask;
            ulong replicated = 0;
            for (int i = 0; i < 64; i += esize)
                replicated |= element << i;
            if (replicated != value)
                continue;
            if (element == 0 || element == mask)
                return false;
            for (int r = 0; r < esize; r++)
            {
                // Rotating the element left by r must give ones at the bottom: element = Ones(s+1) ROR r.
                ulong rotated = r == 0 ? element : ((element << r) | (element >> (esize - r))) & mask;
                if ((rotated & (rotated + 1)) == 0)
                {
                    int ones = global::System.Numerics.BitOperations.PopCount(rotated);
                    n = esize == 64 ? 1u : 0u;
                    immr = (uint)r;
                    imms = ((~((uint)esize - 1) << 1) & 0x3F) | (uint)(ones - 1);
                    return true;
                }
            }
            return false;
        }
        return false;
    }

    private static uint LogicalImm(uint opc, Reg d, Reg n, ulong value)
    {
        SameWidth(d, n);
        if (!TryEncodeBitmask(value, Width(d), out uint bn, out uint immr, out uint imms))
            throw new ArgumentException($"0x{value:x} is not a bitmask immediate for {Width(d)} bits");
        return LogicalImmRaw(opc, d, n, bn, immr, imms);
    }

    /// <summary>Logical immediate with a raw N:immr:imms (also for reserved combinations).</summary>
    public static uint LogicalImmRaw(uint opc, Reg d, Reg n, uint bitN, uint immr, uint imms) =>
        d.Sf << 31 | opc << 29 | 0b100100u << 23 | bitN << 22 | immr << 16 | imms << 10 | R(n) << 5 | R(d);

    public static uint AndImm(Reg d, Reg n, ulong value) => LogicalImm(0b00, d, n, value);

    public static uint OrrImm(Reg d, Reg n, ulong value) => LogicalImm(0b01, d, n, value);

    public static uint EorImm(Reg d, Reg n, ulong value) => LogicalImm(0b10, d, n, value);

    public static uint AndsImm(Reg d, Reg n, ulong value) => LogicalImm(0b11, d, n, value);

    public static uint TstImm(Reg n, ulong value) => AndsImm(n with { N = 31 }, n, value);

    // ---- Bitfield: sf opc 100110 N immr imms Rn Rd ----

    private static uint Bitfield(uint opc, Reg d, Reg n, int immr, int imms)
    {
        SameWidth(d, n);
        return d.Sf << 31 | opc << 29 | 0b100110u << 23 | d.Sf << 22 | CheckedField(immr, 6, "immr") << 16
            | CheckedField(imms, 6, "imms") << 10 | R(n) << 5 | R(d);
    }

    public static uint Sbfm(Reg d, Reg n, int immr, int imms) => Bitfield(0b00, d, n, immr, imms);

    public static uint Bfm(Reg d, Reg n, int immr, int imms) => Bitfield(0b01, d, n, immr, imms);

    public static uint Ubfm(Reg d, Reg n, int immr, int imms) => Bitfield(0b10, d, n, immr, imms);

    public static uint LslImm(Reg d, Reg n, int shift) => Ubfm(d, n, (Width(d) - shift) % Width(d), Width(d) - 1 - shift);

    public static uint LsrImm(Reg d, Reg n, int shift) => Ubfm(d, n, shift, Width(d) - 1);

    public static uint AsrImm(Reg d, Reg n, int shift) => Sbfm(d, n, shift, Width(d) - 1);

    public static uint Ubfx(Reg d, Reg n, int lsb, int width) => Ubfm(d, n, lsb, lsb + width - 1);

    public static uint Sbfx(Reg d, Reg n, int lsb, int width) => Sbfm(d, n, lsb, lsb + width - 1);

    public static uint Ubfiz(Reg d, Reg n, int lsb, int width) => Ubfm(d, n, (Width(d) - lsb) % Width(d), width - 1);

    public static uint Sbfiz(Reg d, Reg n, int lsb, int width) => Sbfm(d, n, (Width(d) - lsb) % Width(d), width - 1);

    public static uint Bfi(Reg d, Reg n, int lsb, int width) => Bfm(d, n, (Width(d) - lsb) % Width(d), width - 1);

    public static uint Bfxil(Reg d, Reg n, int lsb, int width) => Bfm(d, n, lsb, lsb + width - 1);

    /// <summary>SXTB Rd, Wn (Rd may be W or X; the source is always named W).</summary>
    public static uint Sxtb(Reg d, Reg n) => Sbfm(d, n with { Is64 = d.Is64 }, 0, 7);

    public static uint Sxth(Reg d, Reg n) => Sbfm(d, n with { Is64 = d.Is64 }, 0, 15);

    public static uint Sxtw(Reg d, Reg n) => Sbfm(d, n with { Is64 = true }, 0, 31);

    public static uint Uxtb(Reg d, Reg n) => Ubfm(d, n, 0, 7);

    public static uint Uxth(Reg d, Reg n) => Ubfm(d, n, 0, 15);

    // ---- Extract: sf 00 100111 N 0 Rm imms Rn Rd ----

    public static uint Extr(Reg d, Reg n, Reg m, int lsb)
    {
        SameWidth(d, n);
        SameWidth(d, m);
        return d.Sf << 31 | 0b100111u << 23 | d.Sf << 22 | R(m) << 16 | CheckedField(lsb, 6, "lsb") << 10 | R(n) << 5 | R(d);
    }

    public static uint RorImm(Reg d, Reg n, int shift) => Extr(d, n, n, shift);

    // ---- Logical (shifted register): sf opc 01010 shift N Rm imm6 Rn Rd ----

    private static uint LogicalShifted(uint opc, uint invert, Reg d, Reg n, Reg m, ShiftType shift, int amount)
    {
        SameWidth(d, n);
        SameWidth(d, m);
        return d.Sf << 31 | opc << 29 | 0b01010u << 24 | (uint)shift << 22 | invert << 21 | R(m) << 16
            | CheckedField(amount, 6, "imm6") << 10 | R(n) << 5 | R(d);
    }

    public static uint And(Reg d, Reg n, Reg m, ShiftType s = ShiftType.LSL, int amount = 0) => LogicalShifted(0b00, 0, d, n, m, s, amount);

    public static uint Bic(Reg d, Reg n, Reg m, ShiftType s = ShiftType.LSL, int amount = 0) => LogicalShifted(0b00, 1, d, n, m, s, amount);

    public static uint Orr(Reg d, Reg n, Reg m, ShiftType s = ShiftType.LSL, int amount = 0) => LogicalShifted(0b01, 0, d, n, m, s, amount);

    public static uint Orn(Reg d, Reg n, Reg m, ShiftType s = ShiftType.LSL, int amount = 0) => LogicalShifted(0b01, 1, d, n, m, s, amount);

    public static uint Eor(Reg d, Reg n, Reg m, ShiftType s = ShiftType.LSL, int amount = 0) => LogicalShifted(0b10, 0, d, n, m, s, amount);

    public static uint Eon(Reg d, Reg n, Reg m, ShiftType s = ShiftType.LSL, int amount = 0) => LogicalShifted(0b10, 1, d, n, m, s, amount);

    public static uint Ands(Reg d, Reg n, Reg m, ShiftType s = ShiftType.LSL, int amount = 0) => LogicalShifted(0b11, 0, d, n, m, s, amount);

    public static uint Bics(Reg d, Reg n, Reg m, ShiftType s = ShiftType.LSL, int amount = 0) => LogicalShifted(0b11, 1, d, n, m, s, amount);

    /// <summary>MOV (register): ORR Rd, ZR, Rm.</summary>
    public static uint Mov(Reg d, Reg m) => Orr(d, d with { N = 31 }, m);

    public static uint Mvn(Reg d, Reg m) => Orn(d, d with { N = 31 }, m);

    public static uint Tst(Reg n, Reg m) => Ands(n with { N = 31 }, n, m);

    // ---- Add/subtract (shifted register): sf op S 01011 shift 0 Rm imm6 Rn Rd ----

    private static uint AddSubShifted(uint op, uint s, Reg d, Reg n, Reg m, ShiftType shift, int amount)
    {
        SameWidth(d, n);
        SameWidth(d, m);
        return d.Sf << 31 | op << 30 | s << 29 | 0b01011u << 24 | (uint)shift << 22 | R(m) << 16
            | CheckedField(amount, 6, "imm6") << 10 | R(n) << 5 | R(d);
    }

    public static uint Add(Reg d, Reg n, Reg m, ShiftType s = ShiftType.LSL, int amount = 0) => AddSubShifted(0, 0, d, n, m, s, amount);

    public static uint Adds(Reg d, Reg n, Reg m, ShiftType s = ShiftType.LSL, int amount = 0) => AddSubShifted(0, 1, d, n, m, s, amount);

    public static uint Sub(Reg d, Reg n, Reg m, ShiftType s = ShiftType.LSL, int amount = 0) => AddSubShifted(1, 0, d, n, m, s, amount);

    public static uint Subs(Reg d, Reg n, Reg m, ShiftType s = ShiftType.LSL, int amount = 0) => AddSubShifted(1, 1, d, n, m, s, amount);

    public static uint Cmp(Reg n, Reg m, ShiftType s = ShiftType.LSL, int amount = 0) => Subs(n with { N = 31 }, n, m, s, amount);

    public static uint Cmn(Reg n, Reg m, ShiftType s = ShiftType.LSL, int amount = 0) => Adds(n with { N = 31 }, n, m, s, amount);

    public static uint Neg(Reg d, Reg m) => Sub(d, d with { N = 31 }, m);

    public static uint Negs(Reg d, Reg m) => Subs(d, d with { N = 31 }, m);

    // ---- Add/subtract (extended register): sf op S 01011 00 1 Rm option imm3 Rn Rd ----

    private static uint AddSubExtended(uint op, uint s, Reg d, Reg n, Reg m, Extend ext, int amount)
    {
        SameWidth(d, n);
        return d.Sf << 31 | op << 30 | s << 29 | 0b01011001u << 21 | R(m) << 16 | (uint)ext << 13
            | CheckedField(amount, 3, "imm3") << 10 | R(n) << 5 | R(d);
    }

    public static uint AddExt(Reg d, Reg n, Reg m, Extend ext, int amount = 0) => AddSubExtended(0, 0, d, n, m, ext, amount);

    public static uint AddsExt(Reg d, Reg n, Reg m, Extend ext, int amount = 0) => AddSubExtended(0, 1, d, n, m, ext, amount);

    public static uint SubExt(Reg d, Reg n, Reg m, Extend ext, int amount = 0) => AddSubExtended(1, 0, d, n, m, ext, amount);

    public static uint SubsExt(Reg d, Reg n, Reg m, Extend ext, int amount = 0) => AddSubExtended(1, 1, d, n, m, ext, amount);

    // ---- Add/subtract (with carry): sf op S 11010000 Rm 000000 Rn Rd ----

    private static uint AddSubCarry(uint op, uint s, Reg d, Reg n, Reg m)
    {
        SameWidth(d, n);
        SameWidth(d, m);
        return d.Sf << 31 | op << 30 | s << 29 | 0b11010000u << 21 | R(m) << 16 | R(n) << 5 | R(d);
    }

    public static uint Adc(Reg d, Reg n, Reg m) => AddSubCarry(0, 0, d, n, m);

    public static uint Adcs(Reg d, Reg n, Reg m) => AddSubCarry(0, 1, d, n, m);

    public static uint Sbc(Reg d, Reg n, Reg m) => AddSubCarry(1, 0, d, n, m);

    public static uint Sbcs(Reg d, Reg n, Reg m) => AddSubCarry(1, 1, d, n, m);

    // ---- Conditional compare: sf op 1 11010010 Rm|imm5 cond o2(imm=1 at bit 11) 0 Rn 0 nzcv ----

    private static uint CondCompare(uint op, Reg n, uint rmOrImm, bool immediate, uint nzcv, Cond cond) =>
        n.Sf << 31 | op << 30 | 1u << 29 | 0b11010010u << 21 | (rmOrImm & 31) << 16 | (uint)cond << 12
        | (immediate ? 1u : 0) << 11 | R(n) << 5 | CheckedField(nzcv, 4, "nzcv");

    public static uint Ccmp(Reg n, Reg m, uint nzcv, Cond cond) { SameWidth(n, m); return CondCompare(1, n, R(m), false, nzcv, cond); }

    public static uint Ccmn(Reg n, Reg m, uint nzcv, Cond cond) { SameWidth(n, m); return CondCompare(0, n, R(m), false, nzcv, cond); }

    public static uint CcmpImm(Reg n, uint imm5, uint nzcv, Cond cond) => CondCompare(1, n, CheckedField(imm5, 5, "imm5"), true, nzcv, cond);

    public static uint CcmnImm(Reg n, uint imm5, uint nzcv, Cond cond) => CondCompare(0, n, CheckedField(imm5, 5, "imm5"), true, nzcv, cond);

    // ---- Conditional select: sf op 0 11010100 Rm cond op2 Rn Rd ----

    private static uint CondSelect(uint op, uint op2, Reg d, Reg n, Reg m, Cond cond)
    {
        SameWidth(d, n);
        SameWidth(d, m);
        return d.Sf << 31 | op << 30 | 0b11010100u << 21 | R(m) << 16 | (uint)cond << 12 | op2 << 10 | R(n) << 5 | R(d);
    }

    public static uint Csel(Reg d, Reg n, Reg m, Cond c) => CondSelect(0, 0, d, n, m, c);

    public static uint Csinc(Reg d, Reg n, Reg m, Cond c) => CondSelect(0, 1, d, n, m, c);

    public static uint Csinv(Reg d, Reg n, Reg m, Cond c) => CondSelect(1, 0, d, n, m, c);

    public static uint Csneg(Reg d, Reg n, Reg m, Cond c) => CondSelect(1, 1, d, n, m, c);

    public static Cond Invert(Cond c) => (Cond)((int)c ^ 1);

    public static uint Cset(Reg d, Cond c) => Csinc(d, d with { N = 31 }, d with { N = 31 }, Invert(c));

    public static uint Csetm(Reg d, Cond c) => Csinv(d, d with { N = 31 }, d with { N = 31 }, Invert(c));

    public static uint Cinc(Reg d, Reg n, Cond c) => Csinc(d, n, n, Invert(c));

    public static uint Cneg(Reg d, Reg n, Cond c) => Csneg(d, n, n, Invert(c));

    // ---- Data-processing (1 source): sf 1 0 11010110 00000 opcode Rn Rd ----

    private static uint DataProcessing1(uint opcode, Reg d, Reg n)
    {
        SameWidth(d, n);
        return d.Sf << 31 | 1u << 30 | 0b11010110u << 21 | opcode << 10 | R(n) << 5 | R(d);
    }

    public static uint Rbit(Reg d, Reg n) => DataProcessing1(0b000000, d, n);

    public static uint Rev16(Reg d, Reg n) => DataProcessing1(0b000001, d, n);

    /// <summary>REV32 (64-bit only).</summary>
    public static uint Rev32(Reg d, Reg n) => d.Is64 ? DataProcessing1(0b000010, d, n) : throw new ArgumentException("REV32 is 64-bit only");

    /// <summary>REV: opcode 000010 for W registers, 000011 for X registers.</summary>
    public static uint Rev(Reg d, Reg n) => DataProcessing1(d.Is64 ? 0b000011u : 0b000010u, d, n);

    public static uint Clz(Reg d, Reg n) => DataProcessing1(0b000100, d, n);

    public static uint Cls(Reg d, Reg n) => DataProcessing1(0b000101, d, n);

    // ---- Data-processing (2 source): sf 0 0 11010110 Rm opcode Rn Rd ----

    private static uint DataProcessing2(uint opcode, Reg d, Reg n, Reg m)
    {
        SameWidth(d, n);
        SameWidth(d, m);
        return d.Sf << 31 | 0b11010110u << 21 | R(m) << 16 | opcode << 10 | R(n) << 5 | R(d);
    }

    public static uint Udiv(Reg d, Reg n, Reg m) => DataProcessing2(0b000010, d, n, m);

    public static uint Sdiv(Reg d, Reg n, Reg m) => DataProcessing2(0b000011, d, n, m);

    public static uint Lslv(Reg d, Reg n, Reg m) => DataProcessing2(0b001000, d, n, m);

    public static uint Lsrv(Reg d, Reg n, Reg m) => DataProcessing2(0b001001, d, n, m);

    public static uint Asrv(Reg d, Reg n, Reg m) => DataProcessing2(0b001010, d, n, m);

    public static uint Rorv(Reg d, Reg n, Reg m) => DataProcessing2(0b001011, d, n, m);

    // ---- Data-processing (3 source): sf 00 11011 op31 Rm o0 Ra Rn Rd ----

    private static uint DataProcessing3(uint op31, uint o0, Reg d, Reg n, Reg m, Reg a) =>
        d.Sf << 31 | 0b11011u << 24 | op31 << 21 | R(m) << 16 | o0 << 15 | R(a) << 10 | R(n) << 5 | R(d);

    public static uint Madd(Reg d, Reg n, Reg m, Reg a) { SameWidth(d, n); SameWidth(d, m); SameWidth(d, a); return DataProcessing3(0b000, 0, d, n, m, a); }

    public static uint Msub(Reg d, Reg n, Reg m, Reg a) { SameWidth(d, n); SameWidth(d, m); SameWidth(d, a); return DataProcessing3(0b000, 1, d, n, m, a); }

    public static uint Mul(Reg d, Reg n, Reg m) => Madd(d, n, m, d with { N = 31 });

    public static uint Mneg(Reg d, Reg n, Reg m) => Msub(d, n, m, d with { N = 31 });

    /// <summary>SMADDL Xd, Wn, Wm, Xa.</summary>
    public static uint Smaddl(Reg d, Reg n, Reg m, Reg a) => DataProcessing3(0b001, 0, d, n, m, a);

    public static uint Smsubl(Reg d, Reg n, Reg m, Reg a) => DataProcessing3(0b001, 1, d, n, m, a);

    public static uint Umaddl(Reg d, Reg n, Reg m, Reg a) => DataProcessing3(0b101, 0, d, n, m, a);

    public static uint Umsubl(Reg d, Reg n, Reg m, Reg a) => DataProcessing3(0b101, 1, d, n, m, a);

    public static uint Smull(Reg d, Reg n, Reg m) => Smaddl(d, n, m, XZR);

    public static uint Umull(Reg d, Reg n, Reg m) => Umaddl(d, n, m, XZR);

    public static uint Smulh(Reg d, Reg n, Reg m) => DataProcessing3(0b010, 0, d, n, m, XZR);

    public static uint Umulh(Reg d, Reg n, Reg m) => DataProcessing3(0b110, 0, d, n, m, XZR);

    // ---- PC-relative addressing: op immlo 10000 immhi Rd ----

    public static uint Adr(Reg d, long byteOffset)
    {
        uint imm = SignedField(byteOffset, 21, "imm21");
        return (imm & 3) << 29 | 0b10000u << 24 | (imm >> 2) << 5 | R(d);
    }

    /// <summary>ADRP with an offset in 4 KiB pages from the page of the ADRP.</summary>
    public static uint Adrp(Reg d, long pageOffset)
    {
        uint imm = SignedField(pageOffset, 21, "imm21");
        return 1u << 31 | (imm & 3) << 29 | 0b10000u << 24 | (imm >> 2) << 5 | R(d);
    }

    // ---- Branches ----

    public static uint B(long byteOffset) => 0b000101u << 26 | WordOffset(byteOffset, 26, "imm26");

    public static uint Bl(long byteOffset) => 0b100101u << 26 | WordOffset(byteOffset, 26, "imm26");

    public static uint BCond(Cond c, long byteOffset) => 0b01010100u << 24 | WordOffset(byteOffset, 19, "imm19") << 5 | (uint)c;

    public static uint Cbz(Reg t, long byteOffset) => t.Sf << 31 | 0b0110100u << 24 | WordOffset(byteOffset, 19, "imm19") << 5 | R(t);

    public static uint Cbnz(Reg t, long byteOffset) => t.Sf << 31 | 0b0110101u << 24 | WordOffset(byteOffset, 19, "imm19") << 5 | R(t);

    private static uint TestBranch(uint op, Reg t, int bit, long byteOffset)
    {
        CheckedField(bit, t.Is64 ? 6 : 5, "bit");
        return (uint)(bit >> 5) << 31 | 0b011011u << 25 | op << 24 | (uint)(bit & 31) << 19 | WordOffset(byteOffset, 14, "imm14") << 5 | R(t);
    }

    public static uint Tbz(Reg t, int bit, long byteOffset) => TestBranch(0, t, bit, byteOffset);

    public static uint Tbnz(Reg t, int bit, long byteOffset) => TestBranch(1, t, bit, byteOffset);

    // Unconditional branch (register): 1101011 opc 11111 000000 Rn 00000
    public static uint Br(Reg n) => 0b1101011_0000_11111_000000u << 10 | R(n) << 5;

    public static uint Blr(Reg n) => 0b1101011_0001_11111_000000u << 10 | R(n) << 5;

    public static uint Ret(Reg? n = null) => 0b1101011_0010_11111_000000u << 10 | R(n ?? X30) << 5;

    public static uint Eret() => 0b1101011_0100_11111_000000u << 10 | 31u << 5;

    // ---- Exception generation: 11010100 opc imm16 op2(000) LL ----

    private static uint ExceptionGeneration(uint opc, uint ll, uint imm16) =>
        0b11010100u << 24 | opc << 21 | CheckedField(imm16, 16, "imm16") << 5 | ll;

    public static uint Svc(uint imm16) => ExceptionGeneration(0b000, 0b01, imm16);

    public static uint Hvc(uint imm16) => ExceptionGeneration(0b000, 0b10, imm16);

    public static uint Smc(uint imm16) => ExceptionGeneration(0b000, 0b11, imm16);

    public static uint Brk(uint imm16) => ExceptionGeneration(0b001, 0b00, imm16);

    public static uint Hlt(uint imm16) => ExceptionGeneration(0b010, 0b00, imm16);

    /// <summary>UDF #imm16: the permanently undefined encoding 0000 0000 0000 0000 imm16.</summary>
    public static uint Udf(uint imm16) => CheckedField(imm16, 16, "imm16");

    // ---- System: 1101010100 L op0 op1 CRn CRm op2 Rt ----

    public static uint Mrs(Reg t, SysRegister r) => 0b1101010100u << 22 | 1u << 21 | r.Field | R(t);

    public static uint Msr(SysRegister r, Reg t) => 0b1101010100u << 22 | r.Field | R(t);

    /// <summary>MSR (immediate): op0 = 00, CRn = 0100, Rt = 11111.</summary>
    private static uint MsrImmediate(uint op1, uint op2, uint crm) =>
        0b1101010100u << 22 | op1 << 16 | 0b0100u << 12 | CheckedField(crm, 4, "CRm") << 8 | op2 << 5 | 31u;

    public static uint MsrSpSel(uint imm) => MsrImmediate(0b000, 0b101, imm);

    public static uint MsrDaifSet(uint imm) => MsrImmediate(0b011, 0b110, imm);

    public static uint MsrDaifClr(uint imm) => MsrImmediate(0b011, 0b111, imm);

    /// <summary>Hints: op0 00, op1 011, CRn 0010, CRm:op2 = the hint number, Rt 11111.</summary>
    public static uint Hint(uint number) => 0b1101010100_0_00_011_0010u << 12 | CheckedField(number, 7, "hint") << 5 | 31u;

    public static uint Nop() => Hint(0);

    public static uint Wfe() => Hint(2);

    public static uint Wfi() => Hint(3);

    public static uint Sev() => Hint(4);

    /// <summary>Barriers: op0 00, op1 011, CRn 0011, CRm option, op2, Rt 11111.</summary>
    private static uint Barrier(uint crm, uint op2) => 0b1101010100_0_00_011_0011u << 12 | CheckedField(crm, 4, "CRm") << 8 | op2 << 5 | 31u;

    public static uint Clrex() => Barrier(0b1111, 0b010);

    public static uint Dsb(uint option = 0b1111) => Barrier(option, 0b100);

    public static uint Dmb(uint option = 0b1111) => Barrier(option, 0b101);

    public static uint Isb() => Barrier(0b1111, 0b110);

    // ---- Loads and stores ----

    public static Address Mem(Reg n, long offset = 0) => new(n, offset, AddressMode.Offset);

    public static Address MemUnscaled(Reg n, long offset) => new(n, offset, AddressMode.Unscaled);

    public static Address Pre(Reg n, long offset) => new(n, offset, AddressMode.PreIndex);

    public static Address Post(Reg n, long offset) => new(n, offset, AddressMode.PostIndex);

    public static Address MemUnprivileged(Reg n, long offset = 0) => new(n, offset, AddressMode.Unprivileged);

    /// <summary>[Xn, Rm{, extend {#amount}}]; <paramref name="shifted"/> sets S (amount = log2 of the access size).</summary>
    public static Address MemReg(Reg n, Reg m, Extend ext = Extend.UXTX, bool shifted = false) => new(n, 0, AddressMode.Register, m, ext, shifted);

    /// <summary>
    /// The single-register load/store class: size 111 0 (00|01) opc ... with size and opc as in
    /// the Arm ARM tables ("Load/store register (unsigned immediate)" etc.).
    /// </summary>
    public static uint LoadStore(uint size, uint opc, Reg t, Address a)
    {
        uint common = size << 30 | 0b111u << 27 | opc << 22 | R(a.Base) << 5 | R(t);
        int scale = (int)size;
        switch (a.Mode)
        {
            case AddressMode.Offset when a.Offset >= 0 && (a.Offset & ((1L << scale) - 1)) == 0 && (a.Offset >> scale) < 4096:
                return common | 1u << 24 | (uint)(a.Offset >> scale) << 10;
            case AddressMode.Offset:
            case AddressMode.Unscaled:
                return common | SignedField(a.Offset, 9, "imm9") << 12 | 0b00u << 10;
            case AddressMode.PostIndex:
                return common | SignedField(a.Offset, 9, "imm9") << 12 | 0b01u << 10;
            case AddressMode.Unprivileged:
                return common | SignedField(a.Offset, 9, "imm9") << 12 | 0b10u << 10;
            case AddressMode.PreIndex:
                return common | SignedField(a.Offset, 9, "imm9") << 12 | 0b11u << 10;
            default:
                if (a.Index.Is64 != (a.Extend is Extend.UXTX or Extend.SXTX))
                    throw new ArgumentException("index register width must match the extend (W for UXTW/SXTW, X for LSL/SXTX)");
                return common | 1u << 21 | R(a.Index) << 16 | (uint)a.Extend << 13 | (a.Shifted ? 1u : 0) << 12 | 0b10u << 10;
        }
    }

    public static uint Strb(Reg t, Address a) => LoadStore(0, 0b00, t, a);

    public static uint Ldrb(Reg t, Address a) => LoadStore(0, 0b01, t, a);

    /// <summary>LDRSB to an X register (opc 10) or a W register (opc 11).</summary>
    public static uint Ldrsb(Reg t, Address a) => LoadStore(0, t.Is64 ? 0b10u : 0b11u, t, a);

    public static uint Strh(Reg t, Address a) => LoadStore(1, 0b00, t, a);

    public static uint Ldrh(Reg t, Address a) => LoadStore(1, 0b01, t, a);

    public static uint Ldrsh(Reg t, Address a) => LoadStore(1, t.Is64 ? 0b10u : 0b11u, t, a);

    public static uint Str(Reg t, Address a) => LoadStore(t.Is64 ? 3u : 2u, 0b00, t, a);

    public static uint Ldr(Reg t, Address a) => LoadStore(t.Is64 ? 3u : 2u, 0b01, t, a);

    public static uint Ldrsw(Reg t, Address a) => LoadStore(2, 0b10, t, a);

    /// <summary>PRFM (immediate) with a prefetch operation number (e.g. 0 = PLDL1KEEP).</summary>
    public static uint Prfm(uint prfop, Address a) => LoadStore(3, 0b10, new Reg((int)prfop, true), a);

    // Load register (literal): opc 011 0 00 imm19 Rt
    public static uint LdrLiteral(Reg t, long byteOffset) => (t.Is64 ? 1u : 0u) << 30 | 0b011000u << 24 | WordOffset(byteOffset, 19, "imm19") << 5 | R(t);

    public static uint LdrswLiteral(Reg t, long byteOffset) => 0b10u << 30 | 0b011000u << 24 | WordOffset(byteOffset, 19, "imm19") << 5 | R(t);

    // Load/store pair: opc 101 0 type L imm7 Rt2 Rn Rt; type 00 no-allocate, 01 post, 10 offset, 11 pre
    public enum PairMode { NonTemporal = 0b00, PostIndex = 0b01, Offset = 0b10, PreIndex = 0b11 }

    public static uint LoadStorePair(uint opc, uint load, PairMode mode, Reg t1, Reg t2, Reg n, long offset)
    {
        int scale = opc == 0b10 ? 3 : 2;
        if ((offset & ((1L << scale) - 1)) != 0)
            throw new ArgumentException($"pair offset {offset} is not a multiple of {1 << scale}");
        return opc << 30 | 0b101u << 27 | (uint)mode << 23 | load << 22 | SignedField(offset >> scale, 7, "imm7") << 15
            | R(t2) << 10 | R(n) << 5 | R(t1);
    }

    public static uint Stp(Reg t1, Reg t2, Reg n, long offset = 0, PairMode mode = PairMode.Offset) =>
        LoadStorePair(t1.Is64 ? 0b10u : 0b00u, 0, mode, t1, t2, n, offset);

    public static uint Ldp(Reg t1, Reg t2, Reg n, long offset = 0, PairMode mode = PairMode.Offset) =>
        LoadStorePair(t1.Is64 ? 0b10u : 0b00u, 1, mode, t1, t2, n, offset);

    public static uint Ldpsw(Reg t1, Reg t2, Reg n, long offset = 0, PairMode mode = PairMode.Offset) =>
        LoadStorePair(0b01, 1, mode, t1, t2, n, offset);

    public static uint Stnp(Reg t1, Reg t2, Reg n, long offset = 0) => Stp(t1, t2, n, offset, PairMode.NonTemporal);

    public static uint Ldnp(Reg t1, Reg t2, Reg n, long offset = 0) => Ldp(t1, t2, n, offset, PairMode.NonTemporal);
}
