using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions.SimdFp;

/// <summary>
/// LD1-LD4 and ST1-ST4 (single structure: one lane of each register) and LD1R-LD4R (load and
/// replicate), no offset and post-indexed by immediate (Rm = 31) or by register (Arm ARM C4.1.85,
/// "Advanced SIMD load/store single structure"; shared pseudocode "LDST single"). Registers are
/// numbered modulo 32. A lane load keeps every other bit of the register (all 128 bits, whatever
/// Q); a replicating load writes 64 (Q = 0, high half cleared) or 128 bits. A load writes no
/// register unless every access succeeds; the base is written back after all accesses succeed.
/// </summary>
public static class StructureLoadStoreSingle
{
    /// <summary>LD1-LD4, ST1-ST4 (single structure), LD1R-LD4R; bit 23 selects the post-indexed form.</summary>
    public static void Single(ArmCore core, uint insn)
    {
        uint opcode = (insn >> 13) & 7, size = (insn >> 10) & 3;
        uint q = (insn >> 30) & 1, s = (insn >> 12) & 1;
        bool load = ((insn >> 22) & 1) != 0;
        int scale = (int)(opcode >> 1);
        int selem = (int)(((opcode & 1) << 1) | ((insn >> 21) & 1)) + 1;
        bool replicate = false;
        int index = 0;
        switch (scale)
        {
            case 3:
                if (!load || s != 0)
                {
                    core.Undefined();
                    return;
                }
                scale = (int)size;
                replicate = true;
                break;
            case 0:
                index = (int)(q << 3 | s << 2 | size); // B[0-15]
                break;
            case 1:
                if ((size & 1) != 0)
                {
                    core.Undefined();
                    return;
                }
                index = (int)(q << 2 | s << 1 | size >> 1); // H[0-7]
                break;
            default:
                if ((size & 2) != 0 || size == 1 && s != 0)
                {
                    core.Undefined();
                    return;
                }
                if (size == 0)
                {
                    index = (int)(q << 1 | s); // S[0-3]
                }
                else
                {
                    index = (int)q; // D[0-1]
                    scale = 3;
                }
                break;
        }
        if (!core.CheckFpEnabled())
            return;
        uint t = insn & 31, n = (insn >> 5) & 31, m = (insn >> 16) & 31;
        int ebytes = 1 << scale;
        if (!LoadStore.BaseAddress(core, n, out ulong address))
            return;
        if (load)
        {
            Span<ulong> values = stackalloc ulong[4];
            for (int k = 0; k < selem; k++)
            {
                if (!core.Read(address + (ulong)(k * ebytes), ebytes, out values[k]))
                    return;
            }
            for (int k = 0; k < selem; k++)
            {
                uint register = (t + (uint)k) & 31;
                if (replicate)
                {
                    ulong replicated = Replicate(values[k], scale);
                    core.SetV(register, replicated, q != 0 ? replicated : 0);
                }
                else
                {
                    SetLane(core, register, index, scale, values[k]);
                }
            }
        }
        else
        {
            for (int k = 0; k < selem; k++)
            {
                if (!core.Write(address + (ulong)(k * ebytes), ebytes, GetLane(core, (t + (uint)k) & 31, index, scale)))
                    return;
            }
        }
        if (((insn >> 23) & 1) != 0)
            core.SetXOrSp(n, address + (m != 31 ? core.GetX(m) : (ulong)(selem * ebytes)));
    }

    /// <summary>Replicate(element, 64 DIV esize): the element repeated to fill 64 bits.</summary>
    private static ulong Replicate(ulong element, int scale) => scale switch
    {
        0 => (element & 0xFF) * 0x0101_0101_0101_0101,
        1 => (element & 0xFFFF) * 0x0001_0001_0001_0001,
        2 => (element & 0xFFFF_FFFF) * 0x0000_0001_0000_0001,
        _ => element,
    };

    /// <summary>Elem[V[t], index, esize] = value, every other bit of V[t] kept.</summary>
    private static void SetLane(ArmCore core, uint t, int index, int scale, ulong value)
    {
        switch (scale)
        {
            case 0: core.VElement<byte>(t, index) = (byte)value; break;
            case 1: core.VElement<ushort>(t, index) = (ushort)value; break;
            case 2: core.VElement<uint>(t, index) = (uint)value; break;
            default: core.VElement<ulong>(t, index) = value; break;
        }
    }

    /// <summary>Elem[V[t], index, esize].</summary>
    private static ulong GetLane(ArmCore core, uint t, int index, int scale) => scale switch
    {
        0 => core.VElement<byte>(t, index),
        1 => core.VElement<ushort>(t, index),
        2 => core.VElement<uint>(t, index),
        _ => core.VElement<ulong>(t, index),
    };
}
