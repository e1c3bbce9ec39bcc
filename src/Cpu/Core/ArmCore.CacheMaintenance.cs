using Emulator.Mmu.Attributes;
using Emulator.Mmu.Caches;
using Emulator.Mmu.Translation;

namespace Emulator.Cpu.Core;

/// <summary>
/// The DC and IC instructions (SYS, op0 = 1, CRn = 7). They are executed architecturally whether or
/// not a cache model is attached: the EL0 access rules (SCTLR_EL1.UCI, DZE; EC 0x18 traps), the
/// translation and permission checks of the by-VA forms, and DC ZVA's zeroing. With no cache
/// model there is simply no cache for them to act on.
/// </summary>
public sealed partial class ArmCore
{
    private const ulong SctlrDze = 1UL << 14;
    private const ulong SctlrUci = 1UL << 26;

    /// <summary>DC IVAC, CVAC, CVAU, CVAP, CIVAC: translate Xt, then act on the line at its PA.</summary>
    internal void DataCacheByVa(uint insn, DataCacheOperation op)
    {
        if (CurrentEl == 0)
        {
            if (op == DataCacheOperation.IVAC)
            {
                Undefined(); // DC IVAC is not accessible at EL0
                return;
            }
            if ((Sys.SCTLR_EL1 & SctlrUci) == 0)
            {
                TrapSystemRegisterToEl1(insn);
                return;
            }
        }
        ulong va = GetX(insn & 31);
        if (op == DataCacheOperation.IVAC && UpgradesDataCacheInvalidate)
            op = DataCacheOperation.CIVAC; // HCR_EL2.VM: "data cache invalidate instructions executed at EL1 perform a clean and invalidate"
        // DC IVAC needs write permission (it can discard data); the clean operations need read
        // permission. Alignment is irrelevant: the operation acts on the line holding va.
        bool write = op == DataCacheOperation.IVAC;
        var access = new TranslationAccess(write ? AccessType.Write : AccessType.Read, CurrentEl == 0);
        TranslationResult r = Translate(va, access);
        if (r.IsFault)
        {
            MaintenanceFault(r.Fault, va);
            return;
        }
        if (_cache is not null && _ram.Contains(r.Pa, 1))
            _memoryCycles += (uint)_cache.DataCacheByAddress(_cacheAgent, op, r.Pa);
    }

    /// <summary>
    /// DC ZVA: zeroes the DCZID_EL0-sized block holding Xt as a store would (write permission,
    /// the store's attributes). Device memory takes an Alignment fault and nothing is written.
    /// </summary>
    internal void DataCacheZeroByVa(uint insn)
    {
        if (CurrentEl == 0 && (Sys.SCTLR_EL1 & SctlrDze) == 0)
        {
            TrapSystemRegisterToEl1(insn);
            return;
        }
        int block = _cacheIdConfig.ZvaBlockSize;
        ulong va = GetX(insn & 31) & ~(ulong)(block - 1);
        if (!TranslateData(va, block, true, out ulong pa, out MemoryAttributes attributes))
            return; // the whole block, aligned: a watchpoint on any byte of it matches
        if (attributes.IsDevice)
        {
            DataAbort(va, true, FaultStatus.Alignment);
            return;
        }
        if (_ram.Contains(pa, (ulong)block))
        {
            if (_cache is not null)
            {
                _cache.DataCacheZeroByAddress(_cacheAgent, pa, attributes, out int cycles);
                _memoryCycles += (uint)cycles;
            }
            else
            {
                _ram.Write(pa, ZeroBlock.AsSpan(0, block));
            }
            return;
        }
        for (int i = 0; i < block; i += 8)
        {
            if (!_bus.TryWrite(pa + (ulong)i, 8, 0))
            {
                DataAbort(va, true, FaultStatus.SynchronousExternalAbort);
                return;
            }
        }
    }

    private static readonly byte[] ZeroBlock = new byte[2048];

    /// <summary>DC ISW, CSW, CISW: EL1 only; Xt holds level and set/way.</summary>
    internal void DataCacheBySetWay(uint insn, SetWayOperation op)
    {
        if (CurrentEl == 0)
        {
            Undefined();
            return;
        }
        if (TrapsSetWay)
        {
            TrapSystemInstructionToEl2(insn); // HCR_EL2.TSW: the hypervisor decides what it means
            return;
        }
        if (_cache is not null)
            _memoryCycles += (uint)_cache.DataCacheBySetWay(_cacheAgent, op, GetX(insn & 31));
    }

