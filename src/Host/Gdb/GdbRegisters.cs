using System.Runtime.Intrinsics;
using System.Text;
using Emulator.Cpu.Core;

namespace Emulator.Host.Gdb;

/// <summary>
/// The registers gdb sees, numbered as the target description lists them: x0-x30 (0-30), sp
/// (31), pc (32), cpsr (33, 32 bits) of org.gnu.gdb.aarch64.core; v0-v31 (34-65, 128 bits), fpsr
/// (66), fpcr (67) of org.gnu.gdb.aarch64.fpu; then the system registers the emulator models
/// (64 bits each, Arm ARM names), read-only from gdb.
/// </summary>
public static class GdbRegisters
{
    public const int Sp = 31, Pc = 32, Cpsr = 33, V0 = 34, Fpsr = 66, Fpcr = 67, FirstSystem = 68;

    /// <summary>Registers in the 'g' packet: the core and FP/SIMD ones (system registers go by 'p').</summary>
    public const int GPacketCount = FirstSystem;

    private sealed record SystemRegister(string Name, Func<ArmCore, ulong> Read);

    private static readonly SystemRegister[] System =
    [
        new("SCTLR_EL1", c => c.Sys.SCTLR_EL1),
        new("ACTLR_EL1", c => c.Sys.ACTLR_EL1),
        new("CPACR_EL1", c => c.Sys.CPACR_EL1),
        new("TTBR0_EL1", c => c.Sys.TTBR0_EL1),
        new("TTBR1_EL1", c => c.Sys.TTBR1_EL1),
        new("TCR_EL1", c => c.Sys.TCR_EL1),
        new("MAIR_EL1", c => c.Sys.MAIR_EL1),
        new("AMAIR_EL1", c => c.Sys.AMAIR_EL1),
        new("VBAR_EL1", c => c.Sys.VBAR_EL1),
        new("ESR_EL1", c => c.Sys.ESR_EL1),
        new("FAR_EL1", c => c.Sys.FAR_EL1),
        new("ELR_EL1", c => c.Sys.ELR_EL1),
        new("SPSR_EL1", c => c.Sys.SPSR_EL1),
        new("AFSR0_EL1", c => c.Sys.AFSR0_EL1),
        new("AFSR1_EL1", c => c.Sys.AFSR1_EL1),
        new("PAR_EL1", c => c.Sys.PAR_EL1),
        new("CONTEXTIDR_EL1", c => c.Sys.CONTEXTIDR_EL1),
        new("TPIDR_EL0", c => c.Sys.TPIDR_EL0),
        new("TPIDRRO_EL0", c => c.Sys.TPIDRRO_EL0),
        new("TPIDR_EL1", c => c.Sys.TPIDR_EL1),
        new("CNTKCTL_EL1", c => c.Sys.CNTKCTL_EL1),
        new("CNTFRQ_EL0", c => c.Sys.CNTFRQ_EL0),
        new("MDSCR_EL1", c => c.Sys.MDSCR_EL1),
        new("CSSELR_EL1", c => c.Sys.CSSELR_EL1),
        new("SP_EL0", c => c.SpEl0),
        new("SP_EL1", c => c.SpEl1),
        new("CurrentEL", c => (ulong)c.CurrentEl << 2),
        new("DAIF", c => c.Daif),
        new("NZCV", c => c.Nzcv),
        new("CNTVCT_EL0", c => c.Timer.VirtualCount(c.Cycles)),
        new("CNTPCT_EL0", c => c.Timer.PhysicalCount(c.Cycles)),
        new("CNTV_CTL_EL0", c => c.Timer.Virtual.Ctl),
        new("CNTV_CVAL_EL0", c => c.Timer.Virtual.Cval),
        new("CNTP_CTL_EL0", c => c.Timer.Physical.Ctl),
        new("CNTP_CVAL_EL0", c => c.Timer.Physical.Cval),
        new("HCR_EL2", c => c.El2.HCR_EL2),
        new("VTCR_EL2", c => c.El2.VTCR_EL2),
        new("VTTBR_EL2", c => c.El2.VTTBR_EL2),
        new("CNTVOFF_EL2", c => c.El2.CNTVOFF_EL2),
        new("CNTHCTL_EL2", c => c.El2.CNTHCTL_EL2),
        new("CPTR_EL2", c => c.El2.CPTR_EL2),
        new("ESR_EL2", c => c.El2.ESR_EL2),
        new("FAR_EL2", c => c.El2.FAR_EL2),
        new("HPFAR_EL2", c => c.El2.HPFAR_EL2),
    ];

