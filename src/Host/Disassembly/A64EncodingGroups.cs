namespace Emulator.Host.Disassembly;

/// <summary>
/// The main encoding groups of the A64 instruction set, selected by op0 (bits [28:25]) in the Arm
/// ARM's top-level decode (C4.1, "A64 instruction set encoding"); for messages only.
/// </summary>
public static class A64EncodingGroups
{
    public static string Of(uint word)
    {
        uint op0 = (word >> 25) & 0xF;
        return op0 switch
        {
            0b0000 => (word >> 31) != 0 ? "SME" : "Reserved",
            0b0001 => "Unallocated",
            0b0010 => "SVE",
            0b0011 => "Unallocated",
            0b1000 or 0b1001 => "Data Processing -- Immediate",
            0b1010 or 0b1011 => "Branches, Exception Generating and System instructions",
            0b0100 or 0b0110 or 0b1100 or 0b1110 => (word & (1u << 26)) != 0 ? "Loads and Stores (FP/SIMD)" : "Loads and Stores",
            0b0101 or 0b1101 => "Data Processing -- Register",
            _ => "Data Processing -- Scalar Floating-Point and Advanced SIMD",
        };
    }
}
