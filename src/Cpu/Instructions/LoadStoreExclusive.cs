using System.Runtime.CompilerServices;
using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions;

/// <summary>
/// A64 "Load/store exclusive" (Arm ARM C4.1.85, the size:001000 class): LDXR/LDAXR/STXR/STLXR
/// (B, H, W, X), LDXP/LDAXP/STXP/STLXP, LDAR/STLR (B, H, W, X), and the Armv8.1 CAS and CASP
/// families. One PE executing in program order makes every access observed in order, so the
/// acquire and release semantics need no action. Should-be-one fields (Rs of loads, Rt2 of the
/// single-register forms) are ignored, as they are by QEMU. CONSTRAINED UNPREDICTABLE choices:
/// a store-exclusive whose status register Rs equals Rt, Rt2 or a base Rn other than SP is
/// UNDEFINED (Constraint_UNDEF); LDXP/LDAXP with Rt == Rt2 is UNDEFINED (as LDP).
/// </summary>
internal static class LoadStoreExclusive
{
    /// <summary>LDXR, LDAXR, STXR, STLXR (AArch64.SetExclusiveMonitors, AArch64.ExclusiveMonitorsPass).</summary>
    public static void ExclusiveRegister(ArmCore core, uint insn)
    {
        int bytes = 1 << (int)(insn >> 30);
        bool load = ((insn >> 22) & 1) != 0;
        uint s = (insn >> 16) & 31, n = (insn >> 5) & 31, t = insn & 31;
        if (load)
        {
            if (!BaseAddress(core, n, out ulong address) || !core.LoadExclusive(address, bytes, out ulong value, out _))
                return;
            core.SetX(t, value);
            return;
        }
        if (s == t || (s == n && n != 31))
        {
            core.Undefined();
            return;
        }
        if (BaseAddress(core, n, out ulong target) && core.StoreExclusive(target, bytes, core.GetX(t), 0, out bool passed))
            core.SetX(s, passed ? 0UL : 1UL);
    }

    /// <summary>LDXP, LDAXP, STXP, STLXP: 32-bit pairs are one doubleword, 64-bit pairs two.</summary>
    public static void ExclusivePair(ArmCore core, uint insn)
    {
        bool is64 = ((insn >> 30) & 1) != 0;
        bool load = ((insn >> 22) & 1) != 0;
        uint s = (insn >> 16) & 31, t2 = (insn >> 10) & 31, n = (insn >> 5) & 31, t = insn & 31;
        if (load)
        {
            if (t == t2)
            {
                core.Undefined();
                return;
            }
            if (!BaseAddress(core, n, out ulong address) || !core.LoadExclusive(address, is64 ? 16 : 8, out ulong low, out ulong high))
                return;
            if (is64)
            {
                core.SetX(t, low);
                core.SetX(t2, high);
            }
            else
            {
                core.SetX(t, (uint)low);
                core.SetX(t2, low >> 32);
            }
            return;
        }
        if (s == t || s == t2 || (s == n && n != 31))
        {
            core.Undefined();
            return;
        }
        if (!BaseAddress(core, n, out ulong target))
            return;
        bool passed;
        bool done = is64
            ? core.StoreExclusive(target, 16, core.GetX(t), core.GetX(t2), out passed)
            : core.StoreExclusive(target, 8, (uint)core.GetX(t) | core.GetX(t2) << 32, 0, out passed);
        if (done)
            core.SetX(s, passed ? 0UL : 1UL);
    }

    /// <summary>LDAR, STLR (B, H, W, X): ordered accesses, always naturally aligned.</summary>
    public static void Ordered(ArmCore core, uint insn)
    {
        int bytes = 1 << (int)(insn >> 30);
        bool load = ((insn >> 22) & 1) != 0;
        uint n = (insn >> 5) & 31, t = insn & 31;
        if (!BaseAddress(core, n, out ulong address) || !core.CheckOrderedAlignment(address, bytes, !load))
            return;
        if (load)
        {
            if (core.Read(address, bytes, out ulong value))
                core.SetX(t, value);
        }
        else
        {
            core.Write(address, bytes, core.GetX(t));
        }
    }

    /// <summary>CAS, CASA, CASL, CASAL (B, H, W, X): MemAtomicCompareAndSwap.</summary>
    public static void CompareAndSwap(ArmCore core, uint insn)
    {
        int bytes = 1 << (int)(insn >> 30);
        uint s = (insn >> 16) & 31, n = (insn >> 5) & 31, t = insn & 31;
        ulong mask = bytes == 8 ? ulong.MaxValue : (1UL << (bytes * 8)) - 1;
        if (!BaseAddress(core, n, out ulong address) || !core.TranslateAtomic(address, bytes, true, out ulong pa))
            return;
        if (!core.ReadByPa(address, pa, bytes, true, out ulong old))
            return;
        if (old == (core.GetX(s) & mask) && !core.WriteByPa(address, pa, bytes, core.GetX(t)))
            return;
        core.SetX(s, old);
    }

    /// <summary>CASP, CASPA, CASPL, CASPAL: a pair of W or X registers; Rs and Rt must be even.</summary>
    public static void CompareAndSwapPair(ArmCore core, uint insn)
    {
        bool is64 = ((insn >> 30) & 1) != 0;
        uint s = (insn >> 16) & 31, n = (insn >> 5) & 31, t = insn & 31;
        if ((s & 1) != 0 || (t & 1) != 0)
        {
            core.Undefined();
            return;
        }
        int total = is64 ? 16 : 8;
        if (!BaseAddress(core, n, out ulong address) || !core.TranslateAtomic(address, total, true, out ulong pa))
            return;
        if (is64)
        {
            if (!core.ReadByPa(address, pa, 8, true, out ulong low) || !core.ReadByPa(address, pa + 8, 8, true, out ulong high))
                return;
            if (low == core.GetX(s) && high == core.GetX(s + 1)
                && (!core.WriteByPa(address, pa, 8, core.GetX(t)) || !core.WriteByPa(address, pa + 8, 8, core.GetX(t + 1))))
                return;
            core.SetX(s, low);
            core.SetX(s + 1, high);
        }
        else
        {
            if (!core.ReadByPa(address, pa, 8, true, out ulong old))
                return;
            ulong compare = (uint)core.GetX(s) | core.GetX(s + 1) << 32;
            if (old == compare && !core.WriteByPa(address, pa, 8, (uint)core.GetX(t) | core.GetX(t + 1) << 32))
                return;
            core.SetX(s, (uint)old);
            core.SetX(s + 1, old >> 32);
        }
    }

    /// <summary>The base register value, with the SP alignment check when the base is SP.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool BaseAddress(ArmCore core, uint n, out ulong address)
    {
        if (n != 31)
        {
            address = core.GetX(n);
            return true;
        }
        address = core.Sp;
        return core.CheckSpAlignment();
    }
}
