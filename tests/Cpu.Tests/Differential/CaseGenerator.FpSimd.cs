using Emulator.Cpu.Decoding;
using Emulator.Cpu.Instructions;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.Differential;

/// <summary>
/// The SIMD&amp;FP cases (rows marked <see cref="DifferentialGroup.FpSimd"/>, run on QEMU's
/// cortex-a57): the word drawn as for the integer rows, the V registers, FPCR and FPSR from
/// <see cref="SimdFpValues"/>. Memory-accessing rows are recognised by their encoding class (the
/// SIMD&amp;FP load/store classes of C4.1.85, V = 1), whatever their table row: the base register is
/// placed so that the whole access (up to 64 bytes for LD4/ST4 of four Q registers) lands inside
/// the scratch buffer, aligned to the element size (the MMU is off, memory is Device, where the
/// Arm ARM faults unaligned accesses and QEMU 7.2 does not). These loads and stores transfer V
/// registers, so the only CONSTRAINED UNPREDICTABLE overlap is LDP with Rt == Rt2, which is not
/// generated (there is no GPR transfer to collide with a written-back base). One case in sixteen
/// (every case while no row is marked) is an MSR/MRS of FPCR or FPSR, so that the state
/// load/dump path always runs.
/// </summary>
public sealed partial class CaseGenerator
{
    /// <summary>Name of the MSR/MRS FPCR/FPSR cases, which are not drawn from a FpSimd row.</summary>
    public const string FpSystemRegisterRow = "MSR/MRS FPCR, FPSR (harness)";

    private readonly A64Encoding[] _fpSimdRows;

    /// <summary>Armv8.0 SIMD&amp;FP rows, for images run on QEMU's cortex-a57 with the SIMD&amp;FP state.</summary>
    public IReadOnlyList<A64Encoding> FpSimdRows => _fpSimdRows;

    /// <summary>
    /// Rows in the SIMD&amp;FP encoding space (op0 bits 27:26 fixed at 11: data processing SIMD&amp;FP
    /// and the V = 1 loads and stores), marked or not.
    /// </summary>
    public static int SimdFpSpaceRows()
    {
        int count = 0;
        foreach (A64Encoding e in A64Decoder.Instance.Table)
        {
            if ((e.Mask & 0x0C00_0000) == 0x0C00_0000 && (e.Value & 0x0C00_0000) == 0x0C00_0000)
                count++;
        }
        return count;
    }

    /// <summary>
    /// The instruction form of a SIMD&amp;FP word: its row plus the short fields of the row's pattern
    /// (Q, size/sz/type, U, opc, S, L...; runs of at most four bits), not registers (five-bit
    /// runs, n, d, m, a) or immediates (i).
    /// </summary>
    public static string FpFormKey(uint word)
    {
        if (A64Decoder.Instance.Find(word) is not { } row)
            return "UNDEFINED";
        var key = new global::System.Text.StringBuilder(row.Name).Append(':');
        string p = row.Pattern;
        for (int i = 0; i < 32;)
        {
            int end = i;
            while (end < 32 && p[end] == p[i])
                end++;
            if (p[i] is not ('0' or '1' or 'n' or 'd' or 'm' or 'a' or 'i') && end - i <= 4)
            {
                for (int b = i; b < end; b++)
                    key.Append((word >> (31 - b)) & 1);
                key.Append('.');
            }
            i = end;
        }
        return key.ToString();
    }

    public DiffCase NextFpSimd()
    {
        for (int attempt = 0; attempt < 100_000; attempt++)
        {
            if (_fpSimdRows.Length == 0 || _random.Next(16) == 0)
                return FpSystemRegisterCase();
            DiffCase? c = TryGenerateFpSimd(_fpSimdRows[_random.Next(_fpSimdRows.Length)]);
            if (c is not null)
                return c;
        }
        throw new InvalidOperationException("no FpSimd row yields a case that decodes back to it");
    }

    private DiffCase? TryGenerateFpSimd(A64Encoding e)
    {
        uint word = e.Value | ((uint)_random.NextInt64(0, 1L << 32) & ~e.Mask);
        ulong[] x = new ulong[32]; // x[31] stays 0 (XZR)
        for (int i = 0; i < 31; i++)
            x[i] = _random.Next(4) == 0 ? SimdFpValues.Scalar(_random) : RandomValue();
        ulong nzcv = (ulong)_random.Next(16) << 28;
        ulong sp = _random.Next(4) == 0 ? RandomValue() : HarnessImage.ScratchAddress + (ulong)_random.Next(16) * 16;
        byte[] scratch = new byte[HarnessImage.ScratchBytes];
        FillScratch(scratch);
        if (_random.Next(8) != 0)
            word = MostlyAllocatedFp(e.Mask, word);
        if (e.Class == InstructionClass.LoadStore && !PlaceSimdFpAccess(e.Mask, ref word, x, ref sp))
            return null;
        if (!ReferenceEquals(A64Decoder.Instance.Find(word), e))
            return null;
        return new DiffCase(e.Name, [word], x[..31], nzcv, sp, scratch)
        {
            Vector = SimdFpValues.Vector(_random, SimdFpValues.GuessEsize(_random, word)),
            Fpcr = SimdFpValues.Fpcr(_random),
            Fpsr = SimdFpValues.Fpsr(_random),
        };
    }

