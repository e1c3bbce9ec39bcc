using Emulator.Cpu.Decoding;
using Emulator.Cpu.Instructions;

namespace Emulator.Cpu.Tests.Differential;

/// <summary>
/// Draws random test cases from the rows of the decode table: the row's fixed bits, its operand
/// fields filled at random, kept only when the decoder maps the word back to the same row. Rows
/// that leave the case, touch system state or depend on the machine (exception generation,
/// hints, MSR/MRS, SYS, ERET) are not drawn; B, BL, B.cond, CBZ/CBNZ, TBZ/TBNZ, BR, BLR and RET
/// are drawn with the offset (or target register) that jumps over one marker instruction. Memory-accessing words get their base (and
/// index) registers set so the access lands naturally aligned inside the scratch buffer (QEMU 7.2
/// does not fault unaligned accesses with the MMU off, which the Arm ARM requires; see
/// ArmCore.Memory), and CONSTRAINED UNPREDICTABLE register overlaps (writeback base = Rt, LDP
/// Rt = Rt2, store-exclusive status = Rt/Rn) are not generated. Unallocated operand combinations
/// within a row are kept: both machines must take the same UNDEFINED exception.
/// </summary>
public sealed partial class CaseGenerator
{
    private readonly Random _random;
    private readonly A64Encoding[] _baseRows;
    private readonly A64Encoding[] _lseRows;

    public CaseGenerator(int seed)
    {
        _random = new Random(seed);
        _baseRows = [.. A64Decoder.Instance.Table.Where(e => e.Differential == DifferentialGroup.Base)];
        _lseRows = [.. A64Decoder.Instance.Table.Where(e => e.Differential == DifferentialGroup.Lse)];
        _fpSimdRows = [.. A64Decoder.Instance.Table.Where(e => e.Differential == DifferentialGroup.FpSimd)];
    }

    /// <summary>Rows drawn for images run on QEMU's cortex-a57 (Armv8.0 plus CRC32).</summary>
    public IReadOnlyList<A64Encoding> BaseRows => _baseRows;

    /// <summary>Armv8.1 LSE rows, for images run on QEMU's -cpu max.</summary>
    public IReadOnlyList<A64Encoding> LseRows => _lseRows;

    public DiffCase Next(bool lse)
    {
        A64Encoding[] rows = lse ? _lseRows : _baseRows;
        while (true)
        {
            A64Encoding row = rows[_random.Next(rows.Length)];
            DiffCase? c = TryGenerate(row);
            if (c is not null)
                return c;
        }
    }

