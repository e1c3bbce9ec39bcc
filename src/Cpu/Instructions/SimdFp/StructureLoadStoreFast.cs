using System.Runtime.CompilerServices;
using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions.SimdFp;

/// <summary>
/// The fast-path twin of <see cref="StructureLoadStore.Multiple"/> for translated blocks: the
/// whole transfer (up to four 128-bit registers) 8-aligned inside one 4 KiB page the software TLB
/// holds, moved as 8-byte chunks and (de)interleaved in registers, with no stack buffer and no
/// per-element call. It does exactly what the full handler does on that path (the handler's
/// <c>ReadBlock</c>/<c>WriteBlock</c> take the same 8-byte chunks through
/// <see cref="ArmCore.TryReadFast"/>/<see cref="ArmCore.TryWriteFast"/>: an 8-aligned chunk in a
/// page whose entry matches cannot fault, and with the cache model the pages stay off the fast
/// path, so the cache sees every access through the handler as before). Anything else — an
/// UNDEFINED or trapped encoding, SP misaligned, an unaligned or page-crossing transfer, a
/// software TLB miss, LD2-LD4/ST2-ST4 of elements narrower than 64 bits — returns false with
/// nothing done, and the block runs the full handler.
/// </summary>
public static partial class StructureLoadStore
{
    /// <summary>The 8-byte chunks of one transfer: at most four 128-bit registers.</summary>
    [InlineArray(8)]
    private struct Chunks
    {
        private ulong _chunk;
    }

    /// <summary>
    /// The fast-path twin of <see cref="Multiple"/>: true when it did the whole instruction.
    /// Inlined into the block, where the constant word folds the decoding and the loops.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryMultiple(ArmCore core, uint insn)
    {
        int rpt, selem;
        switch ((insn >> 12) & 15)
        {
            case 0b0000: rpt = 1; selem = 4; break;
            case 0b0010: rpt = 4; selem = 1; break;
            case 0b0100: rpt = 1; selem = 3; break;
            case 0b0110: rpt = 3; selem = 1; break;
            case 0b0111: rpt = 1; selem = 1; break;
            case 0b1000: rpt = 1; selem = 2; break;
            case 0b1010: rpt = 2; selem = 1; break;
            default: return false;
        }
        bool q = ((insn >> 30) & 1) != 0;
        // LD2-LD4/ST2-ST4 only of .2D here: each 8-byte chunk is then one element.
        if ((selem != 1 && (((insn >> 10) & 3) != 3 || !q)) || !core.FpEnabled)
            return false;
        uint t = insn & 31, n = (insn >> 5) & 31, m = (insn >> 16) & 31;
        if (!SimdFpLoadStore.TryBaseAddress(core, n, out ulong address))
            return false;
        int dwords = q ? 2 : 1;
        int chunks = rpt * selem * dwords;
        if ((address & 7) != 0 || (address & 0xFFF) + (ulong)(chunks * 8) > 0x1000)
            return false;
        Chunks memory = default;
        if (((insn >> 22) & 1) != 0)
        {
            // One page, one software TLB entry: the first chunk hits exactly when all do.
            for (int i = 0; i < chunks; i++)
            {
                if (!core.TryReadFast(address + (ulong)(i * 8), 8, out ulong chunk))
                    return false;
                memory[i] = chunk;
            }
            if (selem == 1)
            {
                for (int r = 0; r < rpt; r++)
                    core.SetV((t + (uint)r) & 31, memory[r * dwords], q ? memory[r * dwords + 1] : 0);
            }
            else
            {
                // Element i of memory is lane i / selem of register i % selem.
                for (int s = 0; s < selem; s++)
                    core.SetV((t + (uint)s) & 31, memory[s], memory[selem + s]);
            }
        }
        else
        {
            if (!core.CanWriteFast(address, 8))
                return false;
            if (selem == 1)
            {
                for (int r = 0; r < rpt; r++)
                {
                    uint v = (t + (uint)r) & 31;
                    memory[r * dwords] = core.GetVLow(v);
                    if (q)
                        memory[r * dwords + 1] = core.GetVHigh(v);
                }
            }
            else
            {
                for (int s = 0; s < selem; s++)
                {
                    uint v = (t + (uint)s) & 31;
                    memory[s] = core.GetVLow(v);
                    memory[selem + s] = core.GetVHigh(v);
                }
            }
            for (int i = 0; i < chunks; i++)
                core.TryWriteFast(address + (ulong)(i * 8), 8, memory[i]);
        }
        if (((insn >> 23) & 1) != 0)
            core.SetXOrSp(n, address + (m != 31 ? core.GetX(m) : (ulong)(chunks * 8)));
        return true;
    }
}
