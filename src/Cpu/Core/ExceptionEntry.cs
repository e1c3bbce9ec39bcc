namespace Emulator.Cpu.Core;

/// <summary>What a trace of one exception entry shows: kind, source EL, PC, return address, ESR, FAR.</summary>
public readonly record struct ExceptionEntry(ExceptionType Type, int FromEl, ulong Pc, ulong PreferredReturn, ulong Esr, ulong Far);
