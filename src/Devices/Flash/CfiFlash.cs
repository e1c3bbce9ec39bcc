using System.Buffers.Binary;
using System.Numerics;
using Emulator.Mmu.Physical;

namespace Emulator.Devices.Flash;

/// <summary>
/// A parallel NOR flash bank with the Intel/Sharp command set and a CFI query table, modelled on
/// QEMU's pflash_cfi01 as QEMU's virt board configures it (virt_flash_create1): a 32-bit bank of
/// two interleaved x16 devices (width 4, device-width 2), 256 KiB erase sectors, manufacturer 0x89
/// and device 0x18 (Intel), little-endian. In read-array mode the bank is a ROM: the board maps
/// its storage as a read-only memory slot the CPU reads and executes from (QEMU's "romd" mode)
/// and only writes reach this device; the first command write switches it to I/O mode, where
/// every access comes here, until a command returns it to read-array mode
/// (<see cref="RomdChanged"/> tells the board). Commands: read array (0xFF, also 0x00 and 0xF0),
/// read status (0x70), clear status (0x50), read identifier (0x90), CFI query (0x98), word
/// program (0x40/0x10), block erase (0x20 + 0xD0), buffered program (0xE8 ... 0xD0) and block
/// lock/unlock (0x60 + 0x01/0xD0, accepted, not enforced: QEMU does not model lock bits).
/// Program and erase complete at once (status bit 7, ready, is always set after them).
/// </summary>
public sealed class CfiFlash : IMmioDevice
{
    /// <summary>Erase sector (block) size of the bank, as virt's VIRT_FLASH_SECTOR_SIZE.</summary>
    public const ulong SectorSize = 256 * 1024;

    /// <summary>Bytes on the bus per access cycle (two x16 devices side by side).</summary>
    public const int BankWidth = 4;

    /// <summary>Bytes each device drives.</summary>
    public const int DeviceWidth = 2;

    public const ushort ManufacturerId = 0x89;
    public const ushort DeviceId = 0x18;

    // Status register bits (Intel StrataFlash): 7 ready, 5 erase error, 4 program error.
    public const byte StatusReady = 0x80;
    public const byte StatusEraseError = 0x20;
    public const byte StatusProgramError = 0x10;

    private const int CfiTableLength = 0x52;

    private readonly IFlashStorage _storage;
    private readonly byte[] _cfi = new byte[CfiTableLength];
    private readonly byte[] _writeBuffer;
    private int _wcycle;
    private byte _cmd;
    private byte _status = StatusReady;
    private ulong _counter;
    private long _bufferOffset = -1;

