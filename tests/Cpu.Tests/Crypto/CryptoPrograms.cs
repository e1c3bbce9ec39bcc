namespace Emulator.Cpu.Tests.Crypto;

/// <summary>
/// Guest programs that use the Cryptographic Extension as Linux's arch/arm64/crypto drivers do
/// (aes-ce, sha1-ce, sha2-ce), assembled with aarch64-linux-gnu-as -march=armv8-a+crypto (words
/// from objdump). Each ends where the test appends HVC #0.
/// </summary>
internal static class CryptoPrograms
{
    /// <summary>
    /// The SHA-1 block function: x0 = state (five words a b c d e), x1 = the 64-byte block,
    /// x2 = K0..K3 each replicated four times. Twenty groups of four rounds: SHA1H gives the next e,
    /// SHA1C (groups 0-4), SHA1P (5-9, 15-19), SHA1M (10-14) the rounds, SHA1SU0 + SHA1SU1 the schedule.
    /// </summary>
    public static readonly uint[] Sha1Block =
    [
        0x4C40_7800, // ld1 {v0.4s}, [x0]
        0xBD40_1015, // ldr s21, [x0, #16]
        0x4C40_2028, // ld1 {v8.16b-v11.16b}, [x1]
        0x4C40_284C, // ld1 {v12.4s-v15.4s}, [x2]
        0x6E20_0908, // rev32 v8.16b, v8.16b
        0x6E20_0929, // rev32 v9.16b, v9.16b
        0x6E20_094A, // rev32 v10.16b, v10.16b
        0x6E20_096B, // rev32 v11.16b, v11.16b
        0x4EA0_1C1E, // mov v30.16b, v0.16b
        0x4EB5_1EBF, // mov v31.16b, v21.16b
        0x4EAC_8514, // add v20.4s, v8.4s, v12.4s
        0x5E28_0816, // sha1h s22, s0
        0x5E14_02A0, // sha1c q0, s21, v20.4s
        0x4EB6_1ED5, // mov v21.16b, v22.16b
        0x5E0A_3128, // sha1su0 v8.4s, v9.4s, v10.4s
        0x5E28_1968, // sha1su1 v8.4s, v11.4s
        0x4EAC_8534, // add v20.4s, v9.4s, v12.4s
        0x5E28_0816, // sha1h s22, s0
        0x5E14_02A0, // sha1c q0, s21, v20.4s
        0x4EB6_1ED5, // mov v21.16b, v22.16b
        0x5E0B_3149, // sha1su0 v9.4s, v10.4s, v11.4s
        0x5E28_1909, // sha1su1 v9.4s, v8.4s
        0x4EAC_8554, // add v20.4s, v10.4s, v12.4s
        0x5E28_0816, // sha1h s22, s0
        0x5E14_02A0, // sha1c q0, s21, v20.4s
        0x4EB6_1ED5, // mov v21.16b, v22.16b
        0x5E08_316A, // sha1su0 v10.4s, v11.4s, v8.4s
        0x5E28_192A, // sha1su1 v10.4s, v9.4s
        0x4EAC_8574, // add v20.4s, v11.4s, v12.4s
        0x5E28_0816, // sha1h s22, s0
        0x5E14_02A0, // sha1c q0, s21, v20.4s
        0x4EB6_1ED5, // mov v21.16b, v22.16b
        0x5E09_310B, // sha1su0 v11.4s, v8.4s, v9.4s
        0x5E28_194B, // sha1su1 v11.4s, v10.4s
        0x4EAC_8514, // add v20.4s, v8.4s, v12.4s
        0x5E28_0816, // sha1h s22, s0
        0x5E14_02A0, // sha1c q0, s21, v20.4s
        0x4EB6_1ED5, // mov v21.16b, v22.16b
        0x5E0A_3128, // sha1su0 v8.4s, v9.4s, v10.4s
        0x5E28_1968, // sha1su1 v8.4s, v11.4s
        0x4EAD_8534, // add v20.4s, v9.4s, v13.4s
        0x5E28_0816, // sha1h s22, s0
        0x5E14_12A0, // sha1p q0, s21, v20.4s
        0x4EB6_1ED5, // mov v21.16b, v22.16b
        0x5E0B_3149, // sha1su0 v9.4s, v10.4s, v11.4s
        0x5E28_1909, // sha1su1 v9.4s, v8.4s
        0x4EAD_8554, // add v20.4s, v10.4s, v13.4s
        0x5E28_0816, // sha1h s22, s0
        0x5E14_12A0, // sha1p q0, s21, v20.4s
        0x4EB6_1ED5, // mov v21.16b, v22.16b
        0x5E08_316A, // sha1su0 v10.4s, v11.4s, v8.4s
        0x5E28_192A, // sha1su1 v10.4s, v9.4s
        0x4EAD_8574, // add v20.4s, v11.4s, v13.4s
        0x5E28_0816, // sha1h s22, s0
        0x5E14_12A0, // sha1p q0, s21, v20.4s
        0x4EB6_1ED5, // mov v21.16b, v22.16b
        0x5E09_310B, // sha1su0 v11.4s, v8.4s, v9.4s
        0x5E28_194B, // sha1su1 v11.4s, v10.4s
        0x4EAD_8514, // add v20.4s, v8.4s, v13.4s
        0x5E28_0816, // sha1h s22, s0
        0x5E14_12A0, // sha1p q0, s21, v20.4s
        0x4EB6_1ED5, // mov v21.16b, v22.16b
        0x5E0A_3128, // sha1su0 v8.4s, v9.4s, v10.4s
        0x5E28_1968, // sha1su1 v8.4s, v11.4s
        0x4EAD_8534, // add v20.4s, v9.4s, v13.4s
        0x5E28_0816, // sha1h s22, s0
        0x5E14_12A0, // sha1p q0, s21, v20.4s
        0x4EB6_1ED5, // mov v21.16b, v22.16b
        0x5E0B_3149, // sha1su0 v9.4s, v10.4s, v11.4s
        0x5E28_1909, // sha1su1 v9.4s, v8.4s
        0x4EAE_8554, // add v20.4s, v10.4s, v14.4s
        0x5E28_0816, // sha1h s22, s0
        0x5E14_22A0, // sha1m q0, s21, v20.4s
        0x4EB6_1ED5, // mov v21.16b, v22.16b
        0x5E08_316A, // sha1su0 v10.4s, v11.4s, v8.4s
        0x5E28_192A, // sha1su1 v10.4s, v9.4s
        0x4EAE_8574, // add v20.4s, v11.4s, v14.4s
        0x5E28_0816, // sha1h s22, s0
        0x5E14_22A0, // sha1m q0, s21, v20.4s
        0x4EB6_1ED5, // mov v21.16b, v22.16b
        0x5E09_310B, // sha1su0 v11.4s, v8.4s, v9.4s
        0x5E28_194B, // sha1su1 v11.4s, v10.4s
        0x4EAE_8514, // add v20.4s, v8.4s, v14.4s
        0x5E28_0816, // sha1h s22, s0
        0x5E14_22A0, // sha1m q0, s21, v20.4s
        0x4EB6_1ED5, // mov v21.16b, v22.16b
        0x5E0A_3128, // sha1su0 v8.4s, v9.4s, v10.4s
        0x5E28_1968, // sha1su1 v8.4s, v11.4s
        0x4EAE_8534, // add v20.4s, v9.4s, v14.4s
        0x5E28_0816, // sha1h s22, s0
        0x5E14_22A0, // sha1m q0, s21, v20.4s
        0x4EB6_1ED5, // mov v21.16b, v22.16b
        0x5E0B_3149, // sha1su0 v9.4s, v10.4s, v11.4s
        0x5E28_1909, // sha1su1 v9.4s, v8.4s
        0x4EAE_8554, // add v20.4s, v10.4s, v14.4s
        0x5E28_0816, // sha1h s22, s0
        0x5E14_22A0, // sha1m q0, s21, v20.4s
        0x4EB6_1ED5, // mov v21.16b, v22.16b
        0x5E08_316A, // sha1su0 v10.4s, v11.4s, v8.4s
        0x5E28_192A, // sha1su1 v10.4s, v9.4s
        0x4EAF_8574, // add v20.4s, v11.4s, v15.4s
        0x5E28_0816, // sha1h s22, s0
        0x5E14_12A0, // sha1p q0, s21, v20.4s
        0x4EB6_1ED5, // mov v21.16b, v22.16b
        0x5E09_310B, // sha1su0 v11.4s, v8.4s, v9.4s
        0x5E28_194B, // sha1su1 v11.4s, v10.4s
        0x4EAF_8514, // add v20.4s, v8.4s, v15.4s
        0x5E28_0816, // sha1h s22, s0
        0x5E14_12A0, // sha1p q0, s21, v20.4s
        0x4EB6_1ED5, // mov v21.16b, v22.16b
        0x4EAF_8534, // add v20.4s, v9.4s, v15.4s
        0x5E28_0816, // sha1h s22, s0
        0x5E14_12A0, // sha1p q0, s21, v20.4s
        0x4EB6_1ED5, // mov v21.16b, v22.16b
        0x4EAF_8554, // add v20.4s, v10.4s, v15.4s
        0x5E28_0816, // sha1h s22, s0
        0x5E14_12A0, // sha1p q0, s21, v20.4s
        0x4EB6_1ED5, // mov v21.16b, v22.16b
        0x4EAF_8574, // add v20.4s, v11.4s, v15.4s
        0x5E28_0816, // sha1h s22, s0
        0x5E14_12A0, // sha1p q0, s21, v20.4s
        0x4EB6_1ED5, // mov v21.16b, v22.16b
        0x4EBE_8400, // add v0.4s, v0.4s, v30.4s
        0x4EBF_86B5, // add v21.4s, v21.4s, v31.4s
        0x4C00_7800, // st1 {v0.4s}, [x0]
        0xBD00_1015, // str s21, [x0, #16]
    ];

