namespace Emulator.Cpu.Tests.Support;

/// <summary>The access size of a SIMD&amp;FP register load or store: B, H, S, D (scalar) or Q (128 bits).</summary>
public enum SimdFpSize
{
    B = 0, H = 1, S = 2, D = 3, Q = 4,
}

/// <summary>
/// Encoders of the SIMD&amp;FP loads and stores (Arm ARM C4.1.85, V = 1), written from the encoding
/// diagrams and checked against GNU as in LoadStoreEncoderTests. Registers are numbers 0..31
/// (V registers for Rt/Rt2, X/SP for the base). Offsets are in bytes.
/// </summary>
public static partial class A64
{
    // size = scale<1:0>, opc<1> = scale<2>, opc<0> = L
    private static uint SimdSizeOpc(SimdFpSize size, uint load) => ((uint)size & 3) << 30 | ((uint)size >> 2) << 23 | load << 22;

    /// <summary>LDR/STR (SIMD&amp;FP, unsigned offset): size 111 1 01 opc imm12 Rn Rt.</summary>
    private static uint SimdUnsignedOffset(SimdFpSize size, uint load, int t, int n, long offset)
    {
        int scale = (int)size;
        if ((offset & ((1L << scale) - 1)) != 0)
            throw new ArgumentException($"offset {offset} is not a multiple of {1 << scale}");
        return SimdSizeOpc(size, load) | 0b111101u << 24 | CheckedField(offset >> scale, 12, "imm12") << 10 | (uint)(n & 31) << 5 | (uint)(t & 31);
    }

    /// <summary>LDR &lt;Bt|Ht|St|Dt|Qt&gt;, [Xn|SP{, #offset}].</summary>
    public static uint SimdLdr(SimdFpSize size, int t, int n, long offset = 0) => SimdUnsignedOffset(size, 1, t, n, offset);

    /// <summary>STR &lt;Bt|Ht|St|Dt|Qt&gt;, [Xn|SP{, #offset}].</summary>
    public static uint SimdStr(SimdFpSize size, int t, int n, long offset = 0) => SimdUnsignedOffset(size, 0, t, n, offset);

    /// <summary>The 9-bit signed immediate forms: type 00 LDUR/STUR, 01 post-index, 11 pre-index.</summary>
    private static uint SimdImmediate9(SimdFpSize size, uint load, uint type, int t, int n, long offset) =>
        SimdSizeOpc(size, load) | 0b111100u << 24 | SignedField(offset, 9, "imm9") << 12 | type << 10 | (uint)(n & 31) << 5 | (uint)(t & 31);

    public static uint SimdLdur(SimdFpSize size, int t, int n, long offset) => SimdImmediate9(size, 1, 0b00, t, n, offset);

    public static uint SimdStur(SimdFpSize size, int t, int n, long offset) => SimdImmediate9(size, 0, 0b00, t, n, offset);

    /// <summary>LDR (SIMD&amp;FP) [Xn|SP, #offset]!</summary>
    public static uint SimdLdrPre(SimdFpSize size, int t, int n, long offset) => SimdImmediate9(size, 1, 0b11, t, n, offset);

    /// <summary>LDR (SIMD&amp;FP) [Xn|SP], #offset</summary>
    public static uint SimdLdrPost(SimdFpSize size, int t, int n, long offset) => SimdImmediate9(size, 1, 0b01, t, n, offset);

    public static uint SimdStrPre(SimdFpSize size, int t, int n, long offset) => SimdImmediate9(size, 0, 0b11, t, n, offset);

    public static uint SimdStrPost(SimdFpSize size, int t, int n, long offset) => SimdImmediate9(size, 0, 0b01, t, n, offset);

    /// <summary>LDR/STR (register, SIMD&amp;FP): [Xn|SP, (W|X)m{, extend {#amount}}]; shifted scales the index by the access size.</summary>
    private static uint SimdRegisterOffset(SimdFpSize size, uint load, int t, int n, int m, Extend extend, bool shifted) =>
        SimdSizeOpc(size, load) | 0b111100u << 24 | 1u << 21 | (uint)(m & 31) << 16 | (uint)extend << 13 | (shifted ? 1u : 0u) << 12
        | 0b10u << 10 | (uint)(n & 31) << 5 | (uint)(t & 31);

    public static uint SimdLdrRegister(SimdFpSize size, int t, int n, int m, Extend extend = Extend.UXTX, bool shifted = false) =>
        SimdRegisterOffset(size, 1, t, n, m, extend, shifted);

    public static uint SimdStrRegister(SimdFpSize size, int t, int n, int m, Extend extend = Extend.UXTX, bool shifted = false) =>
        SimdRegisterOffset(size, 0, t, n, m, extend, shifted);

    /// <summary>LDR (literal, SIMD&amp;FP) of S, D or Q at a byte offset from the instruction.</summary>
    public static uint SimdLdrLiteral(SimdFpSize size, int t, long byteOffset)
    {
        if (size is < SimdFpSize.S)
            throw new ArgumentException("LDR (literal, SIMD&FP) loads S, D or Q only");
        return ((uint)size - 2) << 30 | 0b011100u << 24 | WordOffset(byteOffset, 19, "imm19") << 5 | (uint)(t & 31);
    }

