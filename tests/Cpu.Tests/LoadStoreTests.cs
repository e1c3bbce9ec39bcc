using Emulator.Cpu.Tests.Support;
using Emulator.Mmu.Physical;
using static Emulator.Cpu.Tests.Support.A64;
using static Emulator.Cpu.Tests.Support.Snippets;

namespace Emulator.Cpu.Tests;

/// <summary>Single-register loads and stores in every addressing mode, literals, pairs, MMIO.</summary>
public sealed class LoadStoreTests
{
    private const ulong Data = GuestMachine.DataBase;
    private const ulong Garbage = 0xDEAD_BEEF_DEAD_BEEF;

    private static GuestMachine Run(Action<GuestMachine> setup, params uint[] code)
    {
        var prefill = new List<uint>();
        for (int r = 2; r <= 20; r++)
            prefill.AddRange(MovImm(X(r), Garbage));
        GuestMachine m = GuestMachine.Load([.. prefill, .. code, GuestMachine.EndMarker]);
        setup(m);
        m.RunToEnd();
        return m;
    }

    [Fact]
    public void Loads_UnsignedOffset_AllSizesAndExtensions()
    {
        var m = Run(
            mm =>
            {
                mm.Write64(Data, 0x8877_6655_4433_2211);
                mm.Write64(Data + 8, 0xFFEE_DDCC_BBAA_9988);
                mm.Write64(Data + 32760, 0x0BAD_F00D_CAFE_D00D);
                mm.Write8(Data + 4095, 0x5A);
            },
            [.. MovImm(X1, Data),
            Ldr(X2, Mem(X1, 8)),
            Ldr(W3, Mem(X1, 4)),
            Ldrb(W4, Mem(X1, 7)),
            Ldrh(W5, Mem(X1, 6)),
            Ldrsb(X6, Mem(X1, 7)),
            Ldrsb(W7, Mem(X1, 7)),
            Ldrsh(X8, Mem(X1, 6)),
            Ldrsh(W9, Mem(X1, 6)),
            Ldrsw(X10, Mem(X1, 4)),
            Ldrsb(X11, Mem(X1, 0)),
            Ldrsw(X12, Mem(X1, 0)),
            Ldr(X13, Mem(X1, 32760)),            // largest scaled offset: 4095 * 8
            Ldrb(W14, Mem(X1, 4095)),
            Ldrsh(X15, Mem(X1, 0)),
            .. MovImm(X17, Data + 0x8_0000),
            Ldr(X16, Mem(X17))]);                // never-written RAM reads as zero
        Assert.Equal(0xFFEE_DDCC_BBAA_9988UL, m.X(2));
        Assert.Equal(0x8877_6655UL, m.X(3));
        Assert.Equal(0x88UL, m.X(4));
        Assert.Equal(0x8877UL, m.X(5));
        Assert.Equal(0xFFFF_FFFF_FFFF_FF88UL, m.X(6));
        Assert.Equal(0x0000_0000_FFFF_FF88UL, m.X(7));
        Assert.Equal(0xFFFF_FFFF_FFFF_8877UL, m.X(8));
        Assert.Equal(0x0000_0000_FFFF_8877UL, m.X(9));
        Assert.Equal(0xFFFF_FFFF_8877_6655UL, m.X(10));
        Assert.Equal(0x11UL, m.X(11));
        Assert.Equal(0x4433_2211UL, m.X(12));
        Assert.Equal(0x0BAD_F00D_CAFE_D00DUL, m.X(13));
        Assert.Equal(0x5AUL, m.X(14));
        Assert.Equal(0x2211UL, m.X(15));
        Assert.Equal(0UL, m.X(16));
    }