    private DiffCase? TryGenerate(A64Encoding e)
    {
        A64Op row = e.Op;
        uint word = e.Value | ((uint)_random.NextInt64(0, 1L << 32) & ~e.Mask);
        ulong[] x = new ulong[32]; // x[31] stays 0 (XZR)
        for (int i = 0; i < 31; i++)
            x[i] = RandomValue();
        ulong nzcv = (ulong)_random.Next(16) << 28;
        ulong sp = _random.Next(4) == 0 ? RandomValue() : HarnessImage.ScratchAddress + (ulong)_random.Next(16) * 16;
        byte[] scratch = new byte[HarnessImage.ScratchBytes];
        _random.NextBytes(scratch);
        if (_random.Next(8) != 0)
            word = MostlyAllocated(row, word);
        uint[] words = [word];
        uint n = (word >> 5) & 31, t = word & 31;
        int branchTarget = -1;

        switch (row)
        {
            case A64Op.BranchConditional:
            case A64Op.CompareAndBranch:
                // A branch over one marker instruction: taken or not shows in the marker's register.
                word = (word & ~(0x7FFFFu << 5)) | 2u << 5;
                words = [word, Marker()];
                break;
            case A64Op.TestAndBranch:
                word = (word & ~(0x3FFFu << 5)) | 2u << 5;
                words = [word, Marker()];
                break;
            case A64Op.BranchImmediate:
                word = (word & 0xFC00_0000u) | 2u; // BL writes X30 = PC + 4: both machines load the image at one address
                words = [word, Marker()];
                break;
            case A64Op.Br:
            case A64Op.Blr:
            case A64Op.Ret:
                if (n == 31)
                    return null; // XZR: a branch to address 0
                words = [word, Marker()];
                branchTarget = (int)n; // set by the image to the address after the marker
                break;
            case A64Op.Barriers:
            {
                uint[] op2 = [2, 4, 5, 6, 7]; // CLREX, DSB (SSBB, PSSBB), DMB, ISB; SB is UNDEFINED without FEAT_SB
                if (_random.Next(8) != 0)
                    words = [word = (word & ~(7u << 5)) | op2[_random.Next(op2.Length)] << 5];
                break;
            }
            case A64Op.LoadLiteral:
                // An X literal's alignment depends on where the case lands: HarnessImage adjusts its offset.
                word = (word & ~(0x7FFFFu << 5)) | ((uint)_random.Next(-48, 48) & 0x7FFFF) << 5;
                words = [word];
                break;
            case A64Op.LoadStorePair:
            {
                uint opc = word >> 30, type = (word >> 23) & 3, t2 = (word >> 10) & 31;
                bool load = ((word >> 22) & 1) != 0;
                if (opc == 3 || (opc == 1 && (!load || type == 0)))
                    return null; // unallocated (STGP needs MTE)
                int elem = opc == 2 ? 8 : 4;
                long offset = (long)((int)(word << 10) >> 25) * elem;
                bool wback = type is 1 or 3;
                if ((load && t == t2) || (wback && n != 31 && (n == t || n == t2)))
                    return null;
                if (!PlaceAccess(x, ref sp, n, type == 1 ? 0 : offset, 2 * elem, elem))
                    return null;
                break;
            }
            case A64Op.LoadStoreImmediate9:
            {
                uint type = (word >> 10) & 3;
                int elem = 1 << (int)(word >> 30);
                long imm = (int)(word << 11) >> 23;
                bool wback = type is 1 or 3;
                if (wback && n == t && n != 31)
                    return null;
                if (!PlaceAccess(x, ref sp, n, type == 1 ? 0 : imm, elem, elem))
                    return null;
                break;
            }
            case A64Op.LoadStoreRegisterOffset:
            {
                uint m = (word >> 16) & 31, option = (word >> 13) & 7, size = word >> 30;
                if (m == n && n != 31)
                    return null;
                int shift = ((word >> 12) & 1) != 0 ? (int)size : 0;
                long offset = (long)Alu.ExtendReg(x[m], option, shift);
                if (!PlaceAccess(x, ref sp, n, offset, 1 << (int)size, 1 << (int)size))
                    return null;
                break;
            }
            case A64Op.LoadStoreUnsignedOffset:
            {
                uint size = word >> 30;
                word = (word & ~(0xFFFu << 10)) | (uint)_random.Next(HarnessImage.ScratchBytes >> (int)size) << 10;
                words = [word];
                long offset = (long)((word >> 10) & 0xFFF) << (int)size;
                if (!PlaceAccess(x, ref sp, n, offset, 1 << (int)size, 1 << (int)size))
                    return null;
                break;
            }
            case A64Op.ExclusiveRegister:
            case A64Op.ExclusivePair:
                if (!Exclusive(row == A64Op.ExclusivePair, ref word, ref words, x, ref sp, scratch))
                    return null;
                break;
            case A64Op.LoadStoreOrdered:
                word |= 31u << 16 | 31u << 10; // Rs and Rt2 are should-be-one
                words = [word];
                if (!PlaceAccess(x, ref sp, n, 0, 1 << (int)(word >> 30), 1 << (int)(word >> 30)))
                    return null;
                break;
            case A64Op.CompareAndSwap:
            {
                int size = 1 << (int)(word >> 30);
                uint s = (word >> 16) & 31;
                if (!PlaceAccess(x, ref sp, n, 0, size, size, out ulong target))
                    return null;
                if (_random.Next(2) == 0)
                    WriteScratch(scratch, target, size, x[s]);
                break;
            }
            case A64Op.CompareAndSwapPair:
            {
                int elem = ((word >> 30) & 1) != 0 ? 8 : 4;
                uint s = (word >> 16) & 31;
                if (_random.Next(8) != 0)
                {
                    word &= ~(1u << 16 | 1u); // mostly even registers; odd ones are UNDEFINED
                    words = [word];
                    s &= ~1u;
                }
                if (!PlaceAccess(x, ref sp, n, 0, 2 * elem, 2 * elem, out ulong target))
                    return null;
                if (_random.Next(2) == 0)
                {
                    WriteScratch(scratch, target, elem, x[s]);
                    WriteScratch(scratch, target + (ulong)elem, elem, x[(s + 1) & 31]);
                }
                break;
            }
            case A64Op.AtomicMemory:
            {
                uint o3 = (word >> 15) & 1, opc = (word >> 12) & 7;
                if (o3 == 1 && opc != 0)
                    return null; // LDAPR (Armv8.3) and unallocated
                int size = 1 << (int)(word >> 30);
                if (!PlaceAccess(x, ref sp, n, 0, size, size))
                    return null;
                break;
            }
        }

        foreach (uint w in words)
        {
            if (A64Decoder.Instance.Find(w) is not { } found || (w == words[0] && !ReferenceEquals(found, e)))
                return null;
        }
        return new DiffCase(e.Name, words, x[..31], nzcv, sp, scratch) { BranchTargetRegister = branchTarget };
    }

