using Emulator.Cpu.Instructions.Crypto;

namespace Emulator.Cpu.Decoding;

internal static unsafe partial class A64DecodeTable
{
    /// <summary>
    /// The rows of the Armv8.0 Cryptographic Extension that QEMU's cortex-a57 implements (and
    /// ID_AA64ISAR0_EL1 advertises): Cryptographic AES (C4.1.95: 01001110 size 10100 opcode 10 Rn Rd,
    /// FEAT_AES), Cryptographic three-register SHA (01011110 size 0 Rm 0 opcode 00 Rn Rd) and
    /// two-register SHA (01011110 size 10100 opcode 10 Rn Rd) (FEAT_SHA1, FEAT_SHA256), and PMULL/PMULL2
    /// of 64-bit elements (Advanced SIMD three different, size = 11, FEAT_PMULL). Every row fixes
    /// size and opcode: the other sizes and opcodes of these groups stay unallocated (UNDEFINED).
    /// Field letters: q Q, m Rm, n Rn, d Rd.
    /// </summary>
    private static A64Encoding[] CryptoRows() =>
    [
        // ---- Cryptographic AES: 01001110 size 10100 opcode 10 Rn Rd ----
        new(A64Op.CryptoAese, "AESE", "01001110 00 10100 00100 10 nnnnn ddddd", &AesInstructions.Aese, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.CryptoAesd, "AESD", "01001110 00 10100 00101 10 nnnnn ddddd", &AesInstructions.Aesd, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.CryptoAesmc, "AESMC", "01001110 00 10100 00110 10 nnnnn ddddd", &AesInstructions.Aesmc, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.CryptoAesimc, "AESIMC", "01001110 00 10100 00111 10 nnnnn ddddd", &AesInstructions.Aesimc, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Cryptographic three-register SHA: 01011110 size 0 Rm 0 opcode 00 Rn Rd ----
        new(A64Op.CryptoSha1c, "SHA1C", "01011110 00 0 mmmmm 0 000 00 nnnnn ddddd", &Sha1Instructions.Sha1c, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.CryptoSha1p, "SHA1P", "01011110 00 0 mmmmm 0 001 00 nnnnn ddddd", &Sha1Instructions.Sha1p, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.CryptoSha1m, "SHA1M", "01011110 00 0 mmmmm 0 010 00 nnnnn ddddd", &Sha1Instructions.Sha1m, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.CryptoSha1su0, "SHA1SU0", "01011110 00 0 mmmmm 0 011 00 nnnnn ddddd", &Sha1Instructions.Sha1su0, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.CryptoSha256h, "SHA256H", "01011110 00 0 mmmmm 0 100 00 nnnnn ddddd", &Sha256Instructions.Sha256h, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.CryptoSha256h2, "SHA256H2", "01011110 00 0 mmmmm 0 101 00 nnnnn ddddd", &Sha256Instructions.Sha256h2, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.CryptoSha256su1, "SHA256SU1", "01011110 00 0 mmmmm 0 110 00 nnnnn ddddd", &Sha256Instructions.Sha256su1, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Cryptographic two-register SHA: 01011110 size 10100 opcode 10 Rn Rd ----
        new(A64Op.CryptoSha1h, "SHA1H", "01011110 00 10100 00000 10 nnnnn ddddd", &Sha1Instructions.Sha1h, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.CryptoSha1su1, "SHA1SU1", "01011110 00 10100 00001 10 nnnnn ddddd", &Sha1Instructions.Sha1su1, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.CryptoSha256su0, "SHA256SU0", "01011110 00 10100 00010 10 nnnnn ddddd", &Sha256Instructions.Sha256su0, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Advanced SIMD three different, PMULL/PMULL2 with size = 11 (FEAT_PMULL; the 8-bit row is in A64DecodeTable.AdvancedSimdArithmetic.cs) ----
        new(A64Op.CryptoPolynomialMultiplyLong64, "PMULL (64-bit)", "0 q 0 01110 11 1 mmmmm 1110 00 nnnnn ddddd", &PolynomialMultiplyLong64.Pmull, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
    ];
}
