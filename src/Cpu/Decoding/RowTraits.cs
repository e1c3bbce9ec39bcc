namespace Emulator.Cpu.Decoding;

/// <summary>What a decode-table row says about its instructions beyond handler and timing class.</summary>
[Flags]
public enum RowTraits : byte
{
    None = 0,

    /// <summary>Execution never falls through to the next instruction (B, BL, BR, BLR, RET, ERET, SVC/HVC/SMC/BRK...): a translated block ends with it.</summary>
    EndsBlock = 1,

    /// <summary>The handler is a hint that computes nothing the run loop watches (it is not data processing, although charged as ALU).</summary>
    Hint = 2,
}

/// <summary>
/// Which random differential run (against qemu-system-aarch64) draws a row's words: rows that leave
/// the case, touch system state or depend on the machine are not drawn.
/// </summary>
public enum DifferentialGroup : byte
{
    /// <summary>Not drawn.</summary>
    None,

    /// <summary>Armv8.0 integer instructions (QEMU's cortex-a57).</summary>
    Base,

    /// <summary>Armv8.1 LSE atomics (QEMU's -cpu max).</summary>
    Lse,

    /// <summary>Armv8.0 floating point and Advanced SIMD (QEMU's cortex-a57).</summary>
    FpSimd,
}
