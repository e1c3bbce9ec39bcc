using Emulator.Host.Board;
using Emulator.Host.Hypervisor;
using static Emulator.Host.Tests.Robustness.A64Words;

namespace Emulator.Host.Tests.Robustness;

/// <summary>
/// Synthetic guest images for the in-process fuzz tests, all laid out the same way from
/// <see cref="FuzzMachine.ImageBase"/>: a vector table whose handlers step over the faulting
/// instruction (<see cref="A64Words.SkippingVectorTable"/>), the code, 64 KiB of random bytes
/// (for translation table bases pointed at garbage), an identity-mapping level-1 table (4 KB
/// granule, 39-bit VA: 0-1 GiB a block of the chosen attributes, 1-2 GiB RAM write-back), and
/// a scratch page. Every program ends with PSCI SYSTEM_OFF if it gets there.
/// </summary>
internal static class FuzzGuests
{
    public const int CodeOffset = 0x800, GarbageOffset = 0x1_0000, TableOffset = 0x2_0000, ScratchOffset = 0x2_1000, ImageSize = 0x2_2000;
    private const int MaxCodeWords = (GarbageOffset - CodeOffset) / 4 - 16;

    public static ulong Entry => FuzzMachine.ImageBase + CodeOffset;

    /// <summary>MAIR_EL1 for the identity table: Attr0 Device-nGnRnE, Attr1 Normal write-back, Attr2 Normal Non-cacheable.</summary>
    public const ulong IdentityMair = 0x44_FF_00;

    /// <summary>TCR_EL1: T0SZ 25 (39-bit VAs), walks Inner/Outer write-back Inner Shareable, 4 KB granule, EPD1, IPS 40 bits.</summary>
    public const ulong IdentityTcr = 25 | 1UL << 8 | 1UL << 10 | 3UL << 12 | 1UL << 23 | 2UL << 32;

    public const ulong SctlrMmuCaches = 1 | 1UL << 2 | 1UL << 12;

    private static ulong TableAddress => FuzzMachine.ImageBase + TableOffset;

    /// <summary>
    /// Issue 11's hostile guest: random words mixed with loads and stores to RAM, VRAM, MMIO and
    /// holes, branches, DC/IC/TLBI/AT with random operands, MSR of random values to SCTLR, TCR,
    /// TTBR0/1 and MAIR (the TTBRs often pointing at the random bytes, so that the walker reads
    /// garbage tables), HVC with random PSCI function numbers, semihosting calls, SVC, ERET, WFI.
    /// </summary>
    public static byte[] RandomMachine(Random random)
    {
        byte[] image = NewImage(random, deviceAttrIndex: random.Next(3));
        var code = new List<uint>();
        Prologue(code, random);
        int length = random.Next(200, 4000);
        while (code.Count < length)
        {
            int pick = random.Next(100);
            switch (pick)
            {
                case < 15:
                    code.Add((uint)random.NextInt64(0, 1L << 32));
                    break;
                case < 20:
                    // MSR or MRS of any system register (timers, GICv3 ICC_*, PMU, debug, ID registers...).
                    code.Add(0xD5100000u | (uint)random.Next(2) << 21 | (uint)random.Next(1 << 15) << 5 | (uint)random.Next(31));
                    break;
                case < 38:
                    code.Add(RandomLoadStore(random));
                    break;
                case < 44:
                    MoveImmediate(code, random.Next(1, 8), Address(random));
                    break;
                case < 50:
                    code.Add(random.Next(3) switch
                    {
                        0 => B(random.Next(-24, 24)),
                        1 => Cbz(random.Next(2) == 0, random.Next(31), random.Next(-24, 24)),
                        _ => random.Next(4) == 0 ? Br(random.Next(1, 8)) : Nop,
                    });
                    break;
                case < 62:
                    code.Add(Sys(RandomSystemOperation(random), random.Next(31)));
                    break;
                case < 74:
                    RandomRegisterWrite(code, random);
                    break;
                case < 77:
                    MoveImmediate(code, 0, RandomPsciFunction(random));
                    MoveImmediate(code, 1, Address(random));
                    code.Add(random.Next(2) == 0 ? Hvc0 : 0xD4000003); // HVC #0 or SMC #0
                    break;
                case < 79:
                    code.Add(random.Next(5) switch
                    {
                        0 => Svc0,
                        1 => Eret,
                        2 => Brk0,
                        3 => Wfi,
                        _ => SemihostingHlt,
                    });
                    break;
                case < 82:
                    MoveImmediate(code, 0, (ulong)random.Next(0, 0x40));
                    MoveImmediate(code, 1, Address(random));
                    code.Add(SemihostingHlt);
                    break;
                default:
                    code.Add(random.Next(4) switch { 0 => Isb, 1 => DsbSy, 2 => AddImm(random.Next(1, 8), random.Next(1, 8), (uint)random.Next(4096)), _ => Nop });
                    break;
            }
        }
        Epilogue(code);
        Put(image, CodeOffset, code.Count > MaxCodeWords ? code.GetRange(0, MaxCodeWords) : code);
        return image;
    }