    [Fact]
    public void Stores_AllSizes_WriteOnlyTheirBytes()
    {
        var m = Run(
            mm =>
            {
                for (ulong i = 0; i < 4; i++)
                    mm.Write64(Data + 0x100 + i * 8, 0xAAAA_AAAA_AAAA_AAAA);
            },
            [.. MovImm(X1, Data), .. MovImm(X2, 0x0123_4567_89AB_CDEF),
            Strb(W2, Mem(X1, 0x100)),
            Strh(W2, Mem(X1, 0x102)),
            Str(W2, Mem(X1, 0x104)),
            Str(X2, Mem(X1, 0x108)),
            Str(XZR, Mem(X1, 0x118)),
            Strb(WZR, Mem(X1, 0x111))]);
        Assert.Equal(0x89AB_CDEF_CDEF_AAEFUL, m.Read64(Data + 0x100));
        Assert.Equal(0x0123_4567_89AB_CDEFUL, m.Read64(Data + 0x108));
        Assert.Equal(0xAAAA_AAAA_AAAA_00AAUL, m.Read64(Data + 0x110));
        Assert.Equal(0UL, m.Read64(Data + 0x118));
    }

    [Fact]
    public void PreAndPostIndex_WriteBackTheBase()
    {
        var m = Run(
            mm => mm.Write64(Data + 0x300, 0x1122_3344_5566_7788),
            [.. MovImm(X1, Data + 0x200), .. MovImm(X2, 0xAAAA), .. MovImm(X3, 0xBBBB),
            Str(X2, Pre(X1, 16)),           // [Data+0x210] = X2, X1 = Data+0x210
            Mov(X17, X1),
            Str(X3, Post(X1, -8)),          // [Data+0x210] = X3, X1 = Data+0x208
            Mov(X18, X1),
            Ldr(X4, Pre(X1, 8)),            // X4 = [Data+0x210], X1 = Data+0x210
            Ldr(X5, Post(X1, 240)),         // X5 = [Data+0x210], X1 = Data+0x300
            Ldr(X6, Post(X1, -256)),        // X6 = [Data+0x300], X1 = Data+0x200
            .. MovImm(X7, Data + 0x218),
            Ldr(X8, Mem(X7, -8)),           // LDUR from Data+0x210
            .. MovImm(X9, Data + 0x400),
            Ldrb(W10, Pre(X9, -255)),       // X9 = Data+0x301: 0x77
            Ldrsb(X11, Post(X9, 1)),        // 0x77 again, X9 = Data+0x302
            Ldrsh(W12, Post(X9, -2)),       // 0x5566, X9 = Data+0x300
            Ldrsw(X13, Pre(X9, 4)),         // 0x11223344, X9 = Data+0x304
            .. MovImm(X14, 0xFEDC),
            Strh(W14, Pre(X9, 0x1A)),       // [Data+0x31E] = 0xFEDC
            Strb(W14, Post(X9, 1)),         // [Data+0x31E] = 0xDC
            Ldrh(W15, MemUnscaled(X9, -1)), // Data+0x31E: 0xFEDC with low byte replaced
            ]);
        Assert.Equal(0xBBBBUL, m.Read64(Data + 0x210));
        Assert.Equal(Data + 0x210, m.X(17));
        Assert.Equal(Data + 0x208, m.X(18));
        Assert.Equal(0xBBBBUL, m.X(4));
        Assert.Equal(0xBBBBUL, m.X(5));
        Assert.Equal(0x1122_3344_5566_7788UL, m.X(6));
        Assert.Equal(Data + 0x200, m.X(1));
        Assert.Equal(0xBBBBUL, m.X(8));
        Assert.Equal(0x77UL, m.X(10));
        Assert.Equal(0x77UL, m.X(11));
        Assert.Equal(0x5566UL, m.X(12));
        Assert.Equal(0x1122_3344UL, m.X(13));
        Assert.Equal(Data + 0x31F, m.X(9));
        Assert.Equal(0xFEDCUL, m.X(15));
        Assert.Equal((ushort)0xFEDC, m.Read16(Data + 0x31E));
    }