    /// <summary>LDP/STP/LDNP/STNP (SIMD&amp;FP) of S, D or Q: opc 101 1 type L imm7 Rt2 Rn Rt.</summary>
    private static uint SimdPair(SimdFpSize size, uint load, PairMode mode, int t1, int t2, int n, long offset)
    {
        if (size is < SimdFpSize.S)
            throw new ArgumentException("SIMD&FP pairs are of S, D or Q registers");
        int scale = (int)size;
        if ((offset & ((1L << scale) - 1)) != 0)
            throw new ArgumentException($"pair offset {offset} is not a multiple of {1 << scale}");
        return ((uint)size - 2) << 30 | 0b1011u << 26 | (uint)mode << 23 | load << 22 | SignedField(offset >> scale, 7, "imm7") << 15
            | (uint)(t2 & 31) << 10 | (uint)(n & 31) << 5 | (uint)(t1 & 31);
    }

    public static uint SimdLdp(SimdFpSize size, int t1, int t2, int n, long offset = 0, PairMode mode = PairMode.Offset) =>
        SimdPair(size, 1, mode, t1, t2, n, offset);

    public static uint SimdStp(SimdFpSize size, int t1, int t2, int n, long offset = 0, PairMode mode = PairMode.Offset) =>
        SimdPair(size, 0, mode, t1, t2, n, offset);

    /// <summary>
    /// LD1-LD4/ST1-ST4 (multiple structures) of <paramref name="registers"/> registers from Vt
    /// (numbered modulo 32), elements of 8 &lt;&lt; size bits, 128-bit registers when q.
    /// <paramref name="structure"/> is the n of LDn/STn (1 to 4); LD1/ST1 take 1 to 4 registers.
    /// Post-indexed when <paramref name="postRegister"/> is given: 31 means by the immediate
    /// (the bytes transferred), another number by Xm.
    /// </summary>
    public static uint SimdStructures(bool load, int structure, int registers, int size, bool q, int t, int n, int? postRegister = null)
    {
        uint opcode = (structure, registers) switch
        {
            (4, 4) => 0b0000,
            (1, 4) => 0b0010,
            (3, 3) => 0b0100,
            (1, 3) => 0b0110,
            (1, 1) => 0b0111,
            (2, 2) => 0b1000,
            (1, 2) => 0b1010,
            _ => throw new ArgumentException($"LD{structure}/ST{structure} of {registers} registers does not exist"),
        };
        uint word = (q ? 1u : 0u) << 30 | 0b0011000u << 23 | (load ? 1u : 0u) << 22 | opcode << 12 | (uint)(size & 3) << 10
            | (uint)(n & 31) << 5 | (uint)(t & 31);
        return postRegister is { } m ? word | 1u << 23 | (uint)(m & 31) << 16 : word;
    }

    /// <summary>
    /// LD1-LD4/ST1-ST4 (single structure) of lane <paramref name="index"/> of 8 &lt;&lt; size-bit
    /// elements, <paramref name="structure"/> registers from Vt; post-indexed as in <see cref="SimdStructures"/>.
    /// </summary>
    public static uint SimdStructureLane(bool load, int structure, int size, int index, int t, int n, int? postRegister = null)
    {
        // Q:S:size (B), Q:S:size<1> (H), Q:S (S), Q (D) hold the index.
        uint qs = size switch
        {
            0 => (uint)index,
            1 => (uint)index << 1,
            2 => (uint)index << 2,
            _ => (uint)index << 3 | 0b001,
        };
        uint q = (qs >> 3) & 1, s = (qs >> 2) & 1, sizeField = qs & 3;
        uint opcode = (uint)(Math.Min(size, 2) << 1) | (uint)((structure - 1) >> 1);
        uint r = (uint)(structure - 1) & 1;
        uint word = q << 30 | 0b0011010u << 23 | (load ? 1u : 0u) << 22 | r << 21 | opcode << 13 | s << 12 | sizeField << 10
            | (uint)(n & 31) << 5 | (uint)(t & 31);
        return postRegister is { } m ? word | 1u << 23 | (uint)(m & 31) << 16 : word;
    }

    /// <summary>LD1R-LD4R: one element of 8 &lt;&lt; size bits replicated to every lane of <paramref name="structure"/> registers from Vt.</summary>
    public static uint SimdLoadReplicate(int structure, int size, bool q, int t, int n, int? postRegister = null)
    {
        uint opcode = 0b110u | (uint)((structure - 1) >> 1);
        uint r = (uint)(structure - 1) & 1;
        uint word = (q ? 1u : 0u) << 30 | 0b0011010u << 23 | 1u << 22 | r << 21 | opcode << 13 | (uint)(size & 3) << 10
            | (uint)(n & 31) << 5 | (uint)(t & 31);
        return postRegister is { } m ? word | 1u << 23 | (uint)(m & 31) << 16 : word;
    }
}