    /// <summary>MSR FPCR/FPSR with a value of bits both machines implement (see <see cref="SimdFpValues.FpcrBits"/>), or MRS of either.</summary>
    private DiffCase FpSystemRegisterCase()
    {
        ulong[] x = new ulong[31];
        for (int i = 0; i < 31; i++)
            x[i] = RandomValue();
        bool fpsr = _random.Next(2) == 0, write = _random.Next(2) == 0;
        int t = _random.Next(32);
        var register = fpsr ? HarnessEncodings.FPSR : HarnessEncodings.FPCR;
        if (write && t < 31)
            x[t] = (ulong)_random.Next() & (fpsr ? SimdFpValues.FpsrBits : SimdFpValues.FpcrBits);
        uint word = write ? Msr(register, X(t)) : Mrs(X(t), register);
        byte[] scratch = new byte[HarnessImage.ScratchBytes];
        _random.NextBytes(scratch);
        return new DiffCase(FpSystemRegisterRow, [word], x, (ulong)_random.Next(16) << 28, HarnessImage.ScratchAddress, scratch)
        {
            Vector = SimdFpValues.Vector(_random),
            Fpcr = SimdFpValues.Fpcr(_random),
            Fpsr = SimdFpValues.Fpsr(_random),
        };
    }

    /// <summary>Scratch memory: random bytes, or in half the cases doublewords of FP and integer edge values (what SIMD&amp;FP loads then compute on).</summary>
    private void FillScratch(byte[] scratch)
    {
        _random.NextBytes(scratch);
        if (_random.Next(2) != 0)
            return;
        ulong[] v = SimdFpValues.Vector(_random);
        for (int i = 0; i < scratch.Length / 8; i++)
            global::System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(scratch.AsSpan(i * 8), v[i % 64]);
    }

    /// <summary>
    /// Moves operand fields the row leaves free into allocated space in most cases: a scalar FP
    /// word (M 0 S 11110 type) gets M = S = 0 and a type other than the unallocated 0b10.
    /// </summary>
    private uint MostlyAllocatedFp(uint mask, uint word)
    {
        if ((word & 0x5F00_0000) != 0x1E00_0000)
            return word;
        uint free = ~mask;
        word &= ~(free & (1u << 31 | 1u << 29));
        if ((free & 3u << 22) == 3u << 22 && ((word >> 22) & 3) == 2)
            word = (word & ~(3u << 22)) | (uint)_random.Next(2) << 22;
        return word;
    }

    /// <summary>
    /// Moves a SIMD&amp;FP load/store word out of its unallocated operand combinations (opc 11 of
    /// literals and pairs, a 128-bit opc with size other than 00, imm9 type 10), where the row
    /// leaves those bits free.
    /// </summary>
    private uint MostlyAllocatedSimdFpAccess(uint mask, uint word)
    {
        uint free = ~mask;
        bool literal = (word & 0x3F00_0000) == 0x1C00_0000, pair = (word & 0x3E00_0000) == 0x2C00_0000;
        if ((literal || pair) && (free & 3u << 30) == 3u << 30 && word >> 30 == 3)
            return (word & ~(3u << 30)) | (uint)_random.Next(3) << 30;
        if ((word & 0xBF00_0000) == 0x0C00_0000 && (free & 0xFu << 12) == 0xFu << 12)
        {
            // Multiple structures: an allocated opcode (LD4, LD1 x4, LD3, LD1 x3, LD1 x1, LD2, LD1 x2).
            uint[] opcodes = [0b0000, 0b0010, 0b0100, 0b0110, 0b0111, 0b1000, 0b1010];
            return (word & ~(0xFu << 12)) | opcodes[_random.Next(opcodes.Length)] << 12;
        }
        bool single = (word & 0x3F00_0000) is 0x3C00_0000 or 0x3D00_0000;
        if (!single)
            return word;
        if ((word & 1u << 23) != 0 && word >> 30 != 0 && (free & 3u << 30) == 3u << 30)
            word &= ~(3u << 30); // opc<1> = 1: the 128-bit form, size 00
        if ((word & 0x3F20_0000) == 0x3C00_0000 && ((word >> 10) & 3) == 2 && (free & 3u << 10) == 3u << 10)
            word = (word & ~(3u << 10)) | (uint)(_random.Next(3) switch { 0 => 0, 1 => 1, _ => 3 }) << 10;
        return word;
    }

