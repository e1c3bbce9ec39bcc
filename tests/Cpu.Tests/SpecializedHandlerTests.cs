using Emulator.Cpu.Core;
using Emulator.Cpu.Decoding;
using Emulator.Cpu.Tests.Support;

namespace Emulator.Cpu.Tests;

/// <summary>
/// The specialized handlers the decode cache uses for the hottest forms behave exactly as the
/// decode table's handlers: for random words of every specialized row (each row's own bits fixed,
/// the rest random, so every variant and the UNDEFINED words that must stay generic all occur) and
/// random registers and flags, both handlers run on identical machines and must leave the same
/// registers, SP, flags, next PC, exception state and memory. Seeded; the seed is in the message.
/// </summary>
public sealed unsafe class SpecializedHandlerTests
{
    private static readonly string[] Rows =
    [
        "ADD/SUB (immediate)", "ADD/SUB (shifted register)", "Logical (shifted register)",
        "Load/store (unsigned offset)", "Load/store (register offset)", "Load/store (imm9)", "Load/store pair", "B.cond",
    ];

    private const ulong Window = GuestMachine.DataBase - 0x1000;
    private const int WindowSize = 0xC000;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void Specialized_handlers_match_the_table_handlers(int rowIndex)
    {
        A64Encoding row = A64Decoder.Instance.Table.Single(e => e.Name == Rows[rowIndex]);
        int seed = 1000 + rowIndex;
        var random = new Random(seed);
        int specializedSeen = 0;
        for (int i = 0; i < 3000; i++)
        {
            uint insn = row.Value | ((uint)random.NextInt64(0, 1L << 32) & ~row.Mask);
            if (A64Decoder.Instance.Find(insn) != row)
                continue; // an earlier row takes this word
            delegate*<ArmCore, uint, void> specialized = Specializer.Select(insn, row);
            if ((nint)specialized == (nint)row.Handler)
                continue;
            specializedSeen++;
            GuestMachine a = Machine(random.Next()), b = Machine(a);
            row.Handler(a.Core, insn);
            specialized(b.Core, insn);
            string what = $"seed {seed}, word 0x{insn:x8}";
            Assert.True(((ReadOnlySpan<ulong>)a.Core.X).SequenceEqual(b.Core.X), $"{what}: registers differ");
            Assert.True(a.Core.Sp == b.Core.Sp, $"{what}: SP 0x{a.Core.Sp:x} vs 0x{b.Core.Sp:x}");
            Assert.True(a.Core.Nzcv == b.Core.Nzcv, $"{what}: NZCV");
            Assert.True(a.Core.NextPc == b.Core.NextPc, $"{what}: next PC 0x{a.Core.NextPc:x} vs 0x{b.Core.NextPc:x}");
            Assert.True(a.Core.Sys.ESR_EL1 == b.Core.Sys.ESR_EL1 && a.Core.Sys.FAR_EL1 == b.Core.Sys.FAR_EL1, $"{what}: exception state");
            Assert.True(a.ReadBytes(Window, WindowSize).AsSpan().SequenceEqual(b.ReadBytes(Window, WindowSize)), $"{what}: memory differs");
        }
        Assert.True(specializedSeen > 500, $"only {specializedSeen} specialized words were tried");
    }

    /// <summary>A machine whose registers mostly point into the data window (so loads and stores reach RAM), some anywhere.</summary>
    private static GuestMachine Machine(int seed)
    {
        var random = new Random(seed);
        var m = new GuestMachine();
        byte[] data = new byte[WindowSize];
        random.NextBytes(data);
        m.WriteBytes(Window, data);
        for (int r = 0; r < 31; r++)
        {
            m.Core.X[r] = random.Next(8) switch
            {
                0 => (ulong)random.NextInt64(),
                1 => (ulong)random.Next(0x200),
                _ => GuestMachine.DataBase + (ulong)random.Next(0x1000),
            };
        }
        m.Core.Sp = GuestMachine.DataBase + (ulong)random.Next(0x1000) & (random.Next(4) == 0 ? ~0UL : ~0xFUL);
        m.Core.Sys.SCTLR_EL1 |= random.Next(2) == 0 ? 1UL << 3 : 0; // SP alignment checking on or off
        m.Core.Nzcv = (uint)random.Next(16) << 28;
        m.Core.NextPc = m.Core.Pc + 4;
        return m;
    }

    /// <summary>A copy of <paramref name="other"/>'s registers, flags and data window.</summary>
    private static GuestMachine Machine(GuestMachine other)
    {
        var m = new GuestMachine();
        m.WriteBytes(Window, other.ReadBytes(Window, WindowSize));
        ((ReadOnlySpan<ulong>)other.Core.X).CopyTo(m.Core.X);
        m.Core.Sp = other.Core.Sp;
        m.Core.Sys.SCTLR_EL1 = other.Core.Sys.SCTLR_EL1;
        m.Core.Nzcv = other.Core.Nzcv;
        m.Core.NextPc = other.Core.NextPc;
        return m;
    }
}