    [Fact]
    public void RegisterOffset_AllExtendsAndShifts()
    {
        var m = Run(
            mm =>
            {
                for (ulong i = 0; i < 16; i++)
                    mm.Write64(Data + 0x3F0 + i * 8, 0x0101_0101_0101_0101UL * (i + 1));
            },
            [.. MovImm(X1, Data + 0x400),                       // element i (i >= -2) at X1 + 8i holds (i + 3) * 0x0101..
            Movz(X2, 5), Ldr(X3, MemReg(X1, X2, Extend.UXTX, true)),    // LSL #3: element 5
            Movz(X2, 16), Ldr(X4, MemReg(X1, X2)),                     // +16: element 2
            .. MovImm(X2, 0xFFFF_FFFF_0000_0003), Ldr(W5, MemReg(X1, W2, Extend.UXTW, true)),  // +12: high word of element 1
            .. MovImm(X2, 0x0000_0000_FFFF_FFFF), Ldr(X6, MemReg(X1, W2, Extend.SXTW, true)),  // -8: element -1
            .. MovImm(X2, unchecked((ulong)-16L)), Ldr(X7, MemReg(X1, X2, Extend.SXTX)),       // -16: element -2
            Movz(X2, 9), Ldrb(W8, MemReg(X1, X2, Extend.UXTX, true)),   // byte 9 (shift is 0 for bytes)
            Movz(X2, 3), Ldrh(W10, MemReg(X1, X2, Extend.UXTX, true)),  // +6
            .. MovImm(X2, 0xFFFF_FFFF), Ldrsh(X11, MemReg(X1, W2, Extend.SXTW, true)),       // -2: top half of element -1
            .. MovImm(X12, 0x1234), Movz(X2, 7), Str(X12, MemReg(X1, X2, Extend.UXTX, true)), // element 7
            Movz(X2, 8), Ldrsw(X13, MemReg(X1, X2, Extend.UXTX, true)), // +32: element 4 low word
            Movz(X2, 0x18), Strh(W12, MemReg(X1, W2, Extend.UXTW))]);  // +0x18
        Assert.Equal(0x0808_0808_0808_0808UL, m.X(3));
        Assert.Equal(0x0505_0505_0505_0505UL, m.X(4));
        Assert.Equal(0x0404_0404UL, m.X(5));
        Assert.Equal(0x0202_0202_0202_0202UL, m.X(6));
        Assert.Equal(0x0101_0101_0101_0101UL, m.X(7));
        Assert.Equal(0x04UL, m.X(8));
        Assert.Equal(0x0303UL, m.X(10));
        Assert.Equal(0x0202UL, m.X(11));
        Assert.Equal(0x1234UL, m.Read64(Data + 0x400 + 56));
        Assert.Equal(0x0707_0707UL, m.X(13));
        Assert.Equal(0x0606_0606_0606_1234UL, m.Read64(Data + 0x418));
    }

    [Fact]
    public void UnprivilegedLoadsAndStores_AtEl1WithMmuOff_BehaveAsNormal()
    {
        var m = Run(
            mm => mm.Write64(Data + 0x500, 0x8000_0000_0000_00F0),
            [.. MovImm(X1, Data + 0x508),
            Ldr(X2, MemUnprivileged(X1, -8)),
            Ldrsb(X3, MemUnprivileged(X1, -8)),
            Str(W2, MemUnprivileged(X1, 0))]);
        Assert.Equal(0x8000_0000_0000_00F0UL, m.X(2));
        Assert.Equal(0xFFFF_FFFF_FFFF_FFF0UL, m.X(3));
        Assert.Equal(0xF0UL, m.Read64(Data + 0x508));
    }

