using System.Buffers.Binary;
using Emulator.Cpu.Core;
using Emulator.Host.Logging;
using Serilog;

namespace Emulator.Host.Hypervisor;

/// <summary>
/// Arm semihosting for A64 (HLT #0xF000; operation in W0, parameter in X1, result to X0), the
/// subset a bare-metal guest needs to print and to end the run with a status: SYS_WRITEC,
/// SYS_WRITE0, SYS_WRITE, SYS_OPEN of ":tt", SYS_ERRNO, SYS_EXIT and SYS_EXIT_EXTENDED.
/// Console output (WRITEC, WRITE0) goes to standard output. Handles: 1 is standard output and 2
/// standard error; SYS_OPEN(":tt") returns 1 for write modes and 2 for append modes.
/// </summary>
public sealed class SemihostingHandler(Stream stdout, Stream stderr)
{
    public const uint SysOpen = 0x01;
    public const uint SysWritec = 0x03;
    public const uint SysWrite0 = 0x04;
    public const uint SysWrite = 0x05;
    public const uint SysErrno = 0x13;
    public const uint SysExit = 0x18;
    public const uint SysExitExtended = 0x20;

    /// <summary>ADP_Stopped_ApplicationExit: the reason code of a normal exit.</summary>
    public const ulong ApplicationExit = 0x20026;

    private const int Einval = 22;
    private const int Efault = 14;
    private const int Enoent = 2;

    private static readonly ILogger Log = LogCategories.For(LogCategories.Semihosting);

    private int _errno;

    /// <summary>The guest's exit status after SYS_EXIT or SYS_EXIT_EXTENDED.</summary>
    public long ExitStatus { get; private set; }

    /// <summary>Handles one call; true when the guest asked to exit.</summary>
    public bool Handle(ArmCore core)
    {
        uint operation = (uint)core.X[0];
        ulong parameter = core.X[1];
        switch (operation)
        {
            case SysWritec:
                Span<byte> c = stackalloc byte[1];
                if (!core.ReadGuestMemory(parameter, c))
                    return Fault(core, operation, parameter);
                stdout.Write(c);
                return false;
            case SysWrite0:
                return WriteString(core, parameter);
            case SysWrite:
                return Write(core, parameter);
            case SysOpen:
                return Open(core, parameter);
            case SysErrno:
                core.X[0] = (ulong)_errno;
                return false;
            case SysExit:
            case SysExitExtended:
                return Exit(core, operation, parameter);
            default:
                Log.Warning("unsupported semihosting operation 0x{Operation:x} at PC 0x{Pc:x}; returning -1", operation, core.Pc - 4);
                _errno = Einval;
                core.X[0] = ulong.MaxValue;
                return false;
        }
    }

    private bool WriteString(ArmCore core, ulong address)
    {
        Span<byte> one = stackalloc byte[1];
        var text = new List<byte>();
        for (int i = 0; i < 1 << 20; i++)
        {
            if (!core.ReadGuestMemory(address + (ulong)i, one))
                return Fault(core, SysWrite0, address);
            if (one[0] == 0)
                break;
            text.Add(one[0]);
        }
        stdout.Write(text.ToArray());
        return false;
    }

    private bool Write(ArmCore core, ulong block)
    {
        Span<byte> args = stackalloc byte[24];
        if (!core.ReadGuestMemory(block, args))
            return Fault(core, SysWrite, block);
        ulong handle = BinaryPrimitives.ReadUInt64LittleEndian(args);
        ulong buffer = BinaryPrimitives.ReadUInt64LittleEndian(args[8..]);
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(args[16..]);
        Stream? target = handle switch { 1 => stdout, 2 => stderr, _ => null };
        if (target is null)
        {
            Log.Debug("SYS_WRITE to unknown handle {Handle}", handle);
            _errno = Einval;
            core.X[0] = length; // nothing written
            return false;
        }
        if (length > 1 << 24)
            return Fault(core, SysWrite, block);
        byte[] data = new byte[length];
        if (!core.ReadGuestMemory(buffer, data))
            return Fault(core, SysWrite, buffer);
        target.Write(data);
        core.X[0] = 0; // bytes not written
        return false;
    }

    private bool Open(ArmCore core, ulong block)
    {
        Span<byte> args = stackalloc byte[24];
        if (!core.ReadGuestMemory(block, args))
            return Fault(core, SysOpen, block);
        ulong name = BinaryPrimitives.ReadUInt64LittleEndian(args);
        ulong mode = BinaryPrimitives.ReadUInt64LittleEndian(args[8..]);
        ulong nameLength = BinaryPrimitives.ReadUInt64LittleEndian(args[16..]);
        Span<byte> text = stackalloc byte[3];
        if (nameLength == 3 && core.ReadGuestMemory(name, text) && text.SequenceEqual(":tt"u8) && mode >= 4 && mode <= 11)
        {
            core.X[0] = mode < 8 ? 1UL : 2UL;
            return false;
        }
        Log.Debug("SYS_OPEN of anything but \":tt\" for writing is not supported (mode {Mode})", mode);
        _errno = Enoent;
        core.X[0] = ulong.MaxValue;
        return false;
    }

    private bool Exit(ArmCore core, uint operation, ulong block)
    {
        Span<byte> args = stackalloc byte[16];
        if (!core.ReadGuestMemory(block, args))
        {
            Log.Warning("{Operation} with an unreadable parameter block at 0x{Block:x}; exiting with status 1",
                operation == SysExit ? "SYS_EXIT" : "SYS_EXIT_EXTENDED", block);
            ExitStatus = 1;
            return true;
        }
        ulong reason = BinaryPrimitives.ReadUInt64LittleEndian(args);
        ulong subcode = BinaryPrimitives.ReadUInt64LittleEndian(args[8..]);
        ExitStatus = reason == ApplicationExit ? (long)subcode : 1;
        Log.Information("guest exit: reason 0x{Reason:x}, status {Status}", reason, ExitStatus);
        return true;
    }

    private bool Fault(ArmCore core, uint operation, ulong address)
    {
        Log.Warning("semihosting operation 0x{Operation:x} passed an address not backed by RAM: 0x{Address:x}", operation, address);
        _errno = Efault;
        core.X[0] = ulong.MaxValue;
        return false;
    }

}
