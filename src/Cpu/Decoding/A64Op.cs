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
    SimdLoadStoreMultiple,
    SimdLoadStoreMultiplePostIndex,
    SimdLoadStoreSingle,
    SimdLoadStoreSinglePostIndex,
    SimdFpLoadLiteral,
    SimdFpLoadStorePair,
    SimdFpLoadStoreImmediate9,
    SimdFpLoadStoreRegisterOffset,
    SimdFpLoadStoreUnsignedOffset,

    // ---- Scalar floating point (A64DecodeTable.FloatingPoint.cs) ----
    // (rows below this line, in table order)
    //
    //

    // ---- Advanced SIMD floating point, vector and scalar forms (A64DecodeTable.AdvancedSimdFloatingPoint.cs) ----
    // (rows below this line, in table order)
    //
    //

    // ---- Advanced SIMD: copy, permute, table, immediates, across lanes, two-register misc, bitwise (A64DecodeTable.AdvancedSimd.cs) ----
    // (rows below this line, in table order)
    //
    //

    // ---- Advanced SIMD integer arithmetic: three same/different, shifts, by element, scalar forms (A64DecodeTable.AdvancedSimdArithmetic.cs) ----
    // (rows below this line, in table order)
    //
    //
}
