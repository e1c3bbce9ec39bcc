using System.Buffers.Binary;

namespace Emulator.Devices.Pci;

/// <summary>
/// One PCI function's configuration space (PCI Local Bus 3.0 §6.1, type 0 header), as QEMU's
/// hw/pci/pci.c keeps it: the bytes, and a write mask per byte (<c>wmask</c>) that decides what a
/// configuration write may change; everything else is read-only and ignores writes. 256 bytes for
/// a conventional function, 4096 for a PCI Express one; offsets past the end are the ECAM's
/// business (<see cref="PciEcam"/> reads them as all ones). Memory BARs are 32-bit with a
/// power-of-two size: their writable bits are the address bits above the size, so that writing all
/// ones and reading back gives the size mask (BAR sizing), and the low bits report the type.
/// <see cref="DecodeChanged"/> fires after any write to the command register or a BAR: the board
/// then maps or unmaps the BARs (<see cref="BarAddress"/>).
/// </summary>
public class PciFunction
{
    public const int ConventionalConfigSize = 0x100, ExpressConfigSize = 0x1000;

    public const int VendorId = 0x00, DeviceId = 0x02, Command = 0x04, Status = 0x06, RevisionId = 0x08, ClassCode = 0x09;
    public const int CacheLineSize = 0x0C, LatencyTimer = 0x0D, HeaderType = 0x0E, Bar0 = 0x10, SubsystemVendorId = 0x2C;
    public const int SubsystemId = 0x2E, CapabilitiesPointer = 0x34, InterruptLine = 0x3C, InterruptPin = 0x3D;

    /// <summary>Command register bits: I/O space, memory space, bus master, parity error response, SERR# enable, INTx disable.</summary>
    public const ushort CommandIo = 0x0001, CommandMemory = 0x0002, CommandMaster = 0x0004, CommandParity = 0x0040;
    public const ushort CommandSerr = 0x0100, CommandIntxDisable = 0x0400;

    /// <summary>Status: a capabilities list is present.</summary>
    public const ushort StatusCapabilities = 0x0010;

    /// <summary>BAR type bits: memory space, 32-bit, prefetchable.</summary>
    public const uint BarMemoryPrefetchable = 0x08;

    private readonly byte[] _config;
    private readonly byte[] _wmask;
    private readonly byte[] _reset;
    private readonly ulong[] _barSizes = new ulong[6];

    /// <param name="classCode">Base class, sub-class and programming interface (e.g. 0x038000).</param>
    public PciFunction(string name, ushort vendor, ushort device, uint classCode, byte revision, ushort subsystemVendor, ushort subsystem, int configSize)
    {
        if (configSize is not (ConventionalConfigSize or ExpressConfigSize))
            throw new ArgumentOutOfRangeException(nameof(configSize), configSize, "configuration space is 256 or 4096 bytes");
        Name = name;
        _config = new byte[configSize];
        _wmask = new byte[configSize];
        Set16(VendorId, vendor);
        Set16(DeviceId, device);
        _config[RevisionId] = revision;
        _config[ClassCode] = (byte)classCode;
        _config[ClassCode + 1] = (byte)(classCode >> 8);
        _config[ClassCode + 2] = (byte)(classCode >> 16);
        Set16(SubsystemVendorId, subsystemVendor);
        Set16(SubsystemId, subsystem);
        // QEMU's pci_init_wmask: the command bits a function implements, cache line size, interrupt line.
        ushort command = CommandIo | CommandMemory | CommandMaster | CommandParity | CommandSerr | CommandIntxDisable;
        _wmask[Command] = (byte)command;
        _wmask[Command + 1] = (byte)(command >> 8);
        _wmask[CacheLineSize] = 0xFF;
        _wmask[InterruptLine] = 0xFF;
        _reset = (byte[])_config.Clone();
    }

    public string Name { get; }

    public int ConfigSize => _config.Length;

    /// <summary>Fired after a configuration write to the command register or a BAR.</summary>
    public event Action<PciFunction>? DecodeChanged;

    public ushort CommandRegister => Get16(Command);

