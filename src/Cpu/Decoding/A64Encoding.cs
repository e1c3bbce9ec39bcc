namespace Emulator.Cpu.Decoding;

/// <summary>
/// One row of the decode table: a name from the Arm ARM, a 32-character bit pattern written most
/// significant bit first, spaces between fields ignored ('0' and '1' are fixed bits, any other character names an operand field),
/// the handler and the instruction class the timing model charges, and the row's metadata: its
/// identity, traits, the test that makes its data processing pure for a word (see
/// <see cref="Blocks.BlockRoles"/>) and the differential group that draws it. The pattern compiles
/// to a mask/value pair.
/// </summary>
public sealed unsafe class A64Encoding
{
    public A64Encoding(A64Op op, string name, string pattern, delegate*<Core.ArmCore, uint, void> handler, InstructionClass @class,
        RowTraits traits = RowTraits.None, DifferentialGroup differential = DifferentialGroup.None, Func<uint, bool>? undefinedFor = null)
    {
        pattern = pattern.Replace(" ", string.Empty);
        if (pattern.Length != 32)
            throw new ArgumentException($"{name}: pattern must have 32 characters, has {pattern.Length}", nameof(pattern));
        Op = op;
        Traits = traits;
        Differential = differential;
        UndefinedFor = undefinedFor;
        Name = name;
        Pattern = pattern;
        Handler = handler;
        Class = @class;
        for (int i = 0; i < 32; i++)
        {
            char c = pattern[i];
            if (c is '0' or '1')
            {
                Mask |= 1u << (31 - i);
                if (c == '1')
                    Value |= 1u << (31 - i);
            }
        }
    }

    /// <summary>The row's identity.</summary>
    public A64Op Op { get; }

    public RowTraits Traits { get; }

    /// <summary>The random differential run that draws this row's words.</summary>
    public DifferentialGroup Differential { get; }

    /// <summary>
    /// For a row whose handler only computes on registers and flags for every word that is not
    /// UNDEFINED: the handler's own UNDEFINED test (a translated block treats the other words as
    /// pure). Null for any other row.
    /// </summary>
    public Func<uint, bool>? UndefinedFor { get; }

    public string Name { get; }

    public string Pattern { get; }

    public uint Mask { get; }

    public uint Value { get; }

    public delegate*<Core.ArmCore, uint, void> Handler { get; }

    public InstructionClass Class { get; }

    public bool Matches(uint insn) => (insn & Mask) == Value;
}