    /// <summary>
    /// The instruction form of a word: its row plus the opcode-like fields of the row's pattern
    /// (sf/size, opc, S, L, addressing type, acquire/release; N of the shifted logical row), not
    /// registers or immediates. ADD vs ADDS vs SUB in 32 and 64 bits are four forms, for example.
    /// </summary>
    public static string FormKey(uint word)
    {
        if (A64Decoder.Instance.Find(word) is not { } row)
            return "UNDEFINED";
        var key = new global::System.Text.StringBuilder(row.Name).Append(':');
        bool sIsRs = row.Pattern.Count(ch => ch == 's') == 5; // exclusives and atomics: s is Rs, z the size
        for (int i = 0; i < 32; i++)
        {
            char c = row.Pattern[i];
            if ("oSzLyAR".Contains(c) || (c == 's' && !sIsRs) || (c == 'N' && row.Op == A64Op.LogicalShifted))
                key.Append((word >> (31 - i)) & 1);
        }
        return key.ToString();
    }

    /// <summary>LDXR/STXR and LDXP/STXP: a lone load, a lone store (the monitor is open: status 1), or a load then a store.</summary>
    private bool Exclusive(bool pair, ref uint word, ref uint[] words, ulong[] x, ref ulong sp, byte[] scratch)
    {
        uint size = word >> 30;
        if (pair)
            size = _random.Next(2) == 0 ? 2u : 3u;
        int bytes = pair ? 2 << (int)size : 1 << (int)size;
        uint n = (uint)_random.Next(32);
        uint acquireRelease = (uint)_random.Next(2) << 15;
        uint Reg() => (uint)_random.Next(32);
        uint Encode(uint l, uint s, uint t2, uint t) =>
            size << 30 | 0b001000u << 24 | l << 22 | (pair ? 1u : 0) << 21 | s << 16 | acquireRelease | t2 << 10 | n << 5 | t;

        uint lt = Reg(), lt2 = pair ? Reg() : 31, st = Reg(), st2 = pair ? Reg() : 31, ss = Reg();
        if (pair && lt == lt2)
            return false;
        if (ss == st || ss == st2 || (ss == n && n != 31))
            return false;
        uint load = Encode(1, 31, lt2, lt), store = Encode(0, ss, st2, st);
        switch (_random.Next(3))
        {
            case 0:
                words = [load];
                break;
            case 1:
                words = [store];
                break;
            default:
                if (n != 31 && (lt == n || lt2 == n))
                    return false; // the load would overwrite the base before the store
                words = [load, store];
                break;
        }
        word = words[0];
        _ = scratch;
        return PlaceAccess(x, ref sp, n, 0, bytes, bytes);
    }

