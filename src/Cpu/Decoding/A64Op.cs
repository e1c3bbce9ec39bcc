namespace Emulator.Cpu.Decoding;

/// <summary>
/// The identity of each decode-table row (one per line of <see cref="A64DecodeTable"/>). Code that
/// treats a row specially (the specializer, block roles, the differential generator) names it by
/// this value, never by its display name.
/// </summary>
public enum A64Op : ushort
{
    // Data processing -- immediate
    Adr,
    Adrp,
    AddSubImmediate,
    LogicalImmediate,
    MoveWide,
    Bitfield,
    Extr,

    // Branches, exception generating and system instructions
    BranchConditional,
    ExceptionGeneration,
    Hints,
    Barriers,
    MsrImmediate,
    Sys,
    SystemRegisterMove,
    Br,
    Blr,
    Ret,
    Eret,
    BranchImmediate,
    CompareAndBranch,
    TestAndBranch,

    // Loads and stores
    ExclusiveRegister,
    ExclusivePair,
    CompareAndSwapPair,
    LoadStoreOrdered,
    CompareAndSwap,
    AtomicMemory,
    LoadLiteral,
    LoadStorePair,
    LoadStoreImmediate9,
    LoadStoreRegisterOffset,
    LoadStoreUnsignedOffset,

    // Data processing -- register
    LogicalShifted,
    AddSubShifted,
    AddSubExtended,
    AddSubCarry,
    ConditionalCompareRegister,
    ConditionalCompareImmediate,
    ConditionalSelect,
    DataProcessing1Source,
    Crc32,
    Divide,
    DataProcessing2Source,
    DataProcessing3Source,

    // ---- SIMD&FP loads and stores (A64DecodeTable.SimdFpLoadStore.cs) ----
    // (rows below this line, in table order)
    //
    //

    // ---- Scalar floating point (A64DecodeTable.FloatingPoint.cs) ----
    // (rows below this line, in table order)
    //
    //
    FpMoveAbsNegSqrt,
    FpConvertPrecision,
    FpRoundInt,
    FpDataProcessing2Source,
    FpNegatedMultiply,
    FpDataProcessing3Source,
    FpCompare,
    FpConditionalCompare,
    FpConditionalSelect,
    FpMoveImmediate,
    FpConvertToInteger,
    FpConvertToIntegerTiesAway,
    FpConvertFromInteger,
    FpMoveGeneral32,
    FpMoveGeneral64,
    FpMoveGeneralTop,
    FpConvertToFixed,
    FpConvertFromFixed,

    // ---- Advanced SIMD floating point, vector and scalar forms (A64DecodeTable.AdvancedSimdFloatingPoint.cs) ----
    // (rows below this line, in table order)
    //
    //
    // Three same, vector
    SimdFmaxnm,
    SimdFmla,
    SimdFadd,
    SimdFmulx,
    SimdFcmeq,
    SimdFmax,
    SimdFrecps,
    SimdFminnm,
    SimdFmls,
    SimdFsub,
    SimdFmin,
    SimdFrsqrts,
    SimdFmaxnmp,
    SimdFaddp,
    SimdFmul,
    SimdFcmge,
    SimdFacge,
    SimdFmaxp,
    SimdFdiv,
    SimdFminnmp,
    SimdFabd,
    SimdFcmgt,
    SimdFacgt,
    SimdFminp,
    // Scalar three same
    SimdFmulxScalar,
    SimdFcmeqScalar,
    SimdFrecpsScalar,
    SimdFrsqrtsScalar,
    SimdFcmgeScalar,
    SimdFacgeScalar,
    SimdFabdScalar,
    SimdFcmgtScalar,
    SimdFacgtScalar,
    // Two-register miscellaneous, vector
    SimdFcvtn,
    SimdFcvtl,
    SimdFrintn,
    SimdFrintm,
    SimdFcvtns,
    SimdFcvtms,
    SimdFcvtas,
    SimdScvtf,
    SimdFcmgtZero,
    SimdFcmeqZero,
    SimdFcmltZero,
    SimdFabs,
    SimdFrintp,
    SimdFrintz,
    SimdFcvtps,
    SimdFcvtzs,
    SimdUrecpe,
    SimdFrecpe,
    SimdFcvtxn,
    SimdFrinta,
    SimdFrintx,
    SimdFcvtnu,
    SimdFcvtmu,
    SimdFcvtau,
    SimdUcvtf,
    SimdFcmgeZero,
    SimdFcmleZero,
    SimdFneg,
    SimdFrinti,
    SimdFcvtpu,
    SimdFcvtzu,
    SimdUrsqrte,
    SimdFrsqrte,
    SimdFsqrt,
    // Scalar two-register miscellaneous
    SimdFcvtnsScalar,
    SimdFcvtmsScalar,
    SimdFcvtasScalar,
    SimdScvtfScalar,
    SimdFcmgtZeroScalar,
    SimdFcmeqZeroScalar,
    SimdFcmltZeroScalar,
    SimdFcvtpsScalar,
    SimdFcvtzsScalar,
    SimdFrecpeScalar,
    SimdFrecpxScalar,
    SimdFcvtxnScalar,
    SimdFcvtnuScalar,
    SimdFcvtmuScalar,
    SimdFcvtauScalar,
    SimdUcvtfScalar,
    SimdFcmgeZeroScalar,
    SimdFcmleZeroScalar,
    SimdFcvtpuScalar,
    SimdFcvtzuScalar,
    SimdFrsqrteScalar,
    // Across lanes (single precision, Q = 1)
    SimdFmaxnmv,
    SimdFmaxv,
    SimdFminnmv,
    SimdFminv,
    // Scalar pairwise
    SimdFmaxnmpScalar,
    SimdFaddpScalar,
    SimdFmaxpScalar,
    SimdFminnmpScalar,
    SimdFminpScalar,
    // Vector x indexed element
    SimdFmlaByElement,
    SimdFmlsByElement,
    SimdFmulByElement,
    SimdFmulxByElement,
    // Scalar x indexed element
    SimdFmlaByElementScalar,
    SimdFmlsByElementScalar,
    SimdFmulByElementScalar,
    SimdFmulxByElementScalar,
    // Shift by immediate: fixed-point conversions, vector
    SimdScvtfFixedSingle,
    SimdScvtfFixedDouble,
    SimdUcvtfFixedSingle,
    SimdUcvtfFixedDouble,
    SimdFcvtzsFixedSingle,
    SimdFcvtzsFixedDouble,
    SimdFcvtzuFixedSingle,
    SimdFcvtzuFixedDouble,
    // Scalar shift by immediate: fixed-point conversions
    SimdScvtfFixedScalarSingle,
    SimdScvtfFixedScalarDouble,
    SimdUcvtfFixedScalarSingle,
    SimdUcvtfFixedScalarDouble,
    SimdFcvtzsFixedScalarSingle,
    SimdFcvtzsFixedScalarDouble,
    SimdFcvtzuFixedScalarSingle,
    SimdFcvtzuFixedScalarDouble,

    // ---- Advanced SIMD: copy, permute, table, immediates, across lanes, two-register misc, bitwise (A64DecodeTable.AdvancedSimd.cs) ----
    // (rows below this line, in table order)
    //
    //

    // ---- Advanced SIMD integer arithmetic: three same/different, shifts, by element, scalar forms (A64DecodeTable.AdvancedSimdArithmetic.cs) ----
    // (rows below this line, in table order)
    //
    //
}