    /// <summary>
    /// Random cache maintenance: DC CIVAC/CVAC/IVAC/ZVA/CVAU/CVAP and IC IVAU on addresses in RAM,
    /// VRAM, MMIO and holes, with stores and loads there, set/way operations, TLB and I-cache
    /// invalidation, and the MMU and caches switched on and off (with the identity table) now and then.
    /// </summary>
    public static byte[] CacheMaintenance(Random random)
    {
        byte[] image = NewImage(random, deviceAttrIndex: random.Next(3));
        var code = new List<uint>();
        Prologue(code, random);
        WriteSystemRegister(code, Mair, IdentityMair);
        WriteSystemRegister(code, Tcr, IdentityTcr);
        WriteSystemRegister(code, Ttbr0, TableAddress);
        WriteSystemRegister(code, Sctlr, RandomMmuState(random));
        int operations = random.Next(100, 600);
        for (int i = 0; i < operations; i++)
        {
            MoveImmediate(code, 1, Address(random));
            MoveImmediate(code, 2, (ulong)random.NextInt64());
            int pick = random.Next(100);
            switch (pick)
            {
                case < 50:
                    code.Add(Sys(random.Next(6) switch { 0 => DcCivac, 1 => DcCvac, 2 => DcIvac, 3 => DcCvau, 4 => DcCvap, _ => IcIvau }, 1));
                    break;
                case < 55:
                    // DC ZVA is a store without a syndrome: outside memory it stops the VM, as under KVM.
                    MoveImmediate(code, 1, random.Next(2) == 0 ? FuzzMachine.RamBase + (ulong)random.NextInt64((long)FuzzMachine.RamSize)
                        : VirtMemoryMap.VgaVramBase + (ulong)random.NextInt64((long)FuzzMachine.VramSize));
                    code.Add(Sys(DcZva, 1));
                    break;
                case < 70:
                    code.Add(LoadStore(load: false, random.Next(4), 2, 1, 0));
                    break;
                case < 80:
                    code.Add(LoadStore(load: true, random.Next(4), 3, 1, 0));
                    break;
                case < 85:
                    code.Add(Sys(random.Next(3) switch { 0 => DcIsw, 1 => DcCsw, _ => DcCisw }, 2));
                    break;
                case < 90:
                    code.Add(Sys(random.Next(3) switch { 0 => TlbiVmalle1, 1 => IcIallu, _ => IcIalluis }, 31));
                    break;
                case < 94:
                    WriteSystemRegister(code, Sctlr, RandomMmuState(random));
                    break;
                default:
                    code.Add(random.Next(2) == 0 ? DsbSy : Isb);
                    break;
            }
        }
        Epilogue(code);
        Put(image, CodeOffset, code);
        return image;
    }

    private static byte[] NewImage(Random random, int deviceAttrIndex)
    {
        var image = new byte[ImageSize];
        SkippingVectorTable().CopyTo(image, 0);
        random.NextBytes(image.AsSpan(GarbageOffset, TableOffset - GarbageOffset));
        const ulong block = 1, af = 1UL << 10, innerShareable = 3UL << 8;
        BitConverter.TryWriteBytes(image.AsSpan(TableOffset), 0UL | block | (ulong)deviceAttrIndex << 2 | innerShareable | af);
        BitConverter.TryWriteBytes(image.AsSpan(TableOffset + 8), FuzzMachine.RamBase | block | 1UL << 2 | innerShareable | af);
        random.NextBytes(image.AsSpan(ScratchOffset, 0x1000));
        return image;
    }

    private static void Prologue(List<uint> code, Random random)
    {
        WriteSystemRegister(code, Vbar, FuzzMachine.ImageBase);
        for (int r = 1; r < 8; r++)
            MoveImmediate(code, r, Address(random));
    }

    private static void Epilogue(List<uint> code)
    {
        MoveImmediate(code, 0, PsciHandler.SystemOff);
        code.Add(Hvc0);
        code.Add(B(0));
    }

    private static ulong RandomMmuState(Random random) => random.Next(3) switch
    {
        0 => 0,
        1 => SctlrMmuCaches,
        _ => 1, // MMU on, caches off
    };