    /// <summary>IC IALLU (this PE) and IC IALLUIS (the Inner Shareable domain): EL1 only.</summary>
    internal void InstructionCacheInvalidateAll(bool innerShareable)
    {
        if (CurrentEl == 0)
        {
            Undefined();
            return;
        }
        if (_cache is null)
            return;
        _memoryCycles += (uint)(innerShareable
            ? _cache.InstructionCacheInvalidateAllInnerShareable(_cacheAgent)
            : _cache.InstructionCacheInvalidateAll(_cacheAgent));
    }

    /// <summary>IC IVAU: translate Xt (read permission), invalidate the line in every L1I. EL0 with SCTLR_EL1.UCI.</summary>
    internal void InstructionCacheInvalidateByVa(uint insn)
    {
        if (CurrentEl == 0 && (Sys.SCTLR_EL1 & SctlrUci) == 0)
        {
            TrapSystemRegisterToEl1(insn);
            return;
        }
        ulong va = GetX(insn & 31);
        TranslationResult r = Translate(va, new TranslationAccess(AccessType.Read, CurrentEl == 0));
        if (r.IsFault)
        {
            MaintenanceFault(r.Fault, va);
            return;
        }
        if (_cache is not null && _ram.Contains(r.Pa, 1))
            _memoryCycles += (uint)_cache.InstructionCacheInvalidateByAddress(_cacheAgent, r.Pa);
    }

    /// <summary>A fault on a maintenance instruction: to EL2 for a stage-2 fault, else to EL1.</summary>
    private void MaintenanceFault(in FaultRecord fault, ulong va)
    {
        if (fault.Stage2)
            Stage2Abort(fault, va, write: true, fetch: false, maintenance: true);
        else
            MaintenanceDataAbort(va, fault.StatusCode);
    }

    /// <summary>
    /// A fault on a cache maintenance instruction: a Data Abort with ESR.CM = 1 and WnR = 1
    /// (Arm ARM D17.2.40, ISS encoding for a Data Abort: "CM ... WnR is 1").
    /// </summary>
    private void MaintenanceDataAbort(ulong va, uint dfsc)
    {
        uint ec = CurrentEl == 0 ? ExceptionClass.DataAbortLowerEl : ExceptionClass.DataAbortSameEl;
        TakeSynchronousException(ec << 26 | 1u << 25 | 1u << 8 | 1u << 6 | dfsc, Pc, va, true);
    }
}

/// <summary>SYS encodings (op0 = 1: op1, CRn = 7, CRm, op2) of the DC and IC instructions.</summary>
internal static class CacheSysKeys
{
    private const int Op0 = 1 << 14;

    public const ushort IcIallUis = Op0 | 0 << 11 | 7 << 7 | 1 << 3 | 0;
    public const ushort IcIallU = Op0 | 0 << 11 | 7 << 7 | 5 << 3 | 0;
    public const ushort IcIvau = Op0 | 3 << 11 | 7 << 7 | 5 << 3 | 1;
    public const ushort DcIvac = Op0 | 0 << 11 | 7 << 7 | 6 << 3 | 1;
    public const ushort DcIsw = Op0 | 0 << 11 | 7 << 7 | 6 << 3 | 2;
    public const ushort DcCsw = Op0 | 0 << 11 | 7 << 7 | 10 << 3 | 2;
    public const ushort DcCisw = Op0 | 0 << 11 | 7 << 7 | 14 << 3 | 2;
    public const ushort DcZva = Op0 | 3 << 11 | 7 << 7 | 4 << 3 | 1;
    public const ushort DcCvac = Op0 | 3 << 11 | 7 << 7 | 10 << 3 | 1;
    public const ushort DcCvau = Op0 | 3 << 11 | 7 << 7 | 11 << 3 | 1;
    public const ushort DcCvap = Op0 | 3 << 11 | 7 << 7 | 12 << 3 | 1;
    public const ushort DcCivac = Op0 | 3 << 11 | 7 << 7 | 14 << 3 | 1;
}
