using System.Buffers.Binary;
using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.Differential;

/// <summary>
/// Builds a bare-metal test image for QEMU virt and for this emulator: for each case it loads the
/// initial state (scratch buffer, NZCV, SP, X0..X30; in a SIMD&amp;FP image also FPCR, FPSR and
/// V0..V31), runs the case's instructions, stores the final state and prints one line over the
/// PL011 UART: "C&lt;index&gt;" followed by every register that changed (" r&lt;nn&gt;=&lt;hex&gt;", nn 0..30,
/// 31 = NZCV, 32 = SP), in a SIMD&amp;FP image " fpcr=&lt;8 hex&gt;", " fpsr=&lt;8 hex&gt;" and every vector
/// register that changed (" v&lt;nn&gt;=&lt;32 hex digits&gt;", bits 127..0, nn in hex like r), every
/// scratch doubleword that changed (" m&lt;nn&gt;=&lt;hex&gt;") and the ESR of an exception the case took
/// (" e=&lt;hex&gt;"; the vectors resume at the next case's dump). The prologue enables SIMD&amp;FP
/// (CPACR_EL1.FPEN = 0b11). At the end it powers off with PSCI SYSTEM_OFF (HVC), which ends QEMU
/// and returns the emulator's Run with a hypervisor call.
/// </summary>
public static class HarnessImage
{
    public const ulong LoadAddress = 0x4010_0000;
    public const ulong ScratchAddress = 0x40F0_0000;
    public const int ScratchBytes = 256;
    public const ulong DumpAddress = 0x40F1_0000;
    public const ulong SlotAddress = 0x40F2_0000; // [0] resume address, [8] saved X1, [16] ESR of a taken exception
    public const ulong UartAddress = 0x0900_0000;

    // The per-case data block (initial state) and the dump (final state) share this layout.
    private const int NzcvOffset = 248;
    private const int SpOffset = 256;
    private const int FpcrOffset = 264;
    private const int FpsrOffset = 272;
    private const int VOffset = 288; // V0..V31, 16 bytes each, least significant doubleword first (as LDP/STP Q store them)
    private const int ScratchOffset = VOffset + 32 * 16;
    private const int BlockBytes = ScratchOffset + ScratchBytes;

    /// <summary>
    /// The image for <paramref name="cases"/>; with <paramref name="simdFp"/> every case also loads,
    /// dumps and prints FPCR, FPSR and V0..V31 (with LDP/STP Q and MRS/MSR), and each case's
    /// <see cref="DiffCase.Vector"/> must be set.
    /// </summary>
    public static byte[] Build(IReadOnlyList<DiffCase> cases, bool simdFp = false)
    {
        var code = new CodeBuilder();
        // ---- prologue: vectors, SIMD&FP enabled at EL0 and EL1 ----
        code.Emit("vectors", o => Adr(X0, o)).Emit(Msr(VBAR_EL1, X0));
        code.Emit(MovImm(X0, 3UL << 20)).Emit(Msr(HarnessEncodings.CPACR_EL1, X0)).Emit(Isb()).Emit("cases", o => B(o));

        // ---- vectors: every entry saves X0 and X1, records ESR and resumes at the case's dump ----
        code.PadTo(0x800);
        code.Label("vectors");
        for (int i = 0; i < 16; i++)
        {
            code.PadTo(0x800 + i * 0x80);
            code.Emit("exception", o => B(o));
        }
        code.Label("exception");
        code.Emit(Msr(TPIDR_EL1, X0));
        code.Emit(MovImm(X0, SlotAddress));
        code.Emit(Str(X1, new Address(X0, 8, AddressMode.Offset)));
        code.Emit(Mrs(X1, ESR_EL1), Str(X1, new Address(X0, 16, AddressMode.Offset)));
        code.Emit(Ldr(X1, new Address(X0, 0, AddressMode.Offset)), Msr(ELR_EL1, X1));
        code.Emit(Ldr(X1, new Address(X0, 8, AddressMode.Offset)));
        code.Emit(Eret());

        EmitPrintHex(code);
        EmitCopyScratch(code);
        EmitPrintCase(code, simdFp);

        code.Label("cases");
        for (int i = 0; i < cases.Count; i++)
            EmitCase(code, cases[i], i, simdFp);

        // PSCI SYSTEM_OFF
        code.Emit(MovImm(X0, 0x8400_0008)).Emit(Hvc(0)).Emit("halt", o => B(o)).Label("halt").Emit(Wfi()).Emit("halt", o => B(o));

        uint[] words = code.Build();
        byte[] image = new byte[words.Length * 4];
        for (int i = 0; i < words.Length; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(i * 4), words[i]);
        if (LoadAddress + (ulong)image.Length > ScratchAddress)
            throw new InvalidOperationException("too many cases for one image");
        return image;
    }