    /// <summary>All registers: the core, FP/SIMD and system ones.</summary>
    public static int Count => FirstSystem + System.Length;

    /// <summary>Size in bytes of register <paramref name="n"/>.</summary>
    public static int Size(int n) => n switch
    {
        Cpsr or Fpsr or Fpcr => 4,
        >= V0 and < Fpsr => 16,
        _ => 8,
    };

    /// <summary>Register <paramref name="n"/> as target-order hex.</summary>
    public static string Read(ArmCore core, int n)
    {
        switch (n)
        {
            case < 31:
                return GdbProtocol.LittleEndianHex(core.X[n], 8);
            case Sp:
                return GdbProtocol.LittleEndianHex(core.Sp, 8);
            case Pc:
                return GdbProtocol.LittleEndianHex(core.Pc, 8);
            case Cpsr:
                return GdbProtocol.LittleEndianHex(core.PackSpsr(), 4);
            case >= V0 and < Fpsr:
                Vector128<ulong> v = core.V[n - V0];
                return GdbProtocol.LittleEndianHex(v.GetElement(0), 8) + GdbProtocol.LittleEndianHex(v.GetElement(1), 8);
            case Fpsr:
                return GdbProtocol.LittleEndianHex(core.Fpsr, 4);
            case Fpcr:
                return GdbProtocol.LittleEndianHex(core.Fpcr, 4);
            default:
                return GdbProtocol.LittleEndianHex(System[n - FirstSystem].Read(core), 8);
        }
    }

    /// <summary>
    /// Writes register <paramref name="n"/> from <paramref name="bytes"/> (target order); null on
    /// success, else why not: system registers are read-only here, and cpsr takes NZCV and DAIF
    /// only (its mode bits would change the exception level under the guest).
    /// </summary>
    public static string? Write(ArmCore core, int n, ReadOnlySpan<byte> bytes)
    {
        if (n < 0 || n >= Count || bytes.Length != Size(n))
            return "bad register number or size";
        ulong lo = bytes.Length >= 8 ? BitConverter.ToUInt64(bytes[..8]) : BitConverter.ToUInt32(bytes);
        switch (n)
        {
            case < 31:
                core.X[n] = lo;
                return null;
            case Sp:
                core.Sp = lo;
                return null;
            case Pc:
                core.Pc = lo;
                return null;
            case Cpsr:
                const uint Nzcv = 0xF000_0000, Daif = 0x3C0;
                if (((uint)lo & ~(Nzcv | Daif)) != (core.PackSpsr() & ~(Nzcv | Daif)))
                    return "only cpsr's NZCV and DAIF can be written";
                core.Nzcv = (uint)lo & Nzcv;
                core.Daif = (uint)lo & Daif;
                return null;
            case >= V0 and < Fpsr:
                core.V[n - V0] = Vector128.Create(lo, BitConverter.ToUInt64(bytes[8..]));
                return null;
            case Fpsr:
                core.Fpsr = (uint)lo & ArmCore.FpsrMask;
                return null;
            case Fpcr:
                core.Fpcr = (uint)lo & ArmCore.FpcrMask;
                return null;
            default:
                return $"{System[n - FirstSystem].Name} is read-only from the debugger";
        }
    }

    /// <summary>The target description (qXfer:features:read:target.xml).</summary>
    public static string TargetXml { get; } = BuildTargetXml();