    /// <summary>An address from the machine's interesting places: RAM, VRAM, MMIO windows, holes, or anywhere.</summary>
    public static ulong Address(Random random)
    {
        ulong vram = VirtMemoryMap.VgaVramBase;
        return random.Next(16) switch
        {
            0 => FuzzMachine.ImageBase + ScratchOffset + (ulong)random.Next(0x1000),
            1 => FuzzMachine.RamBase + (ulong)random.NextInt64((long)FuzzMachine.RamSize),
            2 => FuzzMachine.RamEnd - (ulong)random.Next(1, 128),
            3 or 4 => vram + (ulong)random.NextInt64((long)FuzzMachine.VramSize),
            5 => vram + FuzzMachine.VramSize - (ulong)random.Next(1, 128),
            6 => VirtMemoryMap.VgaMmioBase + (ulong)random.Next(0x1000),
            7 => VirtMemoryMap.VgaMmioBase + 0x500 + 2 * (ulong)random.Next(12),
            8 => VirtMemoryMap.UartBase + (ulong)random.Next(0x1000),
            9 => VirtMemoryMap.RtcBase + (ulong)random.Next(0x1000),
            10 => random.Next(2) == 0 ? VirtMemoryMap.GicDistributorBase + (ulong)random.Next(0x2_0000) : VirtMemoryMap.GicRedistributorBase + (ulong)random.Next(0x2_0000),
            11 => FuzzMachine.ImageBase + GarbageOffset + (ulong)random.Next(0x1_0000),
            12 => (ulong)random.Next(4) switch { 0 => 0, 1 => 0x3000_0000, 2 => FuzzMachine.RamEnd + (ulong)random.Next(0x10_0000), _ => 0x1_0000_0000 },
            13 => vram + FuzzMachine.VramSize + (ulong)random.Next(0x1000), // the hole past a 4M VRAM
            14 => (ulong)random.NextInt64() << 1 | (uint)random.Next(2),
            _ => 0xFFFF_FFFF_FFFF_F000 | (ulong)random.Next(0x1000),
        };
    }

    private static uint RandomLoadStore(Random random)
    {
        bool load = random.Next(2) == 0;
        int rt = random.Next(0, 31), rn = random.Next(1, 8);
        return random.Next(10) switch
        {
            < 7 => LoadStore(load, random.Next(4), rt, rn, (uint)random.Next(random.Next(2) == 0 ? 4 : 4096)),
            7 => Pair(load, rt, random.Next(0, 31), rn, random.Next(-8, 8)),
            8 => PreIndex(load, rt, rn, random.Next(-16, 16)),
            _ => (uint)random.Next(2) switch { 0 => 0xC85F7C00u | (uint)rn << 5 | (uint)rt, _ => 0xC8007C00u | 9u << 16 | (uint)rn << 5 | (uint)rt }, // LDXR / STXR
        };
    }

    private static (uint, uint, uint, uint) RandomSystemOperation(Random random) => random.Next(16) switch
    {
        0 => DcCivac,
        1 => DcCvac,
        2 => DcIvac,
        3 => DcZva,
        4 => DcCvau,
        5 => IcIvau,
        6 => IcIallu,
        7 => DcIsw,
        8 => DcCisw,
        9 => TlbiVmalle1,
        10 => TlbiVae1,
        11 => TlbiVmalle1Is,
        12 => TlbiAside1,
        13 => AtS1E1R,
        14 => AtS1E1W,
        _ => AtS1E0R,
    };

    /// <summary>An MSR of a random (or randomly broken) value to a virtual memory control register.</summary>
    private static void RandomRegisterWrite(List<uint> code, Random random)
    {
        switch (random.Next(6))
        {
            case 0:
                ulong sctlr = (ulong)random.NextInt64();
                sctlr = random.Next(10) < 3 ? sctlr | 1 : sctlr & ~1UL;
                WriteSystemRegister(code, Sctlr, random.Next(4) == 0 ? RandomMmuState(random) : sctlr);
                break;
            case 1:
                WriteSystemRegister(code, Tcr, random.Next(3) == 0 ? IdentityTcr ^ (1UL << random.Next(64)) : (ulong)random.NextInt64());
                break;
            case 2:
            case 3:
                ulong ttbr = random.Next(4) switch
                {
                    0 => TableAddress,
                    1 => FuzzMachine.ImageBase + GarbageOffset + ((ulong)random.Next(0x1_0000) & ~7UL),
                    2 => Address(random),
                    _ => (ulong)random.NextInt64(),
                };
                WriteSystemRegister(code, random.Next(2) == 0 ? Ttbr0 : Ttbr1, ttbr);
                break;
            case 4:
                WriteSystemRegister(code, Mair, random.Next(2) == 0 ? IdentityMair : (ulong)random.NextInt64());
                break;
            default:
                MoveImmediate(code, 9, Address(random));
                code.Add(Msr(random.Next(2) == 0 ? Ttbr0 : Mair, random.Next(1, 10)));
                break;
        }
    }

    private static ulong RandomPsciFunction(Random random) => random.Next(8) switch
    {
        0 => 0x8400_0000, // PSCI_VERSION
        1 => 0xC400_0003, // CPU_ON
        2 => 0x8400_000A, // PSCI_FEATURES
        3 => 0x8000_0000, // SMCCC_VERSION
        4 => 0xC400_0004, // AFFINITY_INFO
        5 => (ulong)random.NextInt64(),
        6 => 0x8400_0000 | (ulong)random.Next(0x40),
        _ => 0xC400_0000 | (ulong)random.Next(0x40),
    };
}
