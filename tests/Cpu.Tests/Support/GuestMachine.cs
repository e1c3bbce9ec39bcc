using System.Buffers.Binary;
using Emulator.Cpu.Core;
using Emulator.Mmu.Physical;

namespace Emulator.Cpu.Tests.Support;

/// <summary>
/// A minimal machine for CPU tests: 16 MiB of RAM at 0x4000_0000 on a physical bus, one core.
/// Code is written at <see cref="CodeBase"/>, the core is reset there (EL1h, MMU off) and runs
/// until it leaves <see cref="ArmCore.Run"/>; by convention a program ends with HVC #0.
/// </summary>
public sealed class GuestMachine
{
    public const ulong RamBase = 0x4000_0000;
    public const ulong RamSize = 16 * 1024 * 1024;
    public const ulong CodeBase = RamBase;

    /// <summary>A data area tests may use freely (1 MiB into RAM).</summary>
    public const ulong DataBase = RamBase + 0x10_0000;

    /// <summary>Where <see cref="InstallHvcVectors"/> puts the vector table (64 KiB into RAM).</summary>
    public const ulong VectorBase = RamBase + 0x1_0000;

    /// <summary>The end-of-program marker: HVC #0.</summary>
    public static readonly uint EndMarker = A64.Hvc(0);

    /// <summary>
    /// HVC immediates left by the vector table of <see cref="InstallHvcVectors"/>: 0x100 plus the
    /// vector's offset from VBAR divided by 0x80.
    /// </summary>
    public const ushort VectorCurrentElSp0Sync = 0x100;
    public const ushort VectorCurrentElSpxSync = 0x104;
    public const ushort VectorLowerElSync = 0x108;

    /// <summary>The translation threshold the CPU tests use: their loops run a few hundred times.</summary>
    public const int TestHotBlockEntries = 64;

    public GuestMachine(CpuConfiguration? configuration = null)
    {
        Ram = new Ram(RamBase, RamSize);
        Bus = new PhysicalAddressSpace(Ram);
        Core = new ArmCore(Bus, configuration ?? new CpuConfiguration { HotBlockEntries = TestHotBlockEntries });
        Core.Reset(CodeBase);
    }

    public Ram Ram { get; }

    public PhysicalAddressSpace Bus { get; }

    public ArmCore Core { get; }

    public CpuExit LastExit { get; private set; }

    /// <summary>Builds a machine with <paramref name="code"/> at <see cref="CodeBase"/>, the core reset to it.</summary>
    public static GuestMachine Load(IEnumerable<uint> code, CpuConfiguration? configuration = null)
    {
        var machine = new GuestMachine(configuration);
        machine.WriteWords(CodeBase, code);
        return machine;
    }

    /// <summary>
    /// Runs <paramref name="code"/> followed by HVC #0 and checks that the program reached it.
    /// </summary>
    public static GuestMachine Execute(params uint[] code)
    {
        GuestMachine machine = Load([.. code, EndMarker]);
        machine.RunToEnd();
        return machine;
    }

    public static GuestMachine Execute(CodeBuilder code) => Execute(code.Build());

    /// <summary>Runs and asserts that the program ended at its HVC #0 marker.</summary>
    public void RunToEnd(ulong budget = 1_000_000)
    {
        CpuExit exit = Run(budget);
        Assert.True(exit == CpuExit.HypervisorCall && Core.ExitImmediate == 0,
            $"expected the program to reach HVC #0, got {exit} (imm 0x{Core.ExitImmediate:x}) at PC 0x{Core.Pc:x}, " +
            $"ESR_EL1 0x{Core.Sys.ESR_EL1:x}, ELR_EL1 0x{Core.Sys.ELR_EL1:x}");
    }

    public CpuExit Run(ulong budget = 1_000_000)
    {
        LastExit = Core.Run(budget);
        return LastExit;
    }

    /// <summary>
    /// Writes a vector table at <paramref name="vbar"/> whose 16 entries each hold
    /// HVC #(0x100 + entry index), and points VBAR_EL1 at it. An exception then ends the run
    /// with <see cref="CpuExit.HypervisorCall"/> and tells which vector was taken.
    /// </summary>
    public void InstallHvcVectors(ulong vbar = VectorBase)
    {
        for (int i = 0; i < 16; i++)
            WriteWords(vbar + (ulong)i * 0x80, [A64.Hvc(0x100 + (uint)i)]);
        Core.Sys.VBAR_EL1 = vbar;
    }

    /// <summary>Runs and asserts that the run ended in the given vector of an HVC vector table.</summary>
    public void RunToVector(ushort vector, ulong budget = 1_000_000)
    {
        CpuExit exit = Run(budget);
        Assert.True(exit == CpuExit.HypervisorCall && Core.ExitImmediate == vector,
            $"expected vector HVC #0x{vector:x}, got {exit} (imm 0x{Core.ExitImmediate:x}) at PC 0x{Core.Pc:x}, " +
            $"ESR_EL1 0x{Core.Sys.ESR_EL1:x}, ELR_EL1 0x{Core.Sys.ELR_EL1:x}");
    }

    // ---- State ----

    public ulong X(int n) => Core.X[n];

    public uint W(int n) => (uint)Core.X[n];

    public ulong Sp => Core.Sp;

    public uint Nzcv => Core.Nzcv;

    public bool N => (Core.Nzcv & 0x8000_0000) != 0;

    public bool Z => (Core.Nzcv & 0x4000_0000) != 0;

    public bool C => (Core.Nzcv & 0x2000_0000) != 0;

    public bool V => (Core.Nzcv & 0x1000_0000) != 0;

    public ulong Esr => Core.Sys.ESR_EL1;

    public ulong Elr => Core.Sys.ELR_EL1;

    public ulong Far => Core.Sys.FAR_EL1;

    public ulong Spsr => Core.Sys.SPSR_EL1;

    /// <summary>ESR_ELx.EC, bits [31:26].</summary>
    public uint ExceptionClass => (uint)(Core.Sys.ESR_EL1 >> 26) & 0x3F;

    // ---- Memory (physical) ----

    public void WriteWords(ulong address, IEnumerable<uint> words)
    {
        foreach (uint w in words)
        {
            Write32(address, w);
            address += 4;
        }
    }

    public void WriteBytes(ulong address, ReadOnlySpan<byte> bytes) => Ram.Write(address, bytes);

    public byte[] ReadBytes(ulong address, int count)
    {
        byte[] buffer = new byte[count];
        Ram.Read(address, buffer);
        return buffer;
    }

    public void Write8(ulong address, byte value) => Ram.Write(address, [value]);

    public void Write16(ulong address, ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        Ram.Write(address, b);
    }

    public void Write32(ulong address, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        Ram.Write(address, b);
    }

    public void Write64(ulong address, ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        Ram.Write(address, b);
    }

    public byte Read8(ulong address) => ReadBytes(address, 1)[0];

    public ushort Read16(ulong address) => BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(address, 2));

    public uint Read32(ulong address) => BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(address, 4));

    public ulong Read64(ulong address) => BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(address, 8));
}