    /// <summary>Whether the function responds to memory accesses (command bit 1).</summary>
    public bool MemoryDecode => (CommandRegister & CommandMemory) != 0;

    /// <summary>Size of BAR <paramref name="index"/> in bytes (0: not implemented).</summary>
    public ulong BarSize(int index) => _barSizes[index];

    /// <summary>The BAR's programmed address, whatever the command register says.</summary>
    public uint BarValue(int index) => BinaryPrimitives.ReadUInt32LittleEndian(_config.AsSpan(Bar0 + 4 * index)) & ~0xFu;

    /// <summary>
    /// Where BAR <paramref name="index"/> decodes on the PCI bus, or null: memory decode off, the BAR
    /// not implemented, or its range wrapping or reaching 0xFFFFFFFF (QEMU's pci_bar_address treats
    /// those as unmapped, so the all-ones of BAR sizing never maps anything).
    /// </summary>
    public ulong? BarAddress(int index)
    {
        ulong size = _barSizes[index];
        if (size == 0 || !MemoryDecode)
            return null;
        ulong address = BarValue(index) & ~(size - 1);
        ulong last = address + size - 1;
        return last >= 0xFFFF_FFFF ? null : address;
    }

    /// <summary>Declares BAR <paramref name="index"/> a 32-bit memory BAR of <paramref name="size"/> bytes (a power of two, at least 16).</summary>
    protected void DefineMemoryBar(int index, ulong size, bool prefetchable)
    {
        if (size < 16 || size > 1UL << 31 || (size & (size - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(size), size, "a 32-bit memory BAR is a power of two from 16 bytes to 2 GiB");
        _barSizes[index] = size;
        uint type = prefetchable ? BarMemoryPrefetchable : 0;
        uint mask = ~(uint)(size - 1) & ~0xFu;
        BinaryPrimitives.WriteUInt32LittleEndian(_config.AsSpan(Bar0 + 4 * index), type);
        BinaryPrimitives.WriteUInt32LittleEndian(_wmask.AsSpan(Bar0 + 4 * index), mask);
        _reset[Bar0 + 4 * index] = (byte)type;
    }

    /// <summary>Adds a read-only capability structure at <paramref name="offset"/> (first in the list; its next pointer is taken from the current head).</summary>
    protected void AddCapability(int offset, ReadOnlySpan<byte> body)
    {
        body.CopyTo(_config.AsSpan(offset));
        _config[offset + 1] = _config[CapabilitiesPointer];
        _config[CapabilitiesPointer] = (byte)offset;
        Set16(Status, (ushort)(Get16(Status) | StatusCapabilities));
        Array.Copy(_config, _reset, _config.Length);
    }

    /// <summary>Reads <paramref name="size"/> (1, 2 or 4) bytes at <paramref name="offset"/>, which the caller keeps inside the space.</summary>
    public uint ReadConfig(int offset, int size)
    {
        uint value = 0;
        for (int i = 0; i < size; i++)
            value |= (uint)_config[offset + i] << (8 * i);
        return value;
    }

    /// <summary>Writes <paramref name="size"/> bytes at <paramref name="offset"/> through the write mask (QEMU's pci_default_write_config).</summary>
    public void WriteConfig(int offset, int size, uint value)
    {
        bool decode = false;
        for (int i = 0; i < size; i++)
        {
            int a = offset + i;
            byte mask = _wmask[a];
            _config[a] = (byte)((_config[a] & ~mask) | ((byte)(value >> (8 * i)) & mask));
            decode |= a is Command or Command + 1 || a is >= Bar0 and < Bar0 + 24;
        }
        if (decode)
            DecodeChanged?.Invoke(this);
    }

    /// <summary>Power-on state: command 0, BARs 0, interrupt line 0.</summary>
    public virtual void Reset()
    {
        Array.Copy(_reset, _config, _config.Length);
        DecodeChanged?.Invoke(this);
    }

    private void Set16(int offset, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(_config.AsSpan(offset), value);

    private ushort Get16(int offset) => BinaryPrimitives.ReadUInt16LittleEndian(_config.AsSpan(offset));
}
