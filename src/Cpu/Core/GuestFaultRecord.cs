namespace Emulator.Cpu.Core;

/// <summary>
/// What the user needs to debug a guest that faulted at its own exception vector: the vector
/// address that faulted, its syndrome and fault address, the word found there (if it could be
/// fetched), and ELR_EL1 (the return address of the exception that led to the vector).
/// </summary>
public sealed record GuestFaultRecord(ulong Pc, ulong Esr, ulong Far, uint? Instruction, ulong Elr, int ExceptionLevel);
