using System.Buffers.Binary;
using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions.SimdFp;

/// <summary>
/// LD1-LD4 and ST1-ST4 (multiple structures), no offset and post-indexed by immediate (Rm = 31)
/// or by register (Arm ARM C4.1.85, "Advanced SIMD load/store multiple structures"; shared
/// pseudocode "LDST multiple"). Registers are numbered modulo 32. The pseudocode accesses memory
/// element by element in ascending address order; this does the same accesses, in 8-byte chunks
/// where the chunk is RAM the software TLB maps (<see cref="ArmCore.TryReadFast"/>), which gives
/// the same bytes, faults and fault addresses (an 8-aligned chunk never crosses a page), and
/// element by element otherwise. A load writes no register unless every access succeeds (the
/// registers are UNKNOWN after a fault in the architecture); a store may leave its earlier
/// elements written. The base is written back after all accesses succeed.
/// </summary>
public static partial class StructureLoadStore
{
    /// <summary>The most bytes one instruction transfers: four 128-bit registers.</summary>
    private const int MaxBytes = 64;

    /// <summary>LD1-LD4, ST1-ST4 (multiple structures); bit 23 selects the post-indexed form.</summary>
    public static void Multiple(ArmCore core, uint insn)
    {
        int rpt, selem;
        switch ((insn >> 12) & 15)
        {
            case 0b0000: rpt = 1; selem = 4; break; // LD4/ST4
            case 0b0010: rpt = 4; selem = 1; break; // LD1/ST1, 4 registers
            case 0b0100: rpt = 1; selem = 3; break; // LD3/ST3
            case 0b0110: rpt = 3; selem = 1; break; // LD1/ST1, 3 registers
            case 0b0111: rpt = 1; selem = 1; break; // LD1/ST1, 1 register
            case 0b1000: rpt = 1; selem = 2; break; // LD2/ST2
            case 0b1010: rpt = 2; selem = 1; break; // LD1/ST1, 2 registers
            default:
                core.Undefined();
                return;
        }
        uint size = (insn >> 10) & 3;
        bool q = ((insn >> 30) & 1) != 0;
        if (size == 3 && !q && selem != 1)
        {
            core.Undefined(); // the .1D arrangement is for LD1/ST1 only
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        uint t = insn & 31, n = (insn >> 5) & 31, m = (insn >> 16) & 31;
        int ebytes = 1 << (int)size;
        int dbytes = q ? 16 : 8;
        int registers = rpt * selem;
        int total = registers * dbytes;
        if (!LoadStore.BaseAddress(core, n, out ulong address))
            return;
        Span<byte> memory = stackalloc byte[MaxBytes];
        memory = memory[..total];
        if (((insn >> 22) & 1) != 0)
        {
            if (!ReadBlock(core, address, memory, ebytes))
                return;
            if (selem == 1)
            {
                // LD1: memory holds the registers one after the other.
                for (int r = 0; r < registers; r++)
                    SetV(core, (t + (uint)r) & 31, memory.Slice(r * dbytes, dbytes));
            }
            else
            {
                // LD2-LD4: element i of memory is element i / selem of register i % selem.
                Span<byte> lanes = stackalloc byte[MaxBytes];
                int count = total / ebytes;
                for (int i = 0; i < count; i++)
                    memory.Slice(i * ebytes, ebytes).CopyTo(lanes.Slice((i % selem) * dbytes + (i / selem) * ebytes, ebytes));
                for (int s = 0; s < selem; s++)
                    SetV(core, (t + (uint)s) & 31, lanes.Slice(s * dbytes, dbytes));
            }
        }
        else
        {
            if (selem == 1)
            {
                for (int r = 0; r < registers; r++)
                    GetV(core, (t + (uint)r) & 31, memory.Slice(r * dbytes, dbytes));
            }
            else
            {
                Span<byte> lanes = stackalloc byte[MaxBytes];
                for (int s = 0; s < selem; s++)
                    GetV(core, (t + (uint)s) & 31, lanes.Slice(s * dbytes, dbytes));
                int count = total / ebytes;
                for (int i = 0; i < count; i++)
                    lanes.Slice((i % selem) * dbytes + (i / selem) * ebytes, ebytes).CopyTo(memory.Slice(i * ebytes, ebytes));
            }
            if (!WriteBlock(core, address, memory, ebytes))
                return;
        }
        if (((insn >> 23) & 1) != 0)
            core.SetXOrSp(n, address + (m != 31 ? core.GetX(m) : (ulong)total));
    }

    /// <summary>V[t] = the 8 or 16 bytes of <paramref name="bytes"/> (an 8-byte write clears the high half).</summary>
    private static void SetV(ArmCore core, uint t, ReadOnlySpan<byte> bytes) =>
        core.SetV(t, BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            bytes.Length == 16 ? BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]) : 0);

    /// <summary>The low 8 or 16 bytes of V[t] into <paramref name="bytes"/>.</summary>
    private static void GetV(ArmCore core, uint t, Span<byte> bytes)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, core.GetVLow(t));
        if (bytes.Length == 16)
            BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], core.GetVHigh(t));
    }

    /// <summary>Reads buffer.Length bytes (a multiple of 8) at address as elements of <paramref name="ebytes"/> bytes in ascending order. False when an access faulted.</summary>
    internal static bool ReadBlock(ArmCore core, ulong address, Span<byte> buffer, int ebytes)
    {
        if ((address & 7) != 0)
            return ReadElements(core, address, buffer, ebytes);
        for (int i = 0; i < buffer.Length; i += 8)
        {
            if (core.TryReadFast(address + (ulong)i, 8, out ulong chunk))
                BinaryPrimitives.WriteUInt64LittleEndian(buffer[i..], chunk);
            else if (!ReadElements(core, address + (ulong)i, buffer.Slice(i, 8), ebytes))
                return false;
        }
        return true;
    }

    /// <summary>Writes buffer.Length bytes (a multiple of 8) at address as elements of <paramref name="ebytes"/> bytes in ascending order. False when an access faulted.</summary>
    internal static bool WriteBlock(ArmCore core, ulong address, ReadOnlySpan<byte> buffer, int ebytes)
    {
        if ((address & 7) != 0)
            return WriteElements(core, address, buffer, ebytes);
        for (int i = 0; i < buffer.Length; i += 8)
        {
            if (!core.TryWriteFast(address + (ulong)i, 8, BinaryPrimitives.ReadUInt64LittleEndian(buffer[i..]))
                && !WriteElements(core, address + (ulong)i, buffer.Slice(i, 8), ebytes))
                return false;
        }
        return true;
    }

    private static bool ReadElements(ArmCore core, ulong address, Span<byte> buffer, int ebytes)
    {
        for (int i = 0; i < buffer.Length; i += ebytes)
        {
            if (!core.Read(address + (ulong)i, ebytes, out ulong value))
                return false;
            for (int b = 0; b < ebytes; b++)
                buffer[i + b] = (byte)(value >> (8 * b));
        }
        return true;
    }

    private static bool WriteElements(ArmCore core, ulong address, ReadOnlySpan<byte> buffer, int ebytes)
    {
        for (int i = 0; i < buffer.Length; i += ebytes)
        {
            ulong value = 0;
            for (int b = ebytes - 1; b >= 0; b--)
                value = value << 8 | buffer[i + b];
            if (!core.Write(address + (ulong)i, ebytes, value))
                return false;
        }
        return true;
    }
}
