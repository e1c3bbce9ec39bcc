using Emulator.Mmu.Physical;

namespace Emulator.Devices.Vga;

/// <summary>
/// QEMU's standard VGA ("-device VGA", PCI 1234:1111) as seen through its 4 KiB MMIO BAR, with
/// the DISPI (Bochs VBE) semantics of QEMU's <c>hw/display/vga.c</c>, or, with
/// <see cref="DisplayModel.BochsDisplay"/>, QEMU's "-device bochs-display" (same window, no VGA
/// ports, the DISPI semantics of <c>hw/display/bochs-display.c</c>); VRAM itself is the
/// separate BAR the board maps as RAM. Layout of the window (docs/memory-attributes.md §6.2):
/// <list type="table">
/// <item><term>0x000-0x0FF</term><description>EDID (<see cref="Edid"/>), read-only, any byte lane.</description></item>
/// <item><term>0x400-0x41F</term><description>VGA ports 0x3C0-0x3DF; a 2- or 4-byte access is that many byte accesses in ascending address order (QEMU writes the index byte first).</description></item>
/// <item><term>0x500-0x515</term><description>DISPI registers 0-0xA, 16 bits each. As in QEMU (ops "impl 2, valid 1-4"),
/// a 4-byte access is two register accesses; a 1-byte access is widened to the whole register
/// <c>(offset - 0x500) / 2</c>, also at an odd offset: a read returns the register's low byte, a write stores the byte zero-extended.</description></item>
/// <item><term>0x600-0x607</term><description>QEMU extension: +0 reads 8 (its size), +4 framebuffer byte order
/// (0x1e1e1e1e little-endian, 0xbebebebe big-endian; other values ignored). 4-byte accesses only, otherwise a bus error as in QEMU.</description></item>
/// </list>
/// Everything else reads all ones and ignores writes (QEMU's <c>unassigned_io_ops</c> behind the
/// window). Accesses wider than 4 bytes or not naturally aligned are bus errors (QEMU's
/// <c>valid</c> limits); nothing here throws.
/// </summary>
public sealed partial class BochsDisplay : IMmioDevice
{
    /// <summary>Size of the MMIO window.</summary>
    public const ulong MmioSize = 0x1000;

    public const ulong EdidOffset = 0x000, PortsOffset = 0x400, DispiOffset = 0x500, QextOffset = 0x600;
    private const ulong PortsEnd = PortsOffset + 0x20, DispiEnd = DispiOffset + 2 * (Dispi.VideoMemory64K + 1);
    private const ulong QextEnd = QextOffset + 8;

    /// <summary>QEMU extension register values.</summary>
    public const uint QextSize = 8, LittleEndianMagic = 0x1e1e1e1e, BigEndianMagic = 0xbebebebe;

    private readonly IVramView _vram;
    private readonly byte[] _edid = Edid.Build();
    private readonly VgaPorts _ports = new();
    private readonly uint[] _paletteRgba = new uint[256];
    private bool _dac8Bit;

    /// <param name="vramSize">VRAM size in bytes: a multiple of 64 KiB, from 64 KiB to 1 GiB (QEMU's default is 16 MiB).</param>
    /// <param name="vram">The VMM's view of VRAM, through which mode sets clear the screen.</param>
    /// <param name="model">Which QEMU device to behave as.</param>
    public BochsDisplay(ulong vramSize, IVramView vram, DisplayModel model = DisplayModel.Vga)
    {
        Model = model;
        if (vramSize < 0x1_0000 || vramSize > 1UL << 30 || (vramSize & 0xFFFF) != 0)
            throw new ArgumentOutOfRangeException(nameof(vramSize), vramSize, "VRAM must be a multiple of 64 KiB between 64 KiB and 1 GiB");
        VramSize = vramSize;
        _vram = vram;
        _bankMask = (ushort)((vramSize >> 16) - 1);
        _ports.PaletteEntryWritten = OnPaletteEntryWritten;
        Reset();
    }

    public string Name => "bochs-display";

    /// <summary>The QEMU device this one behaves as.</summary>
    public DisplayModel Model { get; }

    public ulong VramSize { get; }

    /// <summary>The current display mode, or null when DISPI is disabled or the mode cannot be shown
    /// (4 bpp, smaller than 64x64, or not inside VRAM).</summary>
    public VbeMode? Mode { get; private set; }

    /// <summary>Incremented whenever <see cref="Mode"/> changes (size, depth, stride, panning, byte
    /// order, enable or disable): the scanout redraws everything when it moves.</summary>
    public long ModeGeneration { get; private set; }

    /// <summary>Framebuffer byte order set through the QEMU extension register.</summary>
    public bool BigEndianFramebuffer { get; private set; }

    /// <summary>Whether the DAC is in 8-bit mode (ENABLE.8BIT_DAC); otherwise palette entries have 6 significant bits.</summary>
    public bool Dac8Bit => _dac8Bit;

    /// <summary>The DAC palette converted to the display's RGBA format (<see cref="PixelFormats"/>): 256 entries.
    /// 6-bit entries are widened as QEMU's <c>c6_to_8</c> does: <c>v &lt;&lt; 2</c> with bit 0 copied into bits 1:0.</summary>
    public ReadOnlySpan<uint> PaletteRgba => _paletteRgba;

    /// <summary>Incremented whenever <see cref="PaletteRgba"/> may have changed.</summary>
    public long PaletteGeneration { get; private set; }

    /// <summary>Power-on state: DISPI disabled, ID 0xB0C5, palette black, little-endian framebuffer.</summary>
    public void Reset()
    {
        Array.Clear(_regs);
        _regs[Dispi.Id] = Dispi.Id5;
        _lineOffset = 0;
        _startAddress = 0;
        BigEndianFramebuffer = false;
        _dac8Bit = false;
        _ports.Reset();
        RecomputePalette();
        UpdateMode();
    }