    /// <summary>
    /// For a SIMD&amp;FP load/store word (C4.1.85, V = 1): sets the base register (and fixes the
    /// immediate or index) so that the access lies inside the scratch buffer, aligned to its
    /// element size. Returns false for the CONSTRAINED UNPREDICTABLE LDP Rt == Rt2 and the
    /// index = base register-offset form (whose offset would change with the base).
    /// </summary>
    private bool PlaceSimdFpAccess(uint mask, ref uint word, ulong[] x, ref ulong sp)
    {
        if (_random.Next(8) != 0)
            word = MostlyAllocatedSimdFpAccess(mask, word);
        uint n = (word >> 5) & 31, t = word & 31;
        if ((word & 0xBF00_0000) == 0x0C00_0000)
        {
            // Advanced SIMD load/store multiple structures (post-index when bit 23 is set): 0 Q 001100 p L 0 Rm opcode size Rn Rt.
            int registers = ((word >> 12) & 15) switch { 0b0000 or 0b0010 => 4, 0b0100 or 0b0110 => 3, 0b0111 => 1, _ => 2 };
            int bytes = registers * (((word >> 30) & 1) != 0 ? 16 : 8);
            return PlaceAccess(x, ref sp, n, 0, bytes, 1 << (int)((word >> 10) & 3));
        }
        if ((word & 0xBF00_0000) == 0x0D00_0000)
        {
            // Advanced SIMD load/store single structure: 0 Q 001101 p L R Rm opcode S size Rn Rt.
            uint opcode = (word >> 13) & 7, size = (word >> 10) & 3;
            int selem = (int)(((opcode & 1) << 1) | ((word >> 21) & 1)) + 1;
            int scale = (int)(opcode >> 1);
            int ebytes = scale == 3 ? 1 << (int)size : scale == 2 && (size & 1) != 0 ? 8 : 1 << scale;
            return PlaceAccess(x, ref sp, n, 0, selem * ebytes, ebytes);
        }
        if ((word & 0x3F00_0000) == 0x1C00_0000)
        {
            // LDR (literal, SIMD&FP): near the case (RAM further away holds QEMU's device tree); HarnessImage aligns it.
            word = (word & ~(0x7FFFFu << 5)) | ((uint)_random.Next(-48, 48) & 0x7FFFF) << 5;
            return true;
        }
        if ((word & 0x3E00_0000) == 0x2C00_0000)
        {
            // Load/store pair (SIMD&FP): opc 101 1 0 type L imm7 Rt2 Rn Rt; opc 11 is unallocated.
            uint opc = word >> 30, type = (word >> 23) & 3, t2 = (word >> 10) & 31;
            bool load = ((word >> 22) & 1) != 0;
            int elem = opc == 3 ? 16 : 4 << (int)opc;
            long offset = (long)((int)(word << 10) >> 25) * elem;
            if (load && t == t2)
                return false;
            return PlaceAccess(x, ref sp, n, type == 1 ? 0 : offset, 2 * elem, elem);
        }
        int access = 1 << (int)(((word >> 21) & 4) | (word >> 30)); // scale = opc<1>:size (above 4 UNDEFINED)
        if (access > 16)
            access = 16;
        if ((word & 0x3F20_0000) == 0x3C00_0000)
        {
            // Load/store register (unscaled, post-index, pre-index; type 10 is unallocated for V = 1).
            uint type = (word >> 10) & 3;
            long imm = (int)(word << 11) >> 23;
            return PlaceAccess(x, ref sp, n, type == 1 ? 0 : imm, access, access);
        }
        if ((word & 0x3F20_0C00) == 0x3C20_0800)
        {
            // Load/store register (register offset): option<1> = 0 is UNDEFINED, set in most cases.
            if ((mask & 1u << 14) == 0 && _random.Next(8) != 0)
                word |= 1u << 14;
            uint m = (word >> 16) & 31, option = (word >> 13) & 7;
            if (m == n && n != 31)
                return false;
            int shift = ((word >> 12) & 1) != 0 ? (int)Math.Log2(access) : 0;
            long offset = (long)Alu.ExtendReg(x[m], option, shift);
            return PlaceAccess(x, ref sp, n, offset, access, access);
        }
        if ((word & 0x3F00_0000) == 0x3D00_0000)
        {
            // Load/store register (unsigned offset): imm12 scaled by the access size, kept inside the buffer.
            int scale = (int)Math.Log2(access);
            if ((mask & 0xFFFu << 10) == 0)
                word = (word & ~(0xFFFu << 10)) | (uint)_random.Next(HarnessImage.ScratchBytes >> scale) << 10;
            long offset = (long)((word >> 10) & 0xFFF) << scale;
            return PlaceAccess(x, ref sp, n, offset, access, access);
        }
        return true; // a LoadStore row of another shape: no placement
    }
}