    /// <param name="name">Name for logs (e.g. "flash0").</param>
    /// <param name="size">Bank size in bytes: a multiple of <see cref="SectorSize"/>.</param>
    /// <param name="storage">The array.</param>
    /// <param name="readOnly">Program and erase fail (status error bits) and change nothing, as for a read-only drive.</param>
    public CfiFlash(string name, ulong size, IFlashStorage storage, bool readOnly = false)
    {
        if (size == 0 || size % SectorSize != 0)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"a flash bank is a whole number of {SectorSize}-byte sectors");
        Name = name;
        Size = size;
        _storage = storage;
        ReadOnly = readOnly;
        WriteBufferSize = FillCfiTable();
        _writeBuffer = new byte[WriteBufferSize];
    }

    public string Name { get; }

    /// <summary>Bank size in bytes.</summary>
    public ulong Size { get; }

    public bool ReadOnly { get; }

    /// <summary>Bytes one buffered program (0xE8) covers: 2^11 per device, times the devices.</summary>
    public int WriteBufferSize { get; }

    /// <summary>True in read-array mode, where the board maps the storage for direct reads and fetches.</summary>
    public bool Romd { get; private set; } = true;

    /// <summary>Called with the new value whenever <see cref="Romd"/> changes.</summary>
    public Action<bool>? RomdChanged { get; set; }

    /// <summary>The current command (0 = read array), for tests and traces.</summary>
    public byte Command => _cmd;

    /// <summary>The status register.</summary>
    public byte Status => _status;

    /// <summary>System reset (pflash_cfi01_system_reset): read-array mode, status ready, no buffered program pending.</summary>
    public void Reset()
    {
        _cmd = 0;
        _wcycle = 0;
        _status = StatusReady;
        _bufferOffset = -1;
        SetRomd(true);
    }

    public bool Read(ulong offset, int size, out ulong value)
    {
        if (size == 8)
        {
            // The bus splits an 8-byte access into two 4-byte ones, low address first.
            value = ReadCycle(offset, 4) | (ulong)ReadCycle(offset + 4, 4) << 32;
            return true;
        }
        value = ReadCycle(offset, size);
        return true;
    }

    public bool Write(ulong offset, int size, ulong value)
    {
        if (size == 8)
        {
            WriteCycle(offset, 4, (uint)value);
            WriteCycle(offset + 4, 4, (uint)(value >> 32));
            return true;
        }
        WriteCycle(offset, size, (uint)value);
        return true;
    }

    private uint ReadCycle(ulong offset, int width)
    {
        uint value;
        switch (_cmd)
        {
            case 0x00:
                value = ReadArray(offset, width);
                break;
            case 0x10 or 0x20 or 0x28 or 0x40 or 0x50 or 0x60 or 0x70 or 0xE8:
                // The status register of every device on the bus.
                value = _status;
                for (int shift = DeviceWidth * 8; shift + DeviceWidth * 8 <= width * 8; shift += DeviceWidth * 8)
                    value |= (uint)_status << shift;
                break;
            case 0x90:
                value = Replicate(IdentifierQuery(offset));
                break;
            case 0x98:
                value = Replicate(CfiQuery(offset));
                break;
            default:
                // An unknown state: back to read array, and read the array.
                _wcycle = 0;
                _cmd = 0;
                value = ReadArray(offset, width);
                break;
        }
        return width == 4 ? value : value & ((1u << (8 * width)) - 1);
    }

    private uint ReadArray(ulong offset, int width)
    {
        Span<byte> bytes = stackalloc byte[4];
        bytes.Clear();
        _storage.Read(offset, bytes[..width]);
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    /// <summary>
    /// Query addresses count in device-width units of the bank: byte offset / 4 is the table index
    /// (pflash_cfi_query's shift for width 4, device-width 2).
    /// </summary>
    private static ulong QueryIndex(ulong offset) =>
        offset >> (BitOperations.TrailingZeroCount(BankWidth) + BitOperations.TrailingZeroCount(DeviceWidth) - BitOperations.TrailingZeroCount(DeviceWidth));

    private uint CfiQuery(ulong offset)
    {
        ulong index = QueryIndex(offset);
        return index < CfiTableLength ? _cfi[index] : 0u;
    }

    private static uint IdentifierQuery(ulong offset) => (QueryIndex(offset) & 0xFF) switch
    {
        0 => ManufacturerId,
        1 => DeviceId,
        _ => 0, // block lock status and the rest read as zero
    };

    /// <summary>The one device's answer, from each device on the bus.</summary>
    private static uint Replicate(uint response)
    {
        for (int i = DeviceWidth; i < BankWidth; i += DeviceWidth)
            response = (response & ~(0xFFFFu << (8 * i))) | ((response & 0xFFFF) << (8 * i));
        return response;
    }

    private void WriteCycle(ulong offset, int width, uint value)
    {
        byte cmd = (byte)value;
        if (_wcycle == 0)
            SetRomd(false); // the bank leaves ROM mode: reads come to the device
        switch (_wcycle)
        {
            case 0:
                switch (cmd)
                {
                    case 0x00 or 0xF0 or 0xFF: // read array (0xF0 is an AMD-style reset)
                        ReadArrayMode();
                        return;
                    case 0x10 or 0x40:
                        break;
                    case 0x20:
                        EraseSector(offset);
                        break;
                    case 0x50:
                        _status = 0;
                        ReadArrayMode();
                        return;
                    case 0x60 or 0x98:
                        break;
                    case 0x70 or 0x90:
                        _cmd = cmd;
                        return;
                    case 0xE8:
                        _status |= StatusReady;
                        break;
                    default:
                        ReadArrayMode(); // an unimplemented command sequence
                        return;
                }
                _wcycle++;
                _cmd = cmd;
                return;
            case 1:
                switch (_cmd)
                {
                    case 0x10 or 0x40:
                        if (!ReadOnly)
                            DataWrite(offset, width, value);
                        else
                            _status |= StatusProgramError;
                        _status |= StatusReady;
                        _wcycle = 0;
                        return;
                    case 0x20 or 0x28:
                        if (cmd == 0xD0)
                        {
                            _wcycle = 0;
                            _status |= StatusReady;
                        }
                        else
                        {
                            ReadArrayMode();
                        }
                        return;
                    case 0xE8:
                        _counter = value & ((1u << (8 * DeviceWidth)) - 1); // word count - 1, per device
                        _wcycle++;
                        return;
                    case 0x60:
                        if (cmd is 0xD0 or 0x01)
                        {
                            _wcycle = 0;
                            _status |= StatusReady;
                        }
                        else
                        {
                            ReadArrayMode();
                        }
                        return;
                    case 0x98:
                        if (cmd == 0xFF)
                            ReadArrayMode();
                        return; // any other write leaves the bank in query mode
                    default:
                        ReadArrayMode();
                        return;
                }
            case 2:
                if (_cmd != 0xE8)
                {
                    ReadArrayMode();
                    return;
                }
                if (_bufferOffset == -1 && _counter != 0)
                    StartBufferedWrite(offset);
                if (!ReadOnly && _bufferOffset != -1)
                    DataWrite(offset, width, value);
                else
                    _status |= StatusProgramError;
                _status |= StatusReady;
                if (_counter == 0)
                    _wcycle++;
                else
                    _counter--;
                return;
            case 3:
                if (_cmd == 0xE8 && cmd == 0xD0 && (_status & StatusProgramError) == 0)
                {
                    _storage.Write((ulong)_bufferOffset, _writeBuffer);
                    _bufferOffset = -1;
                    _wcycle = 0;
                    _status |= StatusReady;
                }
                else
                {
                    _bufferOffset = -1;
                    ReadArrayMode();
                }
                return;
            default:
                ReadArrayMode();
                return;
        }
    }

    private void ReadArrayMode()
    {
        _wcycle = 0;
        _cmd = 0;
        SetRomd(true);
    }

    private void SetRomd(bool romd)
    {
        if (Romd == romd)
            return;
        Romd = romd;
        RomdChanged?.Invoke(romd);
    }

    private void EraseSector(ulong offset)
    {
        if (ReadOnly)
        {
            _status |= StatusEraseError;
        }
        else
        {
            byte[] erased = new byte[SectorSize];
            erased.AsSpan().Fill(0xFF);
            _storage.Write(offset & ~(SectorSize - 1), erased);
        }
        _status |= StatusReady;
    }

    private void StartBufferedWrite(ulong offset)
    {
        _bufferOffset = (long)(offset & ~((ulong)WriteBufferSize - 1));
        _storage.Read((ulong)_bufferOffset, _writeBuffer);
    }

    /// <summary>A program cycle: into the write buffer during a buffered program, else straight into the array.</summary>
    private void DataWrite(ulong offset, int width, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        if (_bufferOffset != -1)
        {
            if (offset < (ulong)_bufferOffset || offset + (ulong)width > (ulong)_bufferOffset + (ulong)WriteBufferSize)
            {
                _status |= StatusProgramError;
                return;
            }
            bytes[..width].CopyTo(_writeBuffer.AsSpan((int)(offset - (ulong)_bufferOffset)));
            return;
        }
        _storage.Write(offset, bytes[..width]);
    }

    /// <summary>
    /// The CFI query table one device answers (JEDEC JESD68, Intel command set), with the values
    /// pflash_cfi01_fill_cfi_table writes. Returns the write buffer size of the bank.
    /// </summary>
    private int FillCfiTable()
    {
        const int devices = BankWidth / DeviceWidth;
        ulong blocksPerDevice = Size / SectorSize;
        ulong sectorPerDevice = SectorSize / devices;
        ulong deviceLength = sectorPerDevice * blocksPerDevice;
        byte[] t = _cfi;
        t[0x10] = (byte)'Q';
        t[0x11] = (byte)'R';
        t[0x12] = (byte)'Y';
        t[0x13] = 0x01; // primary command set: Intel/Sharp extended
        t[0x14] = 0x00;
        t[0x15] = 0x31; // primary extended table at 0x31
        t[0x16] = 0x00;
        t[0x1B] = 0x45; // Vcc min
        t[0x1C] = 0x55; // Vcc max
        t[0x1F] = 0x07; // typical word program timeout 2^7 us
        t[0x20] = 0x07; // typical buffer write timeout
        t[0x21] = 0x0A; // typical block erase timeout 2^10 ms
        t[0x22] = 0x00; // no chip erase
        t[0x23] = 0x04;
        t[0x24] = 0x04;
        t[0x25] = 0x04;
        t[0x26] = 0x00;
        t[0x27] = (byte)BitOperations.TrailingZeroCount(deviceLength); // device size 2^n bytes
        t[0x28] = 0x02; // x8/x16 interface
        t[0x29] = 0x00;
        t[0x2A] = 0x0B; // write buffer 2^11 bytes per device
        t[0x2B] = 0x00;
        t[0x2C] = 0x01; // one erase block region
        t[0x2D] = (byte)(blocksPerDevice - 1);
        t[0x2E] = (byte)((blocksPerDevice - 1) >> 8);
        t[0x2F] = (byte)(sectorPerDevice >> 8);
        t[0x30] = (byte)(sectorPerDevice >> 16);
        t[0x31] = (byte)'P';
        t[0x32] = (byte)'R';
        t[0x33] = (byte)'I';
        t[0x34] = (byte)'1';
        t[0x35] = (byte)'0';
        t[0x3F] = 0x01; // protection fields
        return (1 << t[0x2A]) * devices;
    }
}
