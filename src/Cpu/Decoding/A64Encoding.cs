namespace Emulator.Cpu.Decoding;

/// <summary>
/// One row of the decode table: a name from the Arm ARM, a 32-character bit pattern written most
/// significant bit first, spaces between fields ignored ('0' and '1' are fixed bits, any other character names an operand field),
/// the handler and the instruction class the timing model charges. The pattern compiles to a mask/value pair.
/// </summary>
public sealed unsafe class A64Encoding
{
    public A64Encoding(string name, string pattern, delegate*<Core.ArmCore, uint, void> handler, InstructionClass @class)
    {
        pattern = pattern.Replace(" ", string.Empty);
        if (pattern.Length != 32)
            throw new ArgumentException($"{name}: pattern must have 32 characters, has {pattern.Length}", nameof(pattern));
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

    public string Name { get; }

    public string Pattern { get; }

    public uint Mask { get; }

    public uint Value { get; }

    public delegate*<Core.ArmCore, uint, void> Handler { get; }

    public InstructionClass Class { get; }

    public bool Matches(uint insn) => (insn & Mask) == Value;
}
