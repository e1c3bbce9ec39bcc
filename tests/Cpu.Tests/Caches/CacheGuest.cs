using Emulator.Cpu.Tests.Mmu;
using Emulator.Cpu.Tests.Support;
using Emulator.Mmu.Caches;
using static Emulator.Cpu.Tests.Mmu.MmuGuest;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.Caches;

/// <summary>
/// An <see cref="MmuGuest"/> (RAM identity-mapped Normal WB, MMU and caches on) with a cache
/// hierarchy attached to its core as agent 0, and the DC/IC encodings.
/// </summary>
internal static class CacheGuest
{
    public const ulong Va = 0x1000_0000;
    public const ulong Normal = Af | InnerShareable;                 // AttrIndx 0: Normal WB, EL1 RW
    public const ulong NonCacheable = Af | OuterShareable | 2 << 2;  // AttrIndx 2: Normal NC, EL1 RW
    public const ulong DeviceNGnRE = Af | OuterShareable | 1 << 2;   // AttrIndx 1
    public const ulong El0Rw = 0b01 << 6;

    public static readonly SysRegister CTR_EL0 = new(3, 3, 0, 0, 1);
    public static readonly SysRegister DCZID_EL0 = new(3, 3, 0, 0, 7);
    public static readonly SysRegister CLIDR_EL1 = new(3, 1, 0, 0, 1);
    public static readonly SysRegister CCSIDR_EL1 = new(3, 1, 0, 0, 0);
    public static readonly SysRegister CSSELR_EL1 = new(3, 2, 0, 0, 0);

    public static uint DcIvac(Reg t) => Sys(0, 7, 6, 1, t);
    public static uint DcCvac(Reg t) => Sys(3, 7, 10, 1, t);
    public static uint DcCvau(Reg t) => Sys(3, 7, 11, 1, t);
    public static uint DcCivac(Reg t) => Sys(3, 7, 14, 1, t);
    public static uint DcZva(Reg t) => Sys(3, 7, 4, 1, t);
    public static uint DcCisw(Reg t) => Sys(0, 7, 14, 2, t);
    public static uint IcIvau(Reg t) => Sys(3, 7, 5, 1, t);
    public static uint IcIallu() => Sys(0, 7, 5, 0, XZR);

    /// <summary>An MMU guest with <paramref name="config"/> attached (null: --cache off).</summary>
    public static (MmuGuest Guest, CacheHierarchy? Cache) Create(CacheHierarchyConfig? config)
    {
        var g = new MmuGuest();
        CacheHierarchy? cache = null;
        if (config is not null)
        {
            cache = new CacheHierarchy(config, g.Machine.Ram, cpuCount: 1);
            g.Machine.Core.AttachCache(cache, 0);
        }
        return (g, cache);
    }

    /// <summary>Runs EL1 code that ERETs to <paramref name="el0Body"/> (followed by SVC #0) with SCTLR_EL1 | <paramref name="extraSctlr"/>.</summary>
    public static MmuGuest RunAtEl0(CacheHierarchyConfig? config, ulong extraSctlr, params uint[] el0Body)
    {
        (MmuGuest g, _) = Create(config);
        const ulong el0Code = 0x2000_0000;
        g.Map(Va, PagePool, 3, Normal | El0Rw);
        g.Map(el0Code, PagePool + 0x10000, 3, Af | InnerShareable | 0b11 << 6 | Pxn); // EL0 executable
        g.Machine.WriteWords(PagePool + 0x10000, [.. el0Body, Svc(0)]);
        g.Load([.. MovImm(X1, Va), .. MovImm(X2, el0Code), Msr(ELR_EL1, X2), Msr(SPSR_EL1, XZR), Eret()], extraSctlr: extraSctlr);
        g.Machine.RunToVector(GuestMachine.VectorLowerElSync);
        return g;
    }
}