    /// <summary>
    /// The SHA-256 block function: x0 = state (eight words a..h), x1 = the 64-byte block, x2 = the
    /// 64 round constants. Sixteen groups of four rounds: SHA256H and SHA256H2 (on the old abcd
    /// kept in v2), SHA256SU0 + SHA256SU1 the schedule.
    /// </summary>
    public static readonly uint[] Sha256Block =
    [
        0x4C40_A800, // ld1 {v0.4s, v1.4s}, [x0]
        0x4C40_2028, // ld1 {v8.16b-v11.16b}, [x1]
        0x4CDF_2850, // ld1 {v16.4s-v19.4s}, [x2], #64
        0x4CDF_2854, // ld1 {v20.4s-v23.4s}, [x2], #64
        0x4CDF_2858, // ld1 {v24.4s-v27.4s}, [x2], #64
        0x4C40_285C, // ld1 {v28.4s-v31.4s}, [x2]
        0x6E20_0908, // rev32 v8.16b, v8.16b
        0x6E20_0929, // rev32 v9.16b, v9.16b
        0x6E20_094A, // rev32 v10.16b, v10.16b
        0x6E20_096B, // rev32 v11.16b, v11.16b
        0x4EA0_1C05, // mov v5.16b, v0.16b
        0x4EA1_1C26, // mov v6.16b, v1.16b
        0x4EB0_8504, // add v4.4s, v8.4s, v16.4s
        0x4EA0_1C02, // mov v2.16b, v0.16b
        0x5E04_4020, // sha256h q0, q1, v4.4s
        0x5E04_5041, // sha256h2 q1, q2, v4.4s
        0x5E28_2928, // sha256su0 v8.4s, v9.4s
        0x5E0B_6148, // sha256su1 v8.4s, v10.4s, v11.4s
        0x4EB1_8524, // add v4.4s, v9.4s, v17.4s
        0x4EA0_1C02, // mov v2.16b, v0.16b
        0x5E04_4020, // sha256h q0, q1, v4.4s
        0x5E04_5041, // sha256h2 q1, q2, v4.4s
        0x5E28_2949, // sha256su0 v9.4s, v10.4s
        0x5E08_6169, // sha256su1 v9.4s, v11.4s, v8.4s
        0x4EB2_8544, // add v4.4s, v10.4s, v18.4s
        0x4EA0_1C02, // mov v2.16b, v0.16b
        0x5E04_4020, // sha256h q0, q1, v4.4s
        0x5E04_5041, // sha256h2 q1, q2, v4.4s
        0x5E28_296A, // sha256su0 v10.4s, v11.4s
        0x5E09_610A, // sha256su1 v10.4s, v8.4s, v9.4s
        0x4EB3_8564, // add v4.4s, v11.4s, v19.4s
        0x4EA0_1C02, // mov v2.16b, v0.16b
        0x5E04_4020, // sha256h q0, q1, v4.4s
        0x5E04_5041, // sha256h2 q1, q2, v4.4s
        0x5E28_290B, // sha256su0 v11.4s, v8.4s
        0x5E0A_612B, // sha256su1 v11.4s, v9.4s, v10.4s
        0x4EB4_8504, // add v4.4s, v8.4s, v20.4s
        0x4EA0_1C02, // mov v2.16b, v0.16b
        0x5E04_4020, // sha256h q0, q1, v4.4s
        0x5E04_5041, // sha256h2 q1, q2, v4.4s
        0x5E28_2928, // sha256su0 v8.4s, v9.4s
        0x5E0B_6148, // sha256su1 v8.4s, v10.4s, v11.4s
        0x4EB5_8524, // add v4.4s, v9.4s, v21.4s
        0x4EA0_1C02, // mov v2.16b, v0.16b
        0x5E04_4020, // sha256h q0, q1, v4.4s
        0x5E04_5041, // sha256h2 q1, q2, v4.4s
        0x5E28_2949, // sha256su0 v9.4s, v10.4s
        0x5E08_6169, // sha256su1 v9.4s, v11.4s, v8.4s
        0x4EB6_8544, // add v4.4s, v10.4s, v22.4s
        0x4EA0_1C02, // mov v2.16b, v0.16b
        0x5E04_4020, // sha256h q0, q1, v4.4s
        0x5E04_5041, // sha256h2 q1, q2, v4.4s
        0x5E28_296A, // sha256su0 v10.4s, v11.4s
        0x5E09_610A, // sha256su1 v10.4s, v8.4s, v9.4s
        0x4EB7_8564, // add v4.4s, v11.4s, v23.4s
        0x4EA0_1C02, // mov v2.16b, v0.16b
        0x5E04_4020, // sha256h q0, q1, v4.4s
        0x5E04_5041, // sha256h2 q1, q2, v4.4s
        0x5E28_290B, // sha256su0 v11.4s, v8.4s
        0x5E0A_612B, // sha256su1 v11.4s, v9.4s, v10.4s
        0x4EB8_8504, // add v4.4s, v8.4s, v24.4s
        0x4EA0_1C02, // mov v2.16b, v0.16b
        0x5E04_4020, // sha256h q0, q1, v4.4s
        0x5E04_5041, // sha256h2 q1, q2, v4.4s
        0x5E28_2928, // sha256su0 v8.4s, v9.4s
        0x5E0B_6148, // sha256su1 v8.4s, v10.4s, v11.4s
        0x4EB9_8524, // add v4.4s, v9.4s, v25.4s
        0x4EA0_1C02, // mov v2.16b, v0.16b
        0x5E04_4020, // sha256h q0, q1, v4.4s
        0x5E04_5041, // sha256h2 q1, q2, v4.4s
        0x5E28_2949, // sha256su0 v9.4s, v10.4s
        0x5E08_6169, // sha256su1 v9.4s, v11.4s, v8.4s
        0x4EBA_8544, // add v4.4s, v10.4s, v26.4s
        0x4EA0_1C02, // mov v2.16b, v0.16b
        0x5E04_4020, // sha256h q0, q1, v4.4s
        0x5E04_5041, // sha256h2 q1, q2, v4.4s
        0x5E28_296A, // sha256su0 v10.4s, v11.4s
        0x5E09_610A, // sha256su1 v10.4s, v8.4s, v9.4s
        0x4EBB_8564, // add v4.4s, v11.4s, v27.4s
        0x4EA0_1C02, // mov v2.16b, v0.16b
        0x5E04_4020, // sha256h q0, q1, v4.4s
        0x5E04_5041, // sha256h2 q1, q2, v4.4s
        0x5E28_290B, // sha256su0 v11.4s, v8.4s
        0x5E0A_612B, // sha256su1 v11.4s, v9.4s, v10.4s
        0x4EBC_8504, // add v4.4s, v8.4s, v28.4s
        0x4EA0_1C02, // mov v2.16b, v0.16b
        0x5E04_4020, // sha256h q0, q1, v4.4s
        0x5E04_5041, // sha256h2 q1, q2, v4.4s
        0x4EBD_8524, // add v4.4s, v9.4s, v29.4s
        0x4EA0_1C02, // mov v2.16b, v0.16b
        0x5E04_4020, // sha256h q0, q1, v4.4s
        0x5E04_5041, // sha256h2 q1, q2, v4.4s
        0x4EBE_8544, // add v4.4s, v10.4s, v30.4s
        0x4EA0_1C02, // mov v2.16b, v0.16b
        0x5E04_4020, // sha256h q0, q1, v4.4s
        0x5E04_5041, // sha256h2 q1, q2, v4.4s
        0x4EBF_8564, // add v4.4s, v11.4s, v31.4s
        0x4EA0_1C02, // mov v2.16b, v0.16b
        0x5E04_4020, // sha256h q0, q1, v4.4s
        0x5E04_5041, // sha256h2 q1, q2, v4.4s
        0x4EA5_8400, // add v0.4s, v0.4s, v5.4s
        0x4EA6_8421, // add v1.4s, v1.4s, v6.4s
        0x4C00_A800, // st1 {v0.4s, v1.4s}, [x0]
    ];