    public bool Read(ulong offset, int size, out ulong value)
    {
        value = 0;
        if (!Valid(offset, size))
            return false;
        switch (offset)
        {
            case < Edid.RegionSize:
                for (int i = 0; i < size; i++)
                    value |= (ulong)_edid[(int)offset + i] << (8 * i);
                return true;
            case >= PortsOffset and < PortsEnd when Model == DisplayModel.Vga:
                for (int i = 0; i < size; i++)
                    value |= (ulong)ReadPort(0x3C0 + (int)(offset - PortsOffset) + i) << (8 * i);
                return true;
            case >= DispiOffset and < DispiEnd:
                if (size == 1)
                {
                    value = (ulong)ReadRegister((int)(offset - DispiOffset) >> 1) & 0xFF;
                    return true;
                }
                for (int i = 0; i < size; i += 2)
                {
                    ulong a = offset + (ulong)i;
                    ulong half = a < DispiEnd ? ReadRegister((int)(a - DispiOffset) >> 1) : 0xFFFFUL;
                    value |= half << (8 * i);
                }
                return true;
            case >= QextOffset and < QextEnd:
                if (size != 4)
                    return false;
                value = offset == QextOffset ? QextSize : BigEndianFramebuffer ? BigEndianMagic : LittleEndianMagic;
                return true;
            default:
                value = (1UL << (8 * size)) - 1;
                return true;
        }
    }

    public bool Write(ulong offset, int size, ulong value)
    {
        if (!Valid(offset, size))
            return false;
        switch (offset)
        {
            case >= PortsOffset and < PortsEnd when Model == DisplayModel.Vga:
                for (int i = 0; i < size; i++)
                    WritePort(0x3C0 + (int)(offset - PortsOffset) + i, (byte)(value >> (8 * i)));
                return true;
            case >= DispiOffset and < DispiEnd:
                if (size == 1)
                {
                    WriteRegister((int)(offset - DispiOffset) >> 1, (ushort)(value & 0xFF));
                    return true;
                }
                for (int i = 0; i < size; i += 2)
                {
                    ulong a = offset + (ulong)i;
                    if (a < DispiEnd)
                        WriteRegister((int)(a - DispiOffset) >> 1, (ushort)(value >> (8 * i)));
                }
                return true;
            case >= QextOffset and < QextEnd:
                if (size != 4)
                    return false;
                if (offset == QextOffset + 4)
                {
                    if ((uint)value == BigEndianMagic)
                        BigEndianFramebuffer = true;
                    else if ((uint)value == LittleEndianMagic)
                        BigEndianFramebuffer = false;
                    UpdateMode();
                }
                return true;
            default:
                return true; // EDID is read-only; holes ignore writes
        }
    }

    private ushort ReadRegister(int index) => Model == DisplayModel.Vga ? ReadDispi(index) : ReadBochsDispi(index);

    private void WriteRegister(int index, ushort value)
    {
        if (Model == DisplayModel.Vga)
            WriteDispi(index, value);
        else
            WriteBochsDispi(index, value);
    }

    private static bool Valid(ulong offset, int size) =>
        size is 1 or 2 or 4 && (offset & (ulong)(size - 1)) == 0 && offset < MmioSize;

    /// <summary>Reads VGA port <paramref name="port"/> (0x3C0-0x3DF) as one byte access.</summary>
    public byte ReadPort(int port) => _ports.Read(port);

    /// <summary>Writes VGA port <paramref name="port"/> (0x3C0-0x3DF) as one byte access.</summary>
    public void WritePort(int port, byte value) => _ports.Write(port, value);

    private void OnPaletteEntryWritten(int index)
    {
        _paletteRgba[index] = PaletteEntry(index);
        PaletteGeneration++;
    }

    private void RecomputePalette()
    {
        for (int i = 0; i < 256; i++)
            _paletteRgba[i] = PaletteEntry(i);
        PaletteGeneration++;
    }

    private uint PaletteEntry(int index)
    {
        byte[] p = _ports.Palette;
        uint r = p[3 * index], g = p[3 * index + 1], b = p[3 * index + 2];
        return _dac8Bit ? PixelFormats.Rgba(r, g, b) : PixelFormats.Rgba(C6To8(r), C6To8(g), C6To8(b));
    }

    /// <summary>QEMU's <c>c6_to_8</c>.</summary>
    private static uint C6To8(uint v)
    {
        v &= 0x3F;
        uint b = v & 1;
        return (v << 2) | (b << 1) | b;
    }

    private void UpdateMode()
    {
        VbeMode? mode = ComputeMode();
        if (!Equals(mode, Mode))
        {
            Mode = mode;
            ModeGeneration++;
        }
    }

    private VbeMode? ComputeMode()
    {
        if (Model == DisplayModel.BochsDisplay)
            return ComputeBochsMode();
        if ((_regs[Dispi.Enable] & Dispi.Enabled) == 0)
            return null;
        int bpp = _regs[Dispi.Bpp], width = _regs[Dispi.XRes], height = _regs[Dispi.YRes];
        if (!PixelFormats.IsSupported(bpp) || width < 64 || height < 64)
            return null;
        // QEMU keeps the start address in 4-byte units (vbe_start_addr = offset / 4).
        ulong start = (ulong)_startAddress * 4;
        ulong end = start + (ulong)(height - 1) * _lineOffset + (ulong)(width * PixelFormats.BytesPerPixel(bpp));
        if (_lineOffset < (uint)(width * PixelFormats.BytesPerPixel(bpp)) || end > VramSize)
            return null;
        return new VbeMode(width, height, bpp, (int)_lineOffset, start, BigEndianFramebuffer);
    }
}