    [Fact]
    public void LoadLiteral_ForwardAndBackward()
    {
        var code = new CodeBuilder()
            .Emit("start", off => B(off))
            .PadTo(8)
            .Label("back64").Emit(0x5566_7788u, 0x1122_3344u)
            .Label("start")
            .Emit(MovImm(X1, Garbage)).Emit(MovImm(X2, Garbage))
            .Emit("lit64", off => LdrLiteral(X0, off))
            .Emit("lit32", off => LdrLiteral(W1, off))
            .Emit("lit32", off => LdrswLiteral(X2, off))
            .Emit("back64", off => LdrLiteral(X3, off))
            .Emit("lit32b", off => LdrswLiteral(X4, off))
            .Emit(GuestMachine.EndMarker)
            .PadTo(0x80)
            .Label("lit64").Emit(0x9ABC_DEF0u, 0x1234_5678u)
            .Label("lit32").Emit(0x8000_0001u)
            .Label("lit32b").Emit(0x7FFF_FFFFu);
        var m = GuestMachine.Load(code.Build());
        m.RunToEnd();
        Assert.Equal(0x1234_5678_9ABC_DEF0UL, m.X(0));
        Assert.Equal(0x8000_0001UL, m.X(1));
        Assert.Equal(0xFFFF_FFFF_8000_0001UL, m.X(2));
        Assert.Equal(0x1122_3344_5566_7788UL, m.X(3));
        Assert.Equal(0x7FFF_FFFFUL, m.X(4));
    }

    [Fact]
    public void Pairs_AllModes()
    {
        var m = Run(
            mm =>
            {
                mm.Write32(Data + 0x648, 0x8000_0000);
                mm.Write32(Data + 0x64C, 0x7FFF_FFFF);
                mm.Write32(Data + 0x650, 0xFFFF_FFFF);
                mm.Write32(Data + 0x654, 0x0000_0001);
            },
            [.. MovImm(X1, Data + 0x600), .. MovImm(X2, 0x2222_2222_2222_2222), .. MovImm(X3, 0x3333_3333_3333_3333),
            Stp(X2, X3, X1, 16),                                  // offset
            Ldp(X4, X5, X1, 16),
            Stp(W3, W2, X1, 0x40),                                // 32-bit pair
            Ldp(W6, W7, X1, 0x40),
            Ldpsw(X8, X9, X1, 0x48),
            Ldpsw(X10, X11, X1, 0x10, A64.PairMode.PreIndex),     // X1 = Data+0x610: 0x22222222 twice
            Ldp(X12, X13, X1, -16, A64.PairMode.PostIndex),       // loads Data+0x610, X1 = Data+0x600
            Stnp(X3, X2, X1, 0x20),
            Ldnp(X14, X15, X1, 0x20),
            Stp(X3, X3, X1, -0x200, A64.PairMode.PreIndex),       // X1 = Data+0x400
            Mov(X16, X1),
            Ldp(W17, W18, X1, 0xFC, A64.PairMode.PostIndex)]);    // loads Data+0x400, X1 = Data+0x4FC
        Assert.Equal(0x2222_2222_2222_2222UL, m.Read64(Data + 0x610));
        Assert.Equal(0x3333_3333_3333_3333UL, m.Read64(Data + 0x618));
        Assert.Equal(0x2222_2222_2222_2222UL, m.X(4));
        Assert.Equal(0x3333_3333_3333_3333UL, m.X(5));
        Assert.Equal(0x2222_2222_3333_3333UL, m.Read64(Data + 0x640));
        Assert.Equal(0x3333_3333UL, m.X(6));
        Assert.Equal(0x2222_2222UL, m.X(7));
        Assert.Equal(0xFFFF_FFFF_8000_0000UL, m.X(8));
        Assert.Equal(0x7FFF_FFFFUL, m.X(9));
        Assert.Equal(0x2222_2222UL, m.X(10));
        Assert.Equal(0x2222_2222UL, m.X(11));
        Assert.Equal(0x2222_2222_2222_2222UL, m.X(12));
        Assert.Equal(0x3333_3333_3333_3333UL, m.X(13));
        Assert.Equal(0x3333_3333_3333_3333UL, m.X(14));
        Assert.Equal(0x2222_2222_2222_2222UL, m.X(15));
        Assert.Equal(Data + 0x400, m.X(16));
        Assert.Equal(0x3333_3333UL, m.X(17));
        Assert.Equal(0x3333_3333UL, m.X(18));
        Assert.Equal(Data + 0x4FC, m.X(1));
    }