    private static void EmitCase(CodeBuilder code, DiffCase c, int index, bool simdFp)
    {
        string data = $"d{index}", resume = $"r{index}", next = $"n{index}";
        code.Emit(resume, o => Adr(X0, o)).Emit(MovImm(X1, SlotAddress)).Emit(Str(X0, new Address(X1, 0, AddressMode.Offset)));
        code.Emit(Clrex());
        code.Emit(data, o => Adr(X0, o)).Emit("copy_scratch", o => Bl(o));
        code.Emit(data, o => Adr(X30, o));
        if (simdFp)
        {
            code.Emit(Ldr(X0, new Address(X30, FpcrOffset, AddressMode.Offset)), Msr(HarnessEncodings.FPCR, X0));
            code.Emit(Ldr(X0, new Address(X30, FpsrOffset, AddressMode.Offset)), Msr(HarnessEncodings.FPSR, X0));
            for (int v = 0; v < 32; v += 2)
                code.Emit(HarnessEncodings.LdpQ(v, v + 1, 30, VOffset + v * 16));
        }
        code.Emit(Ldr(X0, new Address(X30, NzcvOffset, AddressMode.Offset)), Msr(NZCV, X0));
        code.Emit(Ldr(X0, new Address(X30, SpOffset, AddressMode.Offset)), MovSp(SP, X0));
        for (int r = 0; r < 30; r += 2)
            code.Emit(Ldp(X(r), X(r + 1), X30, r * 8));
        code.Emit(Ldr(X30, new Address(X30, 240, AddressMode.Offset)));
        ulong[] registers = c.Registers;
        if (c.BranchTargetRegister >= 0)
        {
            registers = [.. registers];
            registers[c.BranchTargetRegister] = LoadAddress + (ulong)code.Offset + 8;
        }
        for (int w = 0; w < c.Words.Length; w++)
        {
            // LDR Xt/Dt/Qt, literal: keep the target aligned to its size (the MMU is off, so memory is Device).
            uint word = c.Words[w];
            ulong pc = LoadAddress + (ulong)code.Offset + (ulong)w * 4;
            ulong align = (word & 0xFF00_0000) switch { 0x5800_0000 or 0x5C00_0000 => 8, 0x9C00_0000 => 16, _ => 4 };
            while (((pc + (ulong)((long)((int)(word << 8) >> 13) << 2)) & (align - 1)) != 0)
                word = (word & ~(0x7FFFFu << 5)) | ((((word >> 5) & 0x7FFFF) + 1) & 0x7FFFF) << 5;
            c.Words[w] = word;
        }
        code.Emit(c.Words);
        code.Emit(Msr(TPIDR_EL1, X0));
        code.Label(resume);
        code.Emit(MovImm(X0, DumpAddress));
        for (int r = 1; r < 31; r += 2)
            code.Emit(Stp(X(r), X(r + 1), X0, r * 8));
        code.Emit(Mrs(X1, TPIDR_EL1), Str(X1, new Address(X0, 0, AddressMode.Offset)));
        code.Emit(Mrs(X1, NZCV), Str(X1, new Address(X0, NzcvOffset, AddressMode.Offset)));
        code.Emit(MovSp(X1, SP), Str(X1, new Address(X0, SpOffset, AddressMode.Offset)));
        if (simdFp)
        {
            code.Emit(Mrs(X1, HarnessEncodings.FPCR), Str(X1, new Address(X0, FpcrOffset, AddressMode.Offset)));
            code.Emit(Mrs(X1, HarnessEncodings.FPSR), Str(X1, new Address(X0, FpsrOffset, AddressMode.Offset)));
            for (int v = 0; v < 32; v += 2)
                code.Emit(HarnessEncodings.StpQ(v, v + 1, 0, VOffset + v * 16));
        }
        code.Emit(Movz(X0, (ulong)index)).Emit(data, o => Adr(X1, o)).Emit("print_case", o => Bl(o));
        code.Emit(next, o => B(o));
        code.PadTo((code.Offset + 15) & ~15L);
        code.Label(data);
        byte[] block = new byte[BlockBytes];
        for (int r = 0; r < 31; r++)
            BinaryPrimitives.WriteUInt64LittleEndian(block.AsSpan(r * 8), registers[r]);
        BinaryPrimitives.WriteUInt64LittleEndian(block.AsSpan(NzcvOffset), c.Nzcv);
        BinaryPrimitives.WriteUInt64LittleEndian(block.AsSpan(SpOffset), c.Sp);
        if (simdFp)
        {
            ulong[] vector = c.Vector ?? throw new ArgumentException($"case {index} has no SIMD&FP state");
            BinaryPrimitives.WriteUInt64LittleEndian(block.AsSpan(FpcrOffset), c.Fpcr);
            BinaryPrimitives.WriteUInt64LittleEndian(block.AsSpan(FpsrOffset), c.Fpsr);
            for (int i = 0; i < 64; i++)
                BinaryPrimitives.WriteUInt64LittleEndian(block.AsSpan(VOffset + i * 8), vector[i]);
        }
        c.Scratch.CopyTo(block.AsSpan(ScratchOffset));
        for (int i = 0; i < BlockBytes; i += 4)
            code.Emit(BinaryPrimitives.ReadUInt32LittleEndian(block.AsSpan(i)));
        code.Label(next);
    }

