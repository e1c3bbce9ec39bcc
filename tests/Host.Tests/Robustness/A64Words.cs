namespace Emulator.Host.Tests.Robustness;

/// <summary>
/// The few A64 encodings the robustness guests are built from (Arm ARM C6), and a code buffer.
/// System registers and system instructions are named by (op0, op1, CRn, CRm, op2).
/// </summary>
internal static class A64Words
{
    public const uint Nop = 0xD503201F, Isb = 0xD5033FDF, DsbSy = 0xD5033F9F, Eret = 0xD69F03E0, Wfi = 0xD503207F;
    public const uint Hvc0 = 0xD4000002, Svc0 = 0xD4000001, SemihostingHlt = 0xD4400000 | (0xF000u << 5), Brk0 = 0xD4200000;

    public static readonly (uint Op0, uint Op1, uint CRn, uint CRm, uint Op2) Sctlr = (3, 0, 1, 0, 0), Tcr = (3, 0, 2, 0, 2),
        Ttbr0 = (3, 0, 2, 0, 0), Ttbr1 = (3, 0, 2, 0, 1), Mair = (3, 0, 10, 2, 0), Vbar = (3, 0, 12, 0, 0), Elr = (3, 0, 4, 0, 1);

    /// <summary>DC and IC by VA, DC by set/way, TLBI and AT, as SYS (op0 = 1) operations.</summary>
    public static readonly (uint Op1, uint CRn, uint CRm, uint Op2) DcCivac = (3, 7, 14, 1), DcCvac = (3, 7, 10, 1),
        DcIvac = (0, 7, 6, 1), DcZva = (3, 7, 4, 1), DcCvau = (3, 7, 11, 1), DcCvap = (3, 7, 12, 1), IcIvau = (3, 7, 5, 1),
        IcIallu = (0, 7, 5, 0), IcIalluis = (0, 7, 1, 0), DcIsw = (0, 7, 6, 2), DcCsw = (0, 7, 10, 2), DcCisw = (0, 7, 14, 2),
        TlbiVmalle1 = (0, 8, 7, 0), TlbiVae1 = (0, 8, 7, 1), TlbiVmalle1Is = (0, 8, 3, 0), TlbiAside1 = (0, 8, 7, 2),
        AtS1E1R = (0, 7, 8, 0), AtS1E1W = (0, 7, 8, 1), AtS1E0R = (0, 7, 8, 2);

    public static uint Movz(int rd, ushort imm, int shift) => 0xD2800000u | (uint)(shift / 16) << 21 | (uint)imm << 5 | (uint)rd;

    public static uint Movk(int rd, ushort imm, int shift) => 0xF2800000u | (uint)(shift / 16) << 21 | (uint)imm << 5 | (uint)rd;

    public static uint AddImm(int rd, int rn, uint imm12) => 0x91000000u | (imm12 & 0xFFF) << 10 | (uint)rn << 5 | (uint)rd;

    public static uint Msr((uint Op0, uint Op1, uint CRn, uint CRm, uint Op2) r, int rt) =>
        0xD5100000u | (r.Op0 - 2) << 19 | r.Op1 << 16 | r.CRn << 12 | r.CRm << 8 | r.Op2 << 5 | (uint)rt;

    public static uint Mrs((uint Op0, uint Op1, uint CRn, uint CRm, uint Op2) r, int rt) => Msr(r, rt) | 1u << 21;

    public static uint Sys((uint Op1, uint CRn, uint CRm, uint Op2) op, int rt) =>
        0xD5080000u | op.Op1 << 16 | op.CRn << 12 | op.CRm << 8 | op.Op2 << 5 | (uint)rt;

    /// <summary>LDR/STR (unsigned offset) of 1, 2, 4 or 8 bytes: size is log2 of the width.</summary>
    public static uint LoadStore(bool load, int sizeLog2, int rt, int rn, uint imm12) =>
        0x39000000u | (uint)sizeLog2 << 30 | (load ? 1u << 22 : 0) | (imm12 & 0xFFF) << 10 | (uint)rn << 5 | (uint)rt;

    /// <summary>LDP/STP of X registers, signed offset (a pair: MMIO cannot be emulated from it).</summary>
    public static uint Pair(bool load, int rt, int rt2, int rn, int imm7) =>
        0xA9000000u | (load ? 1u << 22 : 0) | ((uint)imm7 & 0x7F) << 15 | (uint)rt2 << 10 | (uint)rn << 5 | (uint)rt;

    /// <summary>LDR/STR X with pre-index writeback.</summary>
    public static uint PreIndex(bool load, int rt, int rn, int imm9) =>
        0xF8000C00u | (load ? 1u << 22 : 0) | ((uint)imm9 & 0x1FF) << 12 | (uint)rn << 5 | (uint)rt;

    public static uint B(int offsetWords) => 0x14000000u | ((uint)offsetWords & 0x03FF_FFFF);

    public static uint Cbz(bool nonZero, int rt, int offsetWords) => (nonZero ? 0xB5000000u : 0xB4000000u) | ((uint)offsetWords & 0x7FFFF) << 5 | (uint)rt;

    public static uint Br(int rn) => 0xD61F0000u | (uint)rn << 5;

    /// <summary>Moves a 64-bit constant into Xd (MOVZ and three MOVKs).</summary>
    public static void MoveImmediate(List<uint> code, int rd, ulong value)
    {
        code.Add(Movz(rd, (ushort)value, 0));
        for (int shift = 16; shift < 64; shift += 16)
            code.Add(Movk(rd, (ushort)(value >> shift), shift));
    }

    /// <summary>Writes a system register through X<paramref name="scratch"/>.</summary>
    public static void WriteSystemRegister(List<uint> code, (uint, uint, uint, uint, uint) register, ulong value, int scratch = 9)
    {
        MoveImmediate(code, scratch, value);
        code.Add(Msr(register, scratch));
        code.Add(Isb);
    }

    /// <summary>
    /// A vector table (16 entries of 0x80 bytes) whose every handler steps over the instruction that
    /// took the exception (ELR_EL1 += 4) and returns, so a fuzz guest runs on past its faults.
    /// </summary>
    public static byte[] SkippingVectorTable()
    {
        var table = new byte[0x800];
        uint[] handler = [Mrs(Elr, 30), AddImm(30, 30, 4), Msr(Elr, 30), Eret];
        for (int entry = 0; entry < 16; entry++)
        {
            for (int i = 0; i < handler.Length; i++)
                BitConverter.TryWriteBytes(table.AsSpan(entry * 0x80 + i * 4), handler[i]);
        }
        return table;
    }

    public static void Put(byte[] image, int offset, IReadOnlyList<uint> code)
    {
        for (int i = 0; i < code.Count; i++)
            BitConverter.TryWriteBytes(image.AsSpan(offset + i * 4), code[i]);
    }
}