    [Fact]
    public void Ldpsw_SignExtendsBothWords()
    {
        var m = Run(
            mm => { mm.Write32(Data + 0x650, 0xFFFF_FFFF); mm.Write32(Data + 0x654, 0x0000_0001); },
            [.. MovImm(X1, Data + 0x658), Ldpsw(X2, X3, X1, -8)]);
        Assert.Equal(ulong.MaxValue, m.X(2));
        Assert.Equal(1UL, m.X(3));
    }

    [Fact]
    public void StackPointer_AsBaseRegister_PushAndPop()
    {
        var m = Run(
            _ => { },
            [.. SetSp(Data + 0x1000), .. MovImm(X1, 0x1111), .. MovImm(X2, 0x2222), .. MovImm(X3, 0x3333),
            Stp(X1, X2, SP, -16, A64.PairMode.PreIndex),
            Str(X3, Pre(SP, -16)),
            MovSp(X10, SP),
            Ldr(X4, Mem(SP)),
            Ldr(X5, Mem(SP, 16)),
            Ldr(W6, Mem(SP, 24)),
            Ldr(X7, Post(SP, 16)),
            Ldp(X8, X9, SP, 16, A64.PairMode.PostIndex),
            .. MovImm(X12, unchecked((ulong)-8L)),
            Ldr(X11, MemReg(SP, X12, Extend.SXTX)),              // SP - 8: the X2 pushed first
            ]);
        Assert.Equal(Data + 0x1000 - 32, m.X(10));
        Assert.Equal(0x3333UL, m.X(4));
        Assert.Equal(0x1111UL, m.X(5));
        Assert.Equal(0x2222UL, m.X(6));
        Assert.Equal(0x3333UL, m.X(7));
        Assert.Equal(0x1111UL, m.X(8));
        Assert.Equal(0x2222UL, m.X(9));
        Assert.Equal(0x2222UL, m.X(11));
        Assert.Equal(Data + 0x1000, m.Sp);
    }

    [Fact]
    public void Mmio_LoadsAndStoresReachTheDevice()
    {
        var device = new RecordingDevice();
        var m = GuestMachine.Load([
            .. MovImm(X1, 0x0900_0000),
            Ldr(W2, Mem(X1, 0x10)),
            Ldrb(W3, Mem(X1, 0x21)),
            .. MovImm(X4, 0x1234_5678_9ABC_DEF0),
            Str(X4, Mem(X1, 0x18)),
            Strh(W4, Mem(X1, 0x2)),
            GuestMachine.EndMarker,
        ]);
        m.Bus.AddMmio(0x0900_0000, 0x1000, device);
        m.RunToEnd();
        Assert.Equal(0xC0DE_0010UL, m.X(2));
        Assert.Equal(0xC0DE_0021UL & 0xFF, m.X(3));
        Assert.Equal([(false, 0x10UL, 4, 0UL), (false, 0x21UL, 1, 0UL), (true, 0x18UL, 8, 0x1234_5678_9ABC_DEF0UL), (true, 0x2UL, 2, 0xDEF0UL)], device.Log);
    }

    /// <summary>A device that answers reads with 0xC0DE0000 | offset (truncated to the size) and logs every access.</summary>
    internal sealed class RecordingDevice(bool fail = false) : IMmioDevice
    {
        public string Name => "recorder";

        public List<(bool Write, ulong Offset, int Size, ulong Value)> Log { get; } = [];

        public bool Read(ulong offset, int size, out ulong value)
        {
            Log.Add((false, offset, size, 0));
            value = (0xC0DE_0000UL | offset) & (size == 8 ? ulong.MaxValue : (1UL << (8 * size)) - 1);
            return !fail;
        }

        public bool Write(ulong offset, int size, ulong value)
        {
            Log.Add((true, offset, size, value));
            return !fail;
        }
    }
}