    /// <summary>print_hex: prints the low X4 nibbles of X2 to the UART at X9. Clobbers X2..X5.</summary>
    private static void EmitPrintHex(CodeBuilder code)
    {
        code.Label("print_hex");
        code.Emit(Movz(X5, 16), Sub(X5, X5, X4), LslImm(X5, X5, 2), Lslv(X2, X2, X5));
        code.Label("print_hex_loop");
        code.Emit(LsrImm(X3, X2, 60), AddImm(X3, X3, 0x30), CmpImm(X3, 0x39));
        code.Emit("print_hex_digit", o => BCond(Cond.LS, o));
        code.Emit(AddImm(X3, X3, 0x27));
        code.Label("print_hex_digit");
        code.Emit(Strb(W3, new Address(X9, 0, AddressMode.Offset)), LslImm(X2, X2, 4), SubsImm(X4, X4, 1));
        code.Emit("print_hex_loop", o => BCond(Cond.NE, o));
        code.Emit(Ret());
    }

    /// <summary>copy_scratch: copies the block's initial scratch bytes (block at X0) to the scratch buffer.</summary>
    private static void EmitCopyScratch(CodeBuilder code)
    {
        code.Label("copy_scratch");
        code.Emit(AddImm(X0, X0, ScratchOffset)).Emit(MovImm(X1, ScratchAddress)).Emit(Movz(X2, ScratchBytes / 16));
        code.Label("copy_loop");
        code.Emit(Ldp(X3, X4, X0, 16, PairMode.PostIndex), Stp(X3, X4, X1, 16, PairMode.PostIndex), SubsImm(X2, X2, 1));
        code.Emit("copy_loop", o => BCond(Cond.NE, o));
        code.Emit(Ret());
    }

