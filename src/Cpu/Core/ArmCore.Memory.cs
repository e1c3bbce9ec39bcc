using System.Runtime.CompilerServices;
using Emulator.Mmu.Physical;

namespace Emulator.Cpu.Core;

/// <summary>
/// Data and instruction address translation and the data access path. Stage-1 translation is not
/// modelled yet: with SCTLR_EL1.M = 0 the architectural defaults apply (AArch64.TranslateAddressS1Off:
/// flat mapping, data accesses Device-nGnRnE, so any unaligned data access is an alignment fault);
/// a guest that turns the MMU on stops with <see cref="CpuExit.Unsupported"/> rather than run wrong.
/// </summary>
public sealed partial class ArmCore
{
    private const string MmuUnsupported =
        "the guest enabled the stage-1 MMU (SCTLR_EL1.M = 1); stage-1 translation is not modelled in this build";

    private bool MmuEnabled => (Sys.SCTLR_EL1 & 1) != 0;

    internal bool TranslateFetch(ulong va, out ulong pa)
    {
        pa = va;
        if (MmuEnabled)
        {
            StopUnsupported(MmuUnsupported);
            return false;
        }
        if ((va >> Configuration.PhysicalAddressBits) != 0)
        {
            uint ec = CurrentEl == 0 ? ExceptionClass.InstructionAbortLowerEl : ExceptionClass.InstructionAbortSameEl;
            TakeSynchronousException(ec << 26 | 1u << 25 | FaultStatus.AddressSizeLevel0, va, va, true);
            return false;
        }
        return true;
    }

    private bool TranslateForDebug(ulong va, out ulong pa)
    {
        pa = va;
        return !MmuEnabled && (va >> Configuration.PhysicalAddressBits) == 0;
    }

    /// <summary>Translates a data access; on failure the fault has been taken (or the run stopped).</summary>
    private bool TranslateData(ulong va, int size, bool write, out ulong pa)
    {
        pa = va;
        if (MmuEnabled)
        {
            StopUnsupported(MmuUnsupported);
            return false;
        }
        // With the MMU off every data access is Device-nGnRnE: unaligned accesses fault
        // (AArch64.CheckAlignment with the Device-memory rule), whatever SCTLR_EL1.A says.
        if ((va & (ulong)(size - 1)) != 0)
        {
            DataAbort(va, write, FaultStatus.Alignment);
            return false;
        }
        if ((va >> Configuration.PhysicalAddressBits) != 0)
        {
            DataAbort(va, write, FaultStatus.AddressSizeLevel0);
            return false;
        }
        return true;
    }

    /// <summary>Reads 1, 2, 4 or 8 bytes at a virtual address. False when the access faulted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool Read(ulong va, int size, out ulong value)
    {
        if (!TranslateData(va, size, false, out ulong pa))
        {
            value = 0;
            return false;
        }
        if (_ram.Contains(pa, (ulong)size))
        {
            value = ReadRamFast(pa, size);
            return true;
        }
        if (_bus.TryRead(pa, size, out value))
            return true;
        DataAbort(va, false, FaultStatus.SynchronousExternalAbort);
        return false;
    }

    /// <summary>Writes 1, 2, 4 or 8 bytes at a virtual address. False when the access faulted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool Write(ulong va, int size, ulong value)
    {
        if (!TranslateData(va, size, true, out ulong pa))
            return false;
        if (_ram.Contains(pa, (ulong)size))
        {
            WriteRamFast(pa, size, value);
            return true;
        }
        if (_bus.TryWrite(pa, size, value))
            return true;
        DataAbort(va, true, FaultStatus.SynchronousExternalAbort);
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong ReadRamFast(ulong pa, int size)
    {
        ulong offset = pa - _ram.BaseAddress;
        int inChunk = (int)(offset & (Ram.ChunkSize - 1));
        if (inChunk + size > Ram.ChunkSize)
            return _bus.ReadRam(pa, size);
        byte[]? chunk = _ram.ChunkForRead(offset);
        if (chunk is null)
            return 0;
        ref byte p = ref chunk[inChunk];
        return size switch
        {
            1 => p,
            2 => Unsafe.ReadUnaligned<ushort>(ref p),
            4 => Unsafe.ReadUnaligned<uint>(ref p),
            _ => Unsafe.ReadUnaligned<ulong>(ref p),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteRamFast(ulong pa, int size, ulong value)
    {
        ulong offset = pa - _ram.BaseAddress;
        int inChunk = (int)(offset & (Ram.ChunkSize - 1));
        if (inChunk + size > Ram.ChunkSize)
        {
            _bus.WriteRam(pa, size, value);
            return;
        }
        ref byte p = ref _ram.ChunkForWrite(offset)[inChunk];
        switch (size)
        {
            case 1: p = (byte)value; break;
            case 2: Unsafe.WriteUnaligned(ref p, (ushort)value); break;
            case 4: Unsafe.WriteUnaligned(ref p, (uint)value); break;
            default: Unsafe.WriteUnaligned(ref p, value); break;
        }
    }

    /// <summary>
    /// Takes a Data Abort for the current instruction (AArch64.DataAbort). ISV is left 0: the
    /// instruction-specific syndrome is added with the hypervisor's MMIO emulation.
    /// </summary>
    private void DataAbort(ulong va, bool write, uint dfsc)
    {
        uint ec = CurrentEl == 0 ? ExceptionClass.DataAbortLowerEl : ExceptionClass.DataAbortSameEl;
        uint esr = ec << 26 | 1u << 25 | (write ? 1u << 6 : 0) | dfsc;
        TakeSynchronousException(esr, Pc, va, true);
    }

    /// <summary>
    /// CheckSPAlignment: with SCTLR_EL1.SA (EL1) or SA0 (EL0) set, a load or store whose base is
    /// a misaligned SP takes an SP alignment fault.
    /// </summary>
    internal bool CheckSpAlignment()
    {
        ulong enable = CurrentEl == 0 ? 1UL << 4 : 1UL << 3;
        if ((Sys.SCTLR_EL1 & enable) == 0 || (Sp & 0xF) == 0)
            return true;
        TakeSynchronousException(ExceptionClass.SpAlignment << 26 | 1u << 25, Pc, 0, false);
        return false;
    }

    /// <summary>
    /// Reads guest memory at a virtual address on behalf of the host (semihosting, debugging),
    /// translated as the guest's current regime would, without side effects or faults.
    /// False if any byte is not backed by RAM.
    /// </summary>
    public bool ReadGuestMemory(ulong va, Span<byte> destination)
    {
        for (int done = 0; done < destination.Length;)
        {
            ulong address = va + (ulong)done;
            int n = (int)Math.Min((ulong)(destination.Length - done), 0x1000 - (address & 0xFFF));
            if (!TranslateForDebug(address, out ulong pa) || !_ram.Contains(pa, (ulong)n))
                return false;
            _ram.Read(pa, destination.Slice(done, n));
            done += n;
        }
        return true;
    }
}
