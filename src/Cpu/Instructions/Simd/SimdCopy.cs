using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions.Simd;

/// <summary>
/// Advanced SIMD copy and scalar copy (Arm ARM C4.1.95 "Advanced SIMD copy", "Advanced SIMD
/// scalar copy"): DUP (element, general), INS (element, general), SMOV, UMOV and the scalar DUP
/// (element), alias MOV. The element size is LowestSetBit(imm5), the index imm5&lt;4:size+1&gt;.
/// </summary>
internal static class SimdCopy
{
    /// <summary>DUP (element), vector (aarch64/instrs/vector/transfer/vector/cpy-dup-simd): every element of Vd = Vn[index].</summary>
    public static void DupElement(ArmCore core, uint insn)
    {
        uint imm5 = (insn >> 16) & 31;
        int size = SimdLanes.LowestSetBit(imm5);
        bool q = ((insn >> 30) & 1) != 0;
        if (size > 3 || (size == 3 && !q))
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        int esize = 8 << size;
        int index = (int)(imm5 >> (size + 1));
        uint n = (insn >> 5) & 31, d = insn & 31;
        ulong element = SimdLanes.Get(core.GetVLow(n), core.GetVHigh(n), index, esize);
        ulong replicated = Replicate64(element, esize);
        SimdLanes.Write(core, d, q, replicated, replicated);
    }

    /// <summary>DUP (element), scalar (aarch64/instrs/vector/transfer/vector/cpy-dup-sisd), alias MOV: Vd = Vn[index] as a scalar.</summary>
    public static void DupScalar(ArmCore core, uint insn)
    {
        uint imm5 = (insn >> 16) & 31;
        int size = SimdLanes.LowestSetBit(imm5);
        if (size > 3)
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        int esize = 8 << size;
        int index = (int)(imm5 >> (size + 1));
        uint n = (insn >> 5) & 31, d = insn & 31;
        core.SetVScalar(d, SimdLanes.Get(core.GetVLow(n), core.GetVHigh(n), index, esize));
    }

    /// <summary>DUP (general) (aarch64/instrs/vector/transfer/integer/dup): every element of Vd = X[n]&lt;esize-1:0&gt;.</summary>
    public static void DupGeneral(ArmCore core, uint insn)
    {
        uint imm5 = (insn >> 16) & 31;
        int size = SimdLanes.LowestSetBit(imm5);
        bool q = ((insn >> 30) & 1) != 0;
        if (size > 3 || (size == 3 && !q))
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        int esize = 8 << size;
        ulong replicated = Replicate64(core.GetX((insn >> 5) & 31) & SimdLanes.Mask(esize), esize);
        SimdLanes.Write(core, insn & 31, q, replicated, replicated);
    }

    /// <summary>INS (general) (aarch64/instrs/vector/transfer/integer/insert), alias MOV: Vd[index] = X[n]&lt;esize-1:0&gt;, the other elements kept.</summary>
    public static void InsGeneral(ArmCore core, uint insn)
    {
        uint imm5 = (insn >> 16) & 31;
        int size = SimdLanes.LowestSetBit(imm5);
        if (size > 3)
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        int esize = 8 << size;
        int index = (int)(imm5 >> (size + 1));
        uint d = insn & 31;
        ulong element = core.GetX((insn >> 5) & 31);
        ulong lo = core.GetVLow(d), hi = core.GetVHigh(d);
        SimdLanes.Set(ref lo, ref hi, index, esize, element);
        core.SetV(d, lo, hi);
    }

    /// <summary>INS (element) (aarch64/instrs/vector/transfer/vector/insert), alias MOV: Vd[dst_index] = Vn[src_index], the other elements kept.</summary>
    public static void InsElement(ArmCore core, uint insn)
    {
        uint imm5 = (insn >> 16) & 31, imm4 = (insn >> 11) & 15;
        int size = SimdLanes.LowestSetBit(imm5);
        if (size > 3)
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        int esize = 8 << size;
        int dstIndex = (int)(imm5 >> (size + 1));
        int srcIndex = (int)(imm4 >> size);
        uint n = (insn >> 5) & 31, d = insn & 31;
        ulong element = SimdLanes.Get(core.GetVLow(n), core.GetVHigh(n), srcIndex, esize);
        ulong lo = core.GetVLow(d), hi = core.GetVHigh(d);
        SimdLanes.Set(ref lo, ref hi, dstIndex, esize, element);
        core.SetV(d, lo, hi);
    }

    /// <summary>
    /// SMOV (aarch64/instrs/vector/transfer/integer/move/signed): X[d] = SignExtend(Vn[index], datasize).
    /// Q:imm5 = xxxxx1 byte, xxxx10 halfword, 1xx100 word (to X only); otherwise UNDEFINED.
    /// </summary>
    public static void Smov(ArmCore core, uint insn)
    {
        uint imm5 = (insn >> 16) & 31;
        bool q = ((insn >> 30) & 1) != 0;
        int size = SimdLanes.LowestSetBit(imm5);
        if (size > 2 || (size == 2 && !q))
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        int esize = 8 << size;
        int index = (int)(imm5 >> (size + 1));
        uint n = (insn >> 5) & 31;
        long value = SimdLanes.SignExtend(SimdLanes.Get(core.GetVLow(n), core.GetVHigh(n), index, esize), esize);
        core.SetX(insn & 31, q ? (ulong)value : (uint)value);
    }

    /// <summary>
    /// UMOV (aarch64/instrs/vector/transfer/integer/move/unsigned), alias MOV: X[d] = ZeroExtend(Vn[index], datasize).
    /// Q:imm5 = 0xxxx1 byte, 0xxx10 halfword, 0xx100 word, 1x1000 doubleword; otherwise UNDEFINED.
    /// </summary>
    public static void Umov(ArmCore core, uint insn)
    {
        uint imm5 = (insn >> 16) & 31;
        bool q = ((insn >> 30) & 1) != 0;
        int size = SimdLanes.LowestSetBit(imm5);
        if (size > 3 || (size == 3) != q)
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        int esize = 8 << size;
        int index = (int)(imm5 >> (size + 1));
        uint n = (insn >> 5) & 31;
        core.SetX(insn & 31, SimdLanes.Get(core.GetVLow(n), core.GetVHigh(n), index, esize));
    }

    /// <summary>Replicate(element, 64 DIV esize).</summary>
    internal static ulong Replicate64(ulong element, int esize)
    {
        ulong value = element;
        for (int width = esize; width < 64; width *= 2)
            value |= value << width;
        return value;
    }
}