    /// <summary>print_case(X0 = index, X1 = block): prints the case's line (see the class comment).</summary>
    private static void EmitPrintCase(CodeBuilder code, bool simdFp)
    {
        code.Label("print_case");
        code.Emit(Mov(X19, X30), Mov(X11, X1), Mov(X12, X0));
        code.Emit(MovImm(X9, UartAddress)).Emit(MovImm(X10, DumpAddress));
        code.Emit(Movz(W3, 'C'), Strb(W3, new Address(X9, 0, AddressMode.Offset)), Mov(X2, X12), Movz(X4, 4)).Emit("print_hex", o => Bl(o));

        // registers: X0..X30, NZCV, SP
        code.Emit(Movz(X13, 0));
        code.Label("reg_loop");
        code.Emit(Ldr(X14, new Address(X10, 0, AddressMode.Register, X13, Extend.UXTX, true)));
        code.Emit(Ldr(X15, new Address(X11, 0, AddressMode.Register, X13, Extend.UXTX, true)));
        code.Emit(Cmp(X14, X15)).Emit("reg_same", o => BCond(Cond.EQ, o));
        EmitTag(code, 'r');
        code.Emit(Mov(X2, X13), Movz(X4, 2)).Emit("print_hex", o => Bl(o));
        code.Emit(Movz(W3, '='), Strb(W3, new Address(X9, 0, AddressMode.Offset)), Mov(X2, X14), Movz(X4, 16)).Emit("print_hex", o => Bl(o));
        code.Label("reg_same");
        code.Emit(AddImm(X13, X13, 1), CmpImm(X13, 33)).Emit("reg_loop", o => BCond(Cond.NE, o));

        if (simdFp)
            EmitPrintSimdFp(code);

        // scratch doublewords
        code.Emit(MovImm(X16, ScratchAddress)).Emit(AddImm(X17, X11, ScratchOffset), Movz(X13, 0));
        code.Label("mem_loop");
        code.Emit(Ldr(X14, new Address(X16, 0, AddressMode.Register, X13, Extend.UXTX, true)));
        code.Emit(Ldr(X15, new Address(X17, 0, AddressMode.Register, X13, Extend.UXTX, true)));
        code.Emit(Cmp(X14, X15)).Emit("mem_same", o => BCond(Cond.EQ, o));
        EmitTag(code, 'm');
        code.Emit(Mov(X2, X13), Movz(X4, 2)).Emit("print_hex", o => Bl(o));
        code.Emit(Movz(W3, '='), Strb(W3, new Address(X9, 0, AddressMode.Offset)), Mov(X2, X14), Movz(X4, 16)).Emit("print_hex", o => Bl(o));
        code.Label("mem_same");
        code.Emit(AddImm(X13, X13, 1), CmpImm(X13, ScratchBytes / 8)).Emit("mem_loop", o => BCond(Cond.NE, o));

        // exception taken by the case
        code.Emit(MovImm(X16, SlotAddress)).Emit(Ldr(X14, new Address(X16, 16, AddressMode.Offset))).Emit("no_exception", o => Cbz(X14, o));
        EmitTag(code, 'e');
        code.Emit(Movz(W3, '='), Strb(W3, new Address(X9, 0, AddressMode.Offset)), Mov(X2, X14), Movz(X4, 8)).Emit("print_hex", o => Bl(o));
        code.Emit(Str(XZR, new Address(X16, 16, AddressMode.Offset)));
        code.Label("no_exception");
        code.Emit(Movz(W3, '\n'), Strb(W3, new Address(X9, 0, AddressMode.Offset)));
        code.Emit(Mov(X30, X19), Ret());
    }