    private static string BuildTargetXml()
    {
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n<target version=\"1.0\">\n");
        sb.Append("<architecture>aarch64</architecture>\n");
        sb.Append("<feature name=\"org.gnu.gdb.aarch64.core\">\n");
        sb.Append("<flags id=\"cpsr_flags\" size=\"4\"><field name=\"SP\" start=\"0\" end=\"0\"/><field name=\"EL\" start=\"2\" end=\"3\"/>"
            + "<field name=\"nRW\" start=\"4\" end=\"4\"/><field name=\"F\" start=\"6\" end=\"6\"/><field name=\"I\" start=\"7\" end=\"7\"/>"
            + "<field name=\"A\" start=\"8\" end=\"8\"/><field name=\"D\" start=\"9\" end=\"9\"/><field name=\"IL\" start=\"20\" end=\"20\"/>"
            + "<field name=\"SS\" start=\"21\" end=\"21\"/><field name=\"V\" start=\"28\" end=\"28\"/><field name=\"C\" start=\"29\" end=\"29\"/>"
            + "<field name=\"Z\" start=\"30\" end=\"30\"/><field name=\"N\" start=\"31\" end=\"31\"/></flags>\n");
        for (int i = 0; i < 31; i++)
            sb.Append($"<reg name=\"x{i}\" bitsize=\"64\" regnum=\"{i}\"/>\n");
        sb.Append("<reg name=\"sp\" bitsize=\"64\" type=\"data_ptr\" regnum=\"31\"/>\n");
        sb.Append("<reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\" regnum=\"32\"/>\n");
        sb.Append("<reg name=\"cpsr\" bitsize=\"32\" type=\"cpsr_flags\" regnum=\"33\"/>\n");
        sb.Append("</feature>\n<feature name=\"org.gnu.gdb.aarch64.fpu\">\n");
        sb.Append("<vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/><vector id=\"v2u\" type=\"uint64\" count=\"2\"/>"
            + "<vector id=\"v2i\" type=\"int64\" count=\"2\"/><vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>"
            + "<vector id=\"v4u\" type=\"uint32\" count=\"4\"/><vector id=\"v4i\" type=\"int32\" count=\"4\"/>"
            + "<vector id=\"v8u\" type=\"uint16\" count=\"8\"/><vector id=\"v8i\" type=\"int16\" count=\"8\"/>"
            + "<vector id=\"v16u\" type=\"uint8\" count=\"16\"/><vector id=\"v16i\" type=\"int8\" count=\"16\"/>"
            + "<vector id=\"v1u\" type=\"uint128\" count=\"1\"/><vector id=\"v1i\" type=\"int128\" count=\"1\"/>\n"
            + "<union id=\"vnd\"><field name=\"f\" type=\"v2d\"/><field name=\"u\" type=\"v2u\"/><field name=\"s\" type=\"v2i\"/></union>"
            + "<union id=\"vns\"><field name=\"f\" type=\"v4f\"/><field name=\"u\" type=\"v4u\"/><field name=\"s\" type=\"v4i\"/></union>"
            + "<union id=\"vnh\"><field name=\"u\" type=\"v8u\"/><field name=\"s\" type=\"v8i\"/></union>"
            + "<union id=\"vnb\"><field name=\"u\" type=\"v16u\"/><field name=\"s\" type=\"v16i\"/></union>"
            + "<union id=\"vnq\"><field name=\"u\" type=\"v1u\"/><field name=\"s\" type=\"v1i\"/></union>\n"
            + "<union id=\"aarch64v\"><field name=\"d\" type=\"vnd\"/><field name=\"s\" type=\"vns\"/><field name=\"h\" type=\"vnh\"/>"
            + "<field name=\"b\" type=\"vnb\"/><field name=\"q\" type=\"vnq\"/></union>\n");
        for (int i = 0; i < 32; i++)
            sb.Append($"<reg name=\"v{i}\" bitsize=\"128\" type=\"aarch64v\" regnum=\"{V0 + i}\"/>\n");
        sb.Append($"<reg name=\"fpsr\" bitsize=\"32\" regnum=\"{Fpsr}\"/>\n<reg name=\"fpcr\" bitsize=\"32\" regnum=\"{Fpcr}\"/>\n");
        sb.Append("</feature>\n<feature name=\"org.emulator.aarch64.sysregs\">\n");
        for (int i = 0; i < System.Length; i++)
            sb.Append($"<reg name=\"{System[i].Name}\" bitsize=\"64\" regnum=\"{FirstSystem + i}\" group=\"system\"/>\n");
        sb.Append("</feature>\n</target>\n");
        return sb.ToString();
    }
}
