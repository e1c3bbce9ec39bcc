using System.Buffers.Binary;
using System.Text;
using Emulator.Mmu.Physical;

namespace Emulator.Devices.FwCfg;

/// <summary>
/// QEMU's firmware configuration device, memory-mapped form (hw/nvram/fw_cfg.c, fw_cfg_mem as the
/// virt board creates it: 8-byte data register, DMA enabled). Registers: data at +0 (reads of 1 to
/// 8 bytes return the selected item's next bytes in order, zeros past its end or for an item that
/// does not exist; writes are ignored), selector at +8 (16-bit big-endian writes only), DMA address
/// at +16 (big-endian; writing the low half, or all 8 bytes, runs the transfer the FWCfgDmaAccess
/// at that address describes; reads give "QEMU CFG"). Items are added by key or as named files,
/// which the file directory (key 0x19) lists sorted by name, keys from 0x20 in that order, as QEMU
/// sorts them. What is not there reads as zeros (by the data register and by a DMA read), as QEMU
/// answers for a key nobody added.
/// </summary>
public sealed class FwCfgDevice : IMmioDevice
{
    public const ulong DataOffset = 0x00;
    public const ulong SelectorOffset = 0x08;
    public const ulong DmaOffset = 0x10;

    /// <summary>Size of the register window.</summary>
    public const ulong WindowSize = 0x18;

    /// <summary>Longest file name, terminating NUL included (FW_CFG_MAX_FILE_PATH).</summary>
    public const int MaxFileName = 56;

    private const int DmaAccessSize = 16;

    private readonly IDmaMemory _memory;
    private readonly Dictionary<int, byte[]> _items = [];
    private readonly SortedList<string, byte[]> _files = new(StringComparer.Ordinal);
    private int _current = -1;
    private uint _offset;
    private ulong _dmaAddress;

    public FwCfgDevice(IDmaMemory memory)
    {
        _memory = memory;
        AddItem(FwCfgKeys.Signature, "QEMU"u8.ToArray());
        AddItem(FwCfgKeys.Id, Le32(FwCfgKeys.FeatureTraditional | FwCfgKeys.FeatureDma));
        RebuildDirectory();
        Reset();
    }

    public string Name => "fw_cfg";

    /// <summary>Number of DMA transfers run (for tests and traces).</summary>
    public ulong DmaTransfers { get; private set; }

    /// <summary>Adds (or replaces) the item at <paramref name="key"/> (0x00-0x1F, or with <see cref="FwCfgKeys.ArchLocal"/>).</summary>
    public void AddItem(ushort key, byte[] data)
    {
        int index = Index(key);
        if (index < 0 || (key & FwCfgKeys.EntryMask) >= FwCfgKeys.FileFirst || (key & FwCfgKeys.EntryMask) == FwCfgKeys.FileDir)
            throw new ArgumentOutOfRangeException(nameof(key), key, "not a fixed item key");
        _items[index] = data;
    }

    /// <summary>Adds a named file; the directory is rebuilt (keys follow the sorted names).</summary>
    public void AddFile(string name, byte[] data)
    {
        if (name.Length == 0 || Encoding.UTF8.GetByteCount(name) >= MaxFileName)
            throw new ArgumentException($"fw_cfg file name '{name}' is empty or longer than {MaxFileName - 1} bytes", nameof(name));
        if (_files.Count >= FwCfgKeys.FileSlots && !_files.ContainsKey(name))
            throw new InvalidOperationException($"fw_cfg has no free file slot for '{name}'");
        _files[name] = data;
        RebuildDirectory();
    }

    /// <summary>The key a file is selected by, or null.</summary>
    public ushort? KeyOf(string name)
    {
        int i = _files.IndexOfKey(name);
        return i < 0 ? null : (ushort)(FwCfgKeys.FileFirst + i);
    }

    /// <summary>fw_cfg_reset: the signature selected.</summary>
    public void Reset()
    {
        Select(FwCfgKeys.Signature);
        _dmaAddress = 0;
    }

    public bool Read(ulong offset, int size, out ulong value)
    {
        value = 0;
        if (offset == DataOffset)
        {
            // The item's next bytes in order: the guest's little-endian load sees them as in memory.
            byte[]? item = CurrentItem();
            for (int i = 0; i < size && item is not null && _offset < item.Length; i++)
                value |= (ulong)item[_offset++] << (8 * i);
            return true;
        }
        if (offset >= DmaOffset && offset + (ulong)size <= WindowSize)
        {
            // fw_cfg_dma_mem_read: the signature's bytes at that position, big-endian.
            ulong at = offset - DmaOffset;
            for (int i = 0; i < size; i++)
                value |= ((FwCfgKeys.DmaSignature >> (8 * (7 - (int)at - i))) & 0xFF) << (8 * i);
            return true;
        }
        return false; // the selector is write-only; nothing else decodes
    }