    /// <summary>The SIMD&amp;FP part of print_case (X9 = UART, X10 = dump, X11 = block): FPCR, FPSR, then V0..V31.</summary>
    private static void EmitPrintSimdFp(CodeBuilder code)
    {
        foreach ((int offset, string tag) in new[] { (FpcrOffset, " fpcr="), (FpsrOffset, " fpsr=") })
        {
            string same = tag.Trim(' ', '=') + "_same";
            code.Emit(Ldr(X14, new Address(X10, offset, AddressMode.Offset)), Ldr(X15, new Address(X11, offset, AddressMode.Offset)));
            code.Emit(Cmp(X14, X15)).Emit(same, o => BCond(Cond.EQ, o));
            EmitText(code, tag);
            code.Emit(Mov(X2, X14), Movz(X4, 8)).Emit("print_hex", o => Bl(o));
            code.Label(same);
        }

        // V0..V31: X16 walks the dump, X17 the block; X14:X20 and X15:X21 are one register's two doublewords.
        code.Emit(AddImm(X16, X10, VOffset), AddImm(X17, X11, VOffset), Movz(X13, 0));
        code.Label("v_loop");
        code.Emit(Ldp(X14, X20, X16, 16, PairMode.PostIndex), Ldp(X15, X21, X17, 16, PairMode.PostIndex));
        code.Emit(Cmp(X14, X15), Ccmp(X20, X21, 0, Cond.EQ)).Emit("v_same", o => BCond(Cond.EQ, o));
        EmitTag(code, 'v');
        code.Emit(Mov(X2, X13), Movz(X4, 2)).Emit("print_hex", o => Bl(o));
        code.Emit(Movz(W3, '='), Strb(W3, new Address(X9, 0, AddressMode.Offset)), Mov(X2, X20), Movz(X4, 16)).Emit("print_hex", o => Bl(o));
        code.Emit(Mov(X2, X14), Movz(X4, 16)).Emit("print_hex", o => Bl(o));
        code.Label("v_same");
        code.Emit(AddImm(X13, X13, 1), CmpImm(X13, 32)).Emit("v_loop", o => BCond(Cond.NE, o));
    }

    private static void EmitText(CodeBuilder code, string text)
    {
        foreach (char ch in text)
            code.Emit(Movz(W3, ch), Strb(W3, new Address(X9, 0, AddressMode.Offset)));
    }

    private static void EmitTag(CodeBuilder code, char tag) =>
        code.Emit(Movz(W3, ' '), Strb(W3, new Address(X9, 0, AddressMode.Offset)), Movz(W3, tag), Strb(W3, new Address(X9, 0, AddressMode.Offset)));

    /// <summary>Wraps the image in an ELF64 executable (one PT_LOAD at <see cref="LoadAddress"/>), for QEMU's -kernel.</summary>
    public static byte[] ToElf(byte[] image)
    {
        const int ehSize = 64, phSize = 56, dataOffset = 0x1000;
        byte[] file = new byte[dataOffset + image.Length];
        Span<byte> s = file;
        s[0] = 0x7f; s[1] = (byte)'E'; s[2] = (byte)'L'; s[3] = (byte)'F';
        s[4] = 2; s[5] = 1; s[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(s[16..], 2);      // ET_EXEC
        BinaryPrimitives.WriteUInt16LittleEndian(s[18..], 183);    // EM_AARCH64
        BinaryPrimitives.WriteUInt32LittleEndian(s[20..], 1);
        BinaryPrimitives.WriteUInt64LittleEndian(s[24..], LoadAddress);
        BinaryPrimitives.WriteUInt64LittleEndian(s[32..], ehSize);
        BinaryPrimitives.WriteUInt16LittleEndian(s[52..], ehSize);
        BinaryPrimitives.WriteUInt16LittleEndian(s[54..], phSize);
        BinaryPrimitives.WriteUInt16LittleEndian(s[56..], 1);
        Span<byte> p = s.Slice(ehSize, phSize);
        BinaryPrimitives.WriteUInt32LittleEndian(p, 1);            // PT_LOAD
        BinaryPrimitives.WriteUInt32LittleEndian(p[4..], 7);       // RWX
        BinaryPrimitives.WriteUInt64LittleEndian(p[8..], dataOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(p[16..], LoadAddress);
        BinaryPrimitives.WriteUInt64LittleEndian(p[24..], LoadAddress);
        BinaryPrimitives.WriteUInt64LittleEndian(p[32..], (ulong)image.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(p[40..], (ulong)image.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(p[48..], 0x1000);
        image.CopyTo(s[dataOffset..]);
        return file;
    }
}
