using Emulator.Cpu.System;

namespace Emulator.Cpu.Core;

public sealed partial class ArmCore
{
    /// <summary>
    /// Takes a synchronous exception to EL1 (AArch64.TakeException with the syndrome already built).
    /// <paramref name="preferredReturn"/> goes to ELR_EL1; FAR_EL1 is written when
    /// <paramref name="farValid"/>. If the exception comes from the very instruction at the vector
    /// that the previous exception entered, the guest has no working handler: the run stops with
    /// <see cref="CpuExit.GuestFault"/> instead of looping for ever.
    /// </summary>
    internal void TakeSynchronousException(uint esr, ulong preferredReturn, ulong far, bool farValid)
    {
        if (Pc == _lastVector && Instructions == _lastExceptionAt + 1)
        {
            LastGuestFault = new GuestFaultRecord(Pc, esr, farValid ? far : 0, TryPeekInstruction(Pc), Sys.ELR_EL1, CurrentEl);
            NextPc = Pc;
            Stop(CpuExit.GuestFault);
            return;
        }
        Sys.ESR_EL1 = esr;
        if (farValid)
            Sys.FAR_EL1 = far;
        TakeException(ExceptionType.Synchronous, preferredReturn);
    }

    /// <summary>Called on every exception entry when set (tracing; a slow path, never per instruction).</summary>
    public Action<ExceptionEntry>? ExceptionTaken { get; set; }

    /// <summary>AArch64.TakeException for a target of EL1.</summary>
    internal void TakeException(ExceptionType type, ulong preferredReturn)
    {
        ExceptionTaken?.Invoke(new ExceptionEntry(type, CurrentEl, Pc, preferredReturn,
            type == ExceptionType.Synchronous ? Sys.ESR_EL1 : 0, Sys.FAR_EL1));
        _busyCycles += _exceptionEntryCycles; // the pipeline is flushed
        ulong vectorOffset = CurrentEl == 0 ? 0x400UL : (SpSel ? 0x200UL : 0x000UL);
        Sys.SPSR_EL1 = PackSpsr() | SoftwareStepBitOnEntry(type);
        Sys.ELR_EL1 = preferredReturn;
        ClearExclusiveLocal(); // IMPLEMENTATION DEFINED: exception entry clears the local monitor
        ExceptionsTaken++; // EXC_TAKEN, counted at the Exception level the exception is taken from (ArmCore.PmuEventSources.cs)
        SetElAndSpSel(1, true);
        Daif = Spsr.DaifMask;
        IllegalState = false;
        NextPc = Sys.VBAR_EL1 + vectorOffset + (ulong)type;
        _lastVector = NextPc;
        _lastExceptionAt = Instructions;
    }

    /// <summary>The UNDEFINED exception for the instruction at PC (EC 0, IL 1).</summary>
    internal void Undefined() => TakeSynchronousException(ExceptionClass.Unknown << 26 | 1u << 25, Pc, 0, false);

    /// <summary>AArch64.ExceptionReturn from EL1, with the IllegalExceptionReturn checks.</summary>
    internal void ExceptionReturn()
    {
        ulong spsr = Sys.SPSR_EL1;
        ulong target = Sys.ELR_EL1;
        uint m = (uint)spsr & 0x1F;
        bool illegal = (m & 0x10) != 0   // AArch32 is not implemented
            || (m & 0b0010) != 0            // M[1] reserved
            || (m >> 2) > (uint)CurrentEl   // return to a higher EL
            || (m >> 2) > 1                 // EL2/EL3 are not implemented for the guest
            || m == 0b0001;                 // EL0 with SP_EL0 only
        SoftwareStepOnExceptionReturn(spsr, illegal ? CurrentEl : (int)(m >> 2));
        ExceptionReturns++; // BR_RETIRED counts exception returns, at the Exception level of the ERET
        ClearExclusiveLocal(); // AArch64.ExceptionReturn: ClearExclusiveLocal(ProcessorID())
        Nzcv = (uint)spsr & Spsr.NzcvMask;
        Daif = (uint)spsr & Spsr.DaifMask;
        if (illegal)
        {
            IllegalState = true;
        }
        else
        {
            IllegalState = ((spsr >> Spsr.IL) & 1) != 0;
            SetElAndSpSel((int)(m >> 2), (m & 1) != 0);
        }
        NextPc = target;
    }

    private uint? TryPeekInstruction(ulong va)
    {
        if ((va & 3) != 0 || !TranslateForDebug(va, out ulong pa) || !_ram.Contains(pa, 4))
            return null;
        Span<byte> word = stackalloc byte[4];
        ReadNewest(pa, word); // the newest copy: with the cache model, the code may still be dirty in a data cache
        return global::System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(word);
    }
}
