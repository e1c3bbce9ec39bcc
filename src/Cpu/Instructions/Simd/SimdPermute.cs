using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions.Simd;

/// <summary>
/// Advanced SIMD permute (Arm ARM C4.1.95 "Advanced SIMD permute"): UZP1/UZP2, TRN1/TRN2,
/// ZIP1/ZIP2 (op, bit 14, selects the second form: part = 1); EXT ("Advanced SIMD extract").
/// </summary>
internal static class SimdPermute
{
    /// <summary>UZP1, UZP2 (aarch64/instrs/vector/transfer/vector/permute/unzip): result[e] = (Vm:Vn)[2*e + part].</summary>
    public static void Uzp(ArmCore core, uint insn)
    {
        if (!Decode(core, insn, out bool q, out int esize, out int part, out ulong nLo, out ulong nHi, out ulong mLo, out ulong mHi))
            return;
        int elements = (q ? 128 : 64) / esize;
        ulong lo = 0, hi = 0;
        for (int e = 0; e < elements; e++)
        {
            // zipped = operandh:operandl, each datasize bits: element i of it is Vn[i] below elements, Vm[i - elements] above.
            int i = 2 * e + part;
            ulong value = i < elements ? SimdLanes.Get(nLo, nHi, i, esize) : SimdLanes.Get(mLo, mHi, i - elements, esize);
            SimdLanes.Set(ref lo, ref hi, e, esize, value);
        }
        SimdLanes.Write(core, insn & 31, q, lo, hi);
    }

    /// <summary>TRN1, TRN2 (aarch64/instrs/vector/transfer/vector/permute/transpose): result[2p] = Vn[2p + part], result[2p+1] = Vm[2p + part].</summary>
    public static void Trn(ArmCore core, uint insn)
    {
        if (!Decode(core, insn, out bool q, out int esize, out int part, out ulong nLo, out ulong nHi, out ulong mLo, out ulong mHi))
            return;
        int pairs = (q ? 128 : 64) / esize / 2;
        ulong lo = 0, hi = 0;
        for (int p = 0; p < pairs; p++)
        {
            SimdLanes.Set(ref lo, ref hi, 2 * p, esize, SimdLanes.Get(nLo, nHi, 2 * p + part, esize));
            SimdLanes.Set(ref lo, ref hi, 2 * p + 1, esize, SimdLanes.Get(mLo, mHi, 2 * p + part, esize));
        }
        SimdLanes.Write(core, insn & 31, q, lo, hi);
    }

    /// <summary>ZIP1, ZIP2 (aarch64/instrs/vector/transfer/vector/permute/zip): result[2p] = Vn[base + p], result[2p+1] = Vm[base + p], base = part * pairs.</summary>
    public static void Zip(ArmCore core, uint insn)
    {
        if (!Decode(core, insn, out bool q, out int esize, out int part, out ulong nLo, out ulong nHi, out ulong mLo, out ulong mHi))
            return;
        int pairs = (q ? 128 : 64) / esize / 2;
        int @base = part * pairs;
        ulong lo = 0, hi = 0;
        for (int p = 0; p < pairs; p++)
        {
            SimdLanes.Set(ref lo, ref hi, 2 * p, esize, SimdLanes.Get(nLo, nHi, @base + p, esize));
            SimdLanes.Set(ref lo, ref hi, 2 * p + 1, esize, SimdLanes.Get(mLo, mHi, @base + p, esize));
        }
        SimdLanes.Write(core, insn & 31, q, lo, hi);
    }

    /// <summary>EXT (aarch64/instrs/vector/transfer/vector/extract): result = (Vm:Vn)&lt;position + datasize - 1:position&gt;, position = imm4 * 8; Q = 0 with imm4&lt;3&gt; = 1 is UNDEFINED.</summary>
    public static void Ext(ArmCore core, uint insn)
    {
        bool q = ((insn >> 30) & 1) != 0;
        int imm4 = (int)((insn >> 11) & 15);
        if (!q && imm4 >= 8)
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        uint m = (insn >> 16) & 31, n = (insn >> 5) & 31;
        int position = imm4 * 8;
        ulong lo, hi;
        if (!q)
        {
            // concat = Vm<63:0>:Vn<63:0> (128 bits); result = concat<position+63:position>.
            ulong nLo = core.GetVLow(n), mLo = core.GetVLow(m);
            lo = position == 0 ? nLo : (nLo >> position) | (mLo << (64 - position));
            hi = 0;
        }
        else
        {
            // concat = Vm:Vn (256 bits) as four words; result = concat<position+127:position>.
            ulong w0 = core.GetVLow(n), w1 = core.GetVHigh(n), w2 = core.GetVLow(m), w3 = core.GetVHigh(m);
            if (position >= 64)
            {
                w0 = w1;
                w1 = w2;
                w2 = w3;
                position -= 64;
            }
            lo = position == 0 ? w0 : (w0 >> position) | (w1 << (64 - position));
            hi = position == 0 ? w1 : (w1 >> position) | (w2 << (64 - position));
        }
        core.SetV(insn & 31, lo, hi);
    }

    /// <summary>TBL, TBX (aarch64/instrs/vector/transfer/vector/table): byte lookup in a table of len + 1 consecutive registers (numbers wrap modulo 32); an out-of-range index gives 0 (TBL) or keeps Vd's byte (TBX).</summary>
    public static void Table(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled())
            return;
        bool q = ((insn >> 30) & 1) != 0;
        bool isTbl = ((insn >> 12) & 1) == 0;
        int regs = (int)((insn >> 13) & 3) + 1;
        uint m = (insn >> 16) & 31, n = (insn >> 5) & 31, d = insn & 31;
        int elements = q ? 16 : 8;
        ulong indicesLo = core.GetVLow(m), indicesHi = core.GetVHigh(m);
        ulong lo = isTbl ? 0 : core.GetVLow(d), hi = isTbl ? 0 : core.GetVHigh(d);
        for (int i = 0; i < elements; i++)
        {
            int index = (int)SimdLanes.Get(indicesLo, indicesHi, i, 8);
            if (index < 16 * regs)
            {
                uint t = (n + (uint)(index >> 4)) & 31;
                ulong value = core.VElement<byte>(t, index & 15);
                SimdLanes.Set(ref lo, ref hi, i, 8, value);
            }
        }
        SimdLanes.Write(core, d, q, lo, hi);
    }

    /// <summary>The common decode of the permutes: size:Q = 110 is UNDEFINED; part = op (bit 14); the sources read before any write.</summary>
    private static bool Decode(ArmCore core, uint insn, out bool q, out int esize, out int part, out ulong nLo, out ulong nHi, out ulong mLo, out ulong mHi)
    {
        q = ((insn >> 30) & 1) != 0;
        int size = (int)((insn >> 22) & 3);
        esize = 8 << size;
        part = (int)((insn >> 14) & 1);
        nLo = nHi = mLo = mHi = 0;
        if (size == 3 && !q)
        {
            core.Undefined();
            return false;
        }
        if (!core.CheckFpEnabled())
            return false;
        uint m = (insn >> 16) & 31, n = (insn >> 5) & 31;
        nLo = core.GetVLow(n);
        nHi = core.GetVHigh(n);
        mLo = core.GetVLow(m);
        mHi = core.GetVHigh(m);
        return true;
    }
}
