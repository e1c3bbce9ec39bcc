namespace Emulator.Cpu.Blocks;

/// <summary>What a translated block must do around one of its instructions.</summary>
internal enum BlockRole : byte
{
    /// <summary>Computes on registers and flags only: no PC set before it, nothing checked after it.</summary>
    Pure,

    /// <summary>
    /// Computes on registers, flags and the PC, or branches conditionally (the branch predictor
    /// too), and may take an UNDEFINED exception, nothing else: PC set before it; after it the
    /// block goes on if execution falls through to the next instruction (the stop point and the
    /// fetch path cannot have changed).
    /// </summary>
    Computes,

    /// <summary>May read the PC, branch, take an exception or reach a device: PC set before it; after it, the block goes on only if execution falls through to the next instruction and nothing asked the run loop to look.</summary>
    Checked,

    /// <summary>An unconditional branch: the block's last instruction.</summary>
    Last,
}

/// <summary>One instruction of a block to translate: its word, its handler, its issue cost and its role.</summary>
internal readonly unsafe struct BlockInstruction(uint word, delegate*<Core.ArmCore, uint, void> handler, uint latency, BlockRole role)
{
    public uint Word { get; } = word;

    public delegate*<Core.ArmCore, uint, void> Handler { get; } = handler;

    public uint Latency { get; } = latency;

    public BlockRole Role { get; } = role;
}

/// <summary>
/// A translated block, bound to its core: runs its instructions from the block's PC onwards and
/// leaves the core between two instructions, exactly as the interpreter would have (see
/// <see cref="BlockCompiler"/>). <paramref name="code"/> is where the fetch fast path holds the
/// block's first word; a null reference only makes the JIT compile it (<see cref="BlockCompiler.Prepare"/>).
/// </summary>
internal delegate void TranslatedBlock(ref byte code);