    /// <summary>
    /// Moves a random word of a data-processing row into its allocated operand space (sf and N
    /// agree, 32-bit shift amounts below 32, allocated opcodes), so that most cases execute rather
    /// than take the UNDEFINED exception; one case in eight keeps the raw fields.
    /// </summary>
    private uint MostlyAllocated(A64Op row, uint word)
    {
        uint sf = word >> 31;
        uint Set(uint w, int lsb, int bits, uint value) => (w & ~(((1u << bits) - 1) << lsb)) | (value << lsb);
        switch (row)
        {
            case A64Op.Extr:
            case A64Op.Bitfield:
            case A64Op.LogicalImmediate:
                word = Set(word, 22, 1, sf);
                if (sf == 0)
                    word = Set(Set(word, 10, 6, (word >> 10) & 31), 16, 6, (word >> 16) & 31);
                return word;
            case A64Op.MoveWide:
                if (((word >> 29) & 3) == 1)
                    word = Set(word, 29, 2, 2);
                return sf == 0 ? Set(word, 21, 2, (word >> 21) & 1) : word;
            case A64Op.LogicalShifted:
            case A64Op.AddSubShifted:
                if (row == A64Op.AddSubShifted && ((word >> 22) & 3) == 3)
                    word = Set(word, 22, 2, (uint)_random.Next(3));
                return sf == 0 ? Set(word, 10, 6, (word >> 10) & 31) : word;
            case A64Op.AddSubExtended:
                return Set(word, 10, 3, (uint)_random.Next(5));
            case A64Op.DataProcessing1Source:
            {
                uint[] ops = sf == 0 ? [0, 1, 2, 4, 5] : [0, 1, 2, 3, 4, 5];
                return Set(word, 10, 6, ops[_random.Next(ops.Length)]);
            }
            case A64Op.DataProcessing2Source:
            {
                uint[] ops = [2, 3, 8, 9, 10, 11];
                return Set(word, 10, 6, ops[_random.Next(ops.Length)]);
            }
            case A64Op.DataProcessing3Source:
            {
                // op31:o0 = MADD, MSUB, SMADDL, SMSUBL, SMULH, UMADDL, UMSUBL, UMULH
                uint[] ops = sf == 0 ? [0b0000, 0b0001] : [0b0000, 0b0001, 0b0010, 0b0011, 0b0100, 0b1010, 0b1011, 0b1100];
                uint op = ops[_random.Next(ops.Length)];
                word = Set(Set(word, 21, 3, op >> 1), 15, 1, op & 1);
                return (op >> 1) is 0b010 or 0b110 ? Set(word, 10, 5, 31) : word; // SMULH/UMULH: Ra is should-be-one
            }
            case A64Op.Crc32:
                return Set(word, 10, 2, sf == 1 ? 3u : (uint)_random.Next(3));
            case A64Op.LoadStoreRegisterOffset:
                return Set(word, 14, 1, 1);
            default:
                return word;
        }
    }

    /// <summary>MOVZ Xr, #0xBEEF: the instruction a branch case jumps over.</summary>
    private uint Marker() => 0xD2800000u | 0xBEEFu << 5 | (uint)_random.Next(31);

    private bool PlaceAccess(ulong[] x, ref ulong sp, uint n, long offset, int span, int align) =>
        PlaceAccess(x, ref sp, n, offset, span, align, out _);

    /// <summary>
    /// Chooses an access address inside the scratch buffer, aligned to <paramref name="align"/>, and
    /// sets the base register (SP for n = 31, kept 16-byte aligned) so that base + offset hits it.
    /// </summary>
    private bool PlaceAccess(ulong[] x, ref ulong sp, uint n, long offset, int span, int align, out ulong target)
    {
        int slots = (HarnessImage.ScratchBytes - span) / align + 1;
        target = HarnessImage.ScratchAddress + (ulong)(_random.Next(slots) * align);
        if (n == 31)
        {
            // SP must stay 16-byte aligned: pick the target with the offset's residue.
            ulong residue = (ulong)offset & 15;
            ulong candidate = HarnessImage.ScratchAddress + (ulong)_random.Next(HarnessImage.ScratchBytes / 16) * 16 + residue;
            if (candidate % (ulong)align != 0 || candidate + (ulong)span > HarnessImage.ScratchAddress + HarnessImage.ScratchBytes)
                return false;
            target = candidate;
            sp = target - (ulong)offset;
            return true;
        }
        x[n] = target - (ulong)offset;
        return true;
    }

    private static void WriteScratch(byte[] scratch, ulong address, int size, ulong value)
    {
        int at = (int)(address - HarnessImage.ScratchAddress);
        for (int i = 0; i < size; i++)
            scratch[at + i] = (byte)(value >> (8 * i));
    }

    private ulong RandomValue()
    {
        ulong r = (ulong)_random.NextInt64() ^ (ulong)_random.NextInt64() << 32;
        return _random.Next(8) switch
        {
            0 => 0,
            1 => ulong.MaxValue,
            2 => (ulong)_random.Next(-8, 64),
            3 => (uint)r,
            4 => 1UL << _random.Next(64),
            5 => _random.Next(2) == 0 ? 0x8000_0000_0000_0000UL : 0x7FFF_FFFF_FFFF_FFFFUL,
            6 => _random.Next(2) == 0 ? 0x8000_0000UL : 0x7FFF_FFFFUL | (r & 0xFFFF_FFFF_0000_0000UL),
            _ => r,
        };
    }
}
