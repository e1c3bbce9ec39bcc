namespace Emulator.Devices.Vga;

/// <summary>
/// The legacy VGA I/O ports 0x3C0-0x3DF that QEMU's std VGA maps at 0x400 of its MMIO window
/// (QEMU <c>vga_ioport_read</c> / <c>vga_ioport_write</c>): the attribute controller with its
/// index/data flip-flop, miscellaneous output, sequencer, DAC (palette), graphics controller and
/// CRT controller registers, and input status 1. The registers are stored and read back with
/// QEMU's masks; only the DAC palette affects the picture (8-bpp modes). While the miscellaneous
/// output register selects monochrome (bit 0 clear, the reset state) the colour ports
/// 0x3D0-0x3DF read 0xFF and ignore writes; ports QEMU does not decode read 0. Every access is one byte.
/// </summary>
internal sealed class VgaPorts
{
    public const int AttributeIndexData = 0x3C0, AttributeData = 0x3C1, MiscWrite = 0x3C2;
    public const int SequencerIndex = 0x3C4, SequencerData = 0x3C5;
    public const int PelMask = 0x3C6, DacReadIndex = 0x3C7, DacWriteIndex = 0x3C8, DacData = 0x3C9;
    public const int FeatureRead = 0x3CA, MiscRead = 0x3CC, GraphicsIndex = 0x3CE, GraphicsData = 0x3CF;
    public const int CrtIndex = 0x3D4, CrtData = 0x3D5, InputStatus1 = 0x3DA;

    private static readonly byte[] SequencerMask = [0x03, 0x3D, 0x0F, 0x3F, 0x0E, 0x00, 0x00, 0xFF];
    private static readonly byte[] GraphicsMask =
        [0x0F, 0x0F, 0x0F, 0x1F, 0x03, 0x7B, 0x0F, 0x0F, 0xFF, 0, 0, 0, 0, 0, 0, 0];

    private readonly byte[] _ar = new byte[0x15];
    private readonly byte[] _sr = new byte[8];
    private readonly byte[] _gr = new byte[16];
    private readonly byte[] _cr = new byte[256];
    private readonly byte[] _dacCache = new byte[3];
    private byte _arIndex, _srIndex, _grIndex, _crIndex, _msr, _fcr, _st01;
    private bool _arFlipFlop;
    private byte _dacReadIndex, _dacWriteIndex, _dacSubIndex, _dacState, _pelMask = 0xFF;

    /// <summary>The DAC palette as stored: 256 entries of R, G, B bytes (6 significant bits unless the DAC is in 8-bit mode).</summary>
    public byte[] Palette { get; } = new byte[768];

    /// <summary>Called with the entry number whenever a palette entry is written.</summary>
    public Action<int>? PaletteEntryWritten { get; set; }

    public void Reset()
    {
        Array.Clear(_ar);
        Array.Clear(_sr);
        Array.Clear(_gr);
        Array.Clear(_cr);
        Array.Clear(Palette);
        _arIndex = _srIndex = _grIndex = _crIndex = _msr = _fcr = _st01 = 0;
        _arFlipFlop = false;
        _dacReadIndex = _dacWriteIndex = _dacSubIndex = _dacState = 0;
        _pelMask = 0xFF;
    }

    /// <summary>Colour ports are decoded only when MISC bit 0 selects colour; monochrome ports are outside this window.</summary>
    private bool Invalid(int port) => (_msr & 0x01) == 0 && port >= 0x3D0;

    public byte Read(int port)
    {
        if (Invalid(port))
            return 0xFF;
        switch (port)
        {
            case AttributeIndexData: return _arFlipFlop ? (byte)0 : _arIndex;
            case AttributeData:
                int index = _arIndex & 0x1F;
                return index < _ar.Length ? _ar[index] : (byte)0;
            case MiscWrite: return 0; // input status 0
            case SequencerIndex: return _srIndex;
            case SequencerData: return _sr[_srIndex];
            case PelMask: return _pelMask;
            case DacReadIndex: return _dacState;
            case DacWriteIndex: return _dacWriteIndex;
            case DacData:
                byte value = Palette[_dacReadIndex * 3 + _dacSubIndex];
                if (++_dacSubIndex == 3)
                {
                    _dacSubIndex = 0;
                    _dacReadIndex++;
                }
                return value;
            case FeatureRead: return _fcr;
            case MiscRead: return _msr;
            case GraphicsIndex: return _grIndex;
            case GraphicsData: return _gr[_grIndex];
            case CrtIndex: return _crIndex;
            case CrtData: return _cr[_crIndex];
            case InputStatus1:
                // QEMU's "dumb retrace": toggle vertical retrace and display enable to fool polling loops.
                _st01 ^= 0x09;
                _arFlipFlop = false;
                return _st01;
            default: return 0;
        }
    }

    public void Write(int port, byte value)
    {
        if (Invalid(port))
            return;
        switch (port)
        {
            case AttributeIndexData:
                if (!_arFlipFlop)
                    _arIndex = (byte)(value & 0x3F);
                else
                    WriteAttribute(_arIndex & 0x1F, value);
                _arFlipFlop = !_arFlipFlop;
                break;
            case MiscWrite: _msr = (byte)(value & ~0x10); break;
            case SequencerIndex: _srIndex = (byte)(value & 7); break;
            case SequencerData: _sr[_srIndex] = (byte)(value & SequencerMask[_srIndex]); break;
            case PelMask: _pelMask = value; break; // stored; QEMU does not apply it either
            case DacReadIndex:
                _dacReadIndex = value;
                _dacSubIndex = 0;
                _dacState = 3;
                break;
            case DacWriteIndex:
                _dacWriteIndex = value;
                _dacSubIndex = 0;
                _dacState = 0;
                break;
            case DacData:
                _dacCache[_dacSubIndex] = value;
                if (++_dacSubIndex == 3)
                {
                    _dacCache.CopyTo(Palette, _dacWriteIndex * 3);
                    PaletteEntryWritten?.Invoke(_dacWriteIndex);
                    _dacSubIndex = 0;
                    _dacWriteIndex++;
                }
                break;
            case GraphicsIndex: _grIndex = (byte)(value & 0x0F); break;
            case GraphicsData: _gr[_grIndex] = (byte)(value & GraphicsMask[_grIndex]); break;
            case CrtIndex: _crIndex = value; break;
            case CrtData: WriteCrt(value); break;
            case InputStatus1: _fcr = (byte)(value & 0x10); break; // feature control
        }
    }

    private void WriteAttribute(int index, byte value)
    {
        switch (index)
        {
            case <= 0x0F: _ar[index] = (byte)(value & 0x3F); break;   // palette
            case 0x10: _ar[index] = (byte)(value & ~0x10); break;     // mode control
            case 0x11: _ar[index] = value; break;                     // overscan
            case 0x12: _ar[index] = (byte)(value & ~0xC0); break;     // plane enable
            case 0x13:
            case 0x14: _ar[index] = (byte)(value & ~0xF0); break;     // pel panning, colour select
        }
    }

    private void WriteCrt(byte value)
    {
        // CR11 bit 7 write-protects CR0-CR7, except CR7 bit 4.
        if ((_cr[0x11] & 0x80) != 0 && _crIndex <= 7)
        {
            if (_crIndex == 7)
                _cr[7] = (byte)((_cr[7] & ~0x10) | (value & 0x10));
            return;
        }
        _cr[_crIndex] = value;
    }
}
