using System.Runtime.CompilerServices;

namespace Emulator.Cpu.Core;

/// <summary>The 31 general-purpose registers X0..X30 and a slot for XZR (kept zero), stored inline.</summary>
[InlineArray(32)]
public struct GeneralRegisters
{
    private ulong _element0;
}