    public bool Write(ulong offset, int size, ulong value)
    {
        if (offset == DataOffset)
            return true; // data writes are ignored (write support went in QEMU 2.4)
        if (offset == SelectorOffset)
        {
            if (size != 2)
                return false;
            Select(BinaryPrimitives.ReverseEndianness((ushort)value));
            return true;
        }
        if (offset == DmaOffset && size == 8)
        {
            _dmaAddress = BinaryPrimitives.ReverseEndianness(value);
            Transfer();
            return true;
        }
        if (size == 4 && offset == DmaOffset)
        {
            _dmaAddress = (ulong)BinaryPrimitives.ReverseEndianness((uint)value) << 32;
            return true;
        }
        if (size == 4 && offset == DmaOffset + 4)
        {
            _dmaAddress |= BinaryPrimitives.ReverseEndianness((uint)value);
            Transfer();
            return true;
        }
        return false;
    }

    private void Select(ushort key)
    {
        _offset = 0;
        _current = (key & FwCfgKeys.EntryMask) >= FwCfgKeys.MaxEntry ? -1 : Index(key);
    }

    /// <summary>Slot of a key: the generic and the arch-local spaces side by side; the write-channel bit is ignored.</summary>
    private static int Index(ushort key) => ((key & FwCfgKeys.ArchLocal) != 0 ? FwCfgKeys.MaxEntry : 0) + (key & FwCfgKeys.EntryMask);

    private byte[]? CurrentItem()
    {
        if (_current < 0)
            return null;
        int entry = _current % FwCfgKeys.MaxEntry;
        if (_current < FwCfgKeys.MaxEntry && entry >= FwCfgKeys.FileFirst)
        {
            int file = entry - FwCfgKeys.FileFirst;
            return file < _files.Count ? _files.GetValueAtIndex(file) : null;
        }
        return _items.GetValueOrDefault(_current);
    }

    /// <summary>FW_CFG_FILE_DIR: a big-endian count, then per file: size (be32), select (be16), reserved (be16), name[56].</summary>
    private void RebuildDirectory()
    {
        byte[] dir = new byte[4 + 64 * _files.Count];
        BinaryPrimitives.WriteUInt32BigEndian(dir, (uint)_files.Count);
        for (int i = 0; i < _files.Count; i++)
        {
            Span<byte> entry = dir.AsSpan(4 + 64 * i, 64);
            BinaryPrimitives.WriteUInt32BigEndian(entry, (uint)_files.GetValueAtIndex(i).Length);
            BinaryPrimitives.WriteUInt16BigEndian(entry[4..], (ushort)(FwCfgKeys.FileFirst + i));
            Encoding.UTF8.GetBytes(_files.GetKeyAtIndex(i), entry[8..]);
        }
        _items[FwCfgKeys.FileDir] = dir;
    }

    /// <summary>
    /// fw_cfg_dma_transfer: reads the FWCfgDmaAccess (be32 control, be32 length, be64 address) at
    /// the DMA address, optionally selects, then reads (zeros past the item's end), skips, or
    /// refuses a write (no item here is writable: error), and writes the control word back:
    /// zero when done, the error bit otherwise.
    /// </summary>
    private void Transfer()
    {
        DmaTransfers++;
        ulong descriptor = _dmaAddress;
        _dmaAddress = 0;
        Span<byte> access = stackalloc byte[DmaAccessSize];
        if (!_memory.Read(descriptor, access))
        {
            WriteControl(descriptor, FwCfgKeys.DmaError);
            return;
        }
        uint control = BinaryPrimitives.ReadUInt32BigEndian(access);
        uint length = BinaryPrimitives.ReadUInt32BigEndian(access[4..]);
        ulong address = BinaryPrimitives.ReadUInt64BigEndian(access[8..]);
        if ((control & FwCfgKeys.DmaSelect) != 0)
            Select((ushort)(control >> 16));
        bool read = (control & FwCfgKeys.DmaRead) != 0;
        bool write = !read && (control & FwCfgKeys.DmaWrite) != 0;
        if (!read && !write && (control & FwCfgKeys.DmaSkip) == 0)
            length = 0;
        uint result = 0;
        byte[]? item = CurrentItem();
        while (length > 0 && (result & FwCfgKeys.DmaError) == 0)
        {
            uint n;
            if (item is null || _offset >= item.Length)
            {
                n = length;
                if (read && !Fill(address, n))
                    result |= FwCfgKeys.DmaError;
                if (write)
                    result |= FwCfgKeys.DmaError;
            }
            else
            {
                n = Math.Min(length, (uint)item.Length - _offset);
                if (read && !_memory.Write(address, item.AsSpan((int)_offset, (int)n)))
                    result |= FwCfgKeys.DmaError;
                if (write)
                    result |= FwCfgKeys.DmaError; // no item is writable
                _offset += n;
            }
            address += n;
            length -= n;
        }
        WriteControl(descriptor, result);
    }

    private bool Fill(ulong address, uint length)
    {
        Span<byte> zeros = stackalloc byte[256];
        zeros.Clear();
        while (length > 0)
        {
            int n = (int)Math.Min(length, (uint)zeros.Length);
            if (!_memory.Write(address, zeros[..n]))
                return false;
            address += (ulong)n;
            length -= (uint)n;
        }
        return true;
    }

    private void WriteControl(ulong descriptor, uint control)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, control);
        _memory.Write(descriptor, bytes);
    }

    private static byte[] Le32(uint value)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }
}