    /// <summary>
    /// AES-128: x0 = the 16-byte block (encrypted in place), x1 = the 11 round keys, x2 = where the
    /// decryption of the ciphertext goes. Encryption: nine AESE + AESMC, AESE, EOR of the last key.
    /// Decryption by the equivalent inverse cipher: round keys 1-9 through AESIMC, then AESD +
    /// AESIMC with the keys in reverse order, AESD, EOR of key 0.
    /// </summary>
    public static readonly uint[] Aes128 =
    [
        0x4C40_7000, // ld1 {v0.16b}, [x0]
        0x4CDF_2030, // ld1 {v16.16b-v19.16b}, [x1], #64
        0x4CDF_2034, // ld1 {v20.16b-v23.16b}, [x1], #64
        0x4C40_6038, // ld1 {v24.16b-v26.16b}, [x1]
        0x4E28_4A00, // aese v0.16b, v16.16b
        0x4E28_6800, // aesmc v0.16b, v0.16b
        0x4E28_4A20, // aese v0.16b, v17.16b
        0x4E28_6800, // aesmc v0.16b, v0.16b
        0x4E28_4A40, // aese v0.16b, v18.16b
        0x4E28_6800, // aesmc v0.16b, v0.16b
        0x4E28_4A60, // aese v0.16b, v19.16b
        0x4E28_6800, // aesmc v0.16b, v0.16b
        0x4E28_4A80, // aese v0.16b, v20.16b
        0x4E28_6800, // aesmc v0.16b, v0.16b
        0x4E28_4AA0, // aese v0.16b, v21.16b
        0x4E28_6800, // aesmc v0.16b, v0.16b
        0x4E28_4AC0, // aese v0.16b, v22.16b
        0x4E28_6800, // aesmc v0.16b, v0.16b
        0x4E28_4AE0, // aese v0.16b, v23.16b
        0x4E28_6800, // aesmc v0.16b, v0.16b
        0x4E28_4B00, // aese v0.16b, v24.16b
        0x4E28_6800, // aesmc v0.16b, v0.16b
        0x4E28_4B20, // aese v0.16b, v25.16b
        0x6E3A_1C00, // eor v0.16b, v0.16b, v26.16b
        0x4C00_7000, // st1 {v0.16b}, [x0]
        0x4E28_7A31, // aesimc v17.16b, v17.16b
        0x4E28_7A52, // aesimc v18.16b, v18.16b
        0x4E28_7A73, // aesimc v19.16b, v19.16b
        0x4E28_7A94, // aesimc v20.16b, v20.16b
        0x4E28_7AB5, // aesimc v21.16b, v21.16b
        0x4E28_7AD6, // aesimc v22.16b, v22.16b
        0x4E28_7AF7, // aesimc v23.16b, v23.16b
        0x4E28_7B18, // aesimc v24.16b, v24.16b
        0x4E28_7B39, // aesimc v25.16b, v25.16b
        0x4E28_5B40, // aesd v0.16b, v26.16b
        0x4E28_7800, // aesimc v0.16b, v0.16b
        0x4E28_5B20, // aesd v0.16b, v25.16b
        0x4E28_7800, // aesimc v0.16b, v0.16b
        0x4E28_5B00, // aesd v0.16b, v24.16b
        0x4E28_7800, // aesimc v0.16b, v0.16b
        0x4E28_5AE0, // aesd v0.16b, v23.16b
        0x4E28_7800, // aesimc v0.16b, v0.16b
        0x4E28_5AC0, // aesd v0.16b, v22.16b
        0x4E28_7800, // aesimc v0.16b, v0.16b
        0x4E28_5AA0, // aesd v0.16b, v21.16b
        0x4E28_7800, // aesimc v0.16b, v0.16b
        0x4E28_5A80, // aesd v0.16b, v20.16b
        0x4E28_7800, // aesimc v0.16b, v0.16b
        0x4E28_5A60, // aesd v0.16b, v19.16b
        0x4E28_7800, // aesimc v0.16b, v0.16b
        0x4E28_5A40, // aesd v0.16b, v18.16b
        0x4E28_7800, // aesimc v0.16b, v0.16b
        0x4E28_5A20, // aesd v0.16b, v17.16b
        0x6E30_1C00, // eor v0.16b, v0.16b, v16.16b
        0x4C00_7040, // st1 {v0.16b}, [x2]
    ];
}
