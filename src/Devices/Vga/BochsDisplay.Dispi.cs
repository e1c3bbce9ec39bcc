namespace Emulator.Devices.Vga;

/// <summary>The DISPI registers, with QEMU's <c>vbe_ioport_read_data</c>, <c>vbe_ioport_write_data</c> and <c>vbe_fixup_regs</c> semantics.</summary>
public sealed partial class BochsDisplay
{
    private static readonly byte[] ZeroPage = new byte[4096];

    private readonly ushort[] _regs = new ushort[Dispi.StoredCount];
    private readonly ushort _bankMask;
    private uint _lineOffset;   // bytes per VRAM line (QEMU vbe_line_offset)
    private uint _startAddress; // first visible byte / 4 (QEMU vbe_start_addr)

    /// <summary>
    /// Reads DISPI register <paramref name="index"/>. While ENABLE.GETCAPS is set, XRES, YRES and BPP
    /// read their maxima (16000, 12000, 32); VIDEO_MEMORY_64K reads the VRAM size / 64 KiB; indices
    /// past it read 0.
    /// </summary>
    public ushort ReadDispi(int index)
    {
        if ((uint)index < Dispi.StoredCount)
        {
            if ((_regs[Dispi.Enable] & Dispi.GetCaps) != 0)
            {
                switch (index)
                {
                    case Dispi.XRes: return Dispi.MaxXRes;
                    case Dispi.YRes: return Dispi.MaxYRes;
                    case Dispi.Bpp: return Dispi.MaxBpp;
                }
            }
            return _regs[index];
        }
        return index == Dispi.VideoMemory64K ? (ushort)(VramSize >> 16) : (ushort)0;
    }

    /// <summary>
    /// Writes DISPI register <paramref name="index"/> as QEMU does:
    /// <list type="bullet">
    /// <item>ID takes 0xB0C0-0xB0C4 only (so, as in QEMU, 0xB0C5 is only ever the reset value);</item>
    /// <item>XRES, YRES, BPP, VIRT_WIDTH, X_OFFSET and Y_OFFSET are stored, then, while enabled, made
    /// consistent by <c>vbe_fixup_regs</c> (an unknown BPP becomes 8, XRES and VIRT_WIDTH are rounded
    /// down to multiples of 8, sizes are clamped to the maxima and to VRAM, VIRT_HEIGHT is recomputed,
    /// offsets that would not fit are reset to 0);</item>
    /// <item>BANK is masked to the VRAM size (the legacy 0xA0000 window it selects is not modelled);</item>
    /// <item>ENABLE: on a 0→1 transition of ENABLED, VIRT_WIDTH and the offsets are reset and fixed up,
    /// and unless NOCLEARMEM is set the visible VRAM (YRES × line length bytes from offset 0) is zeroed
    /// through the VMM's cacheable view, as QEMU's <c>memset</c>; 8BIT_DAC selects the DAC width;</item>
    /// <item>VIRT_HEIGHT and VIDEO_MEMORY_64K ignore writes.</item>
    /// </list>
    /// </summary>
    public void WriteDispi(int index, ushort value)
    {
        switch (index)
        {
            case Dispi.Id:
                if (value is >= Dispi.Id0 and <= Dispi.Id4)
                    _regs[Dispi.Id] = value;
                return;
            case Dispi.XRes:
            case Dispi.YRes:
            case Dispi.Bpp:
            case Dispi.VirtWidth:
            case Dispi.XOffset:
            case Dispi.YOffset:
                _regs[index] = value;
                FixupRegisters();
                break;
            case Dispi.Bank:
                _regs[Dispi.Bank] = (ushort)(value & _bankMask);
                return;
            case Dispi.Enable:
                WriteEnable(value);
                break;
            default:
                return;
        }
        UpdateMode();
    }

    private void WriteEnable(ushort value)
    {
        if ((value & Dispi.Enabled) != 0 && (_regs[Dispi.Enable] & Dispi.Enabled) == 0)
        {
            _regs[Dispi.VirtWidth] = 0;
            _regs[Dispi.XOffset] = 0;
            _regs[Dispi.YOffset] = 0;
            _regs[Dispi.Enable] |= Dispi.Enabled;
            FixupRegisters();
            if ((value & Dispi.NoClearMem) == 0)
                ClearVram((ulong)_regs[Dispi.YRes] * _lineOffset);
        }
        bool dac8 = (value & Dispi.EightBitDac) != 0;
        if (dac8 != _dac8Bit)
        {
            _dac8Bit = dac8;
            RecomputePalette();
        }
        _regs[Dispi.Enable] = value;
    }

    /// <summary>QEMU's <c>vbe_fixup_regs</c>: adjusts the registers to the closest valid values while enabled.</summary>
    private void FixupRegisters()
    {
        ushort[] r = _regs;
        if ((r[Dispi.Enable] & Dispi.Enabled) == 0)
            return;

        uint bits;
        switch (r[Dispi.Bpp])
        {
            case 4:
            case 8:
            case 16:
            case 24:
            case 32:
                bits = r[Dispi.Bpp];
                break;
            case 15:
                bits = 16;
                break;
            default:
                bits = r[Dispi.Bpp] = 8;
                break;
        }

        r[Dispi.XRes] &= unchecked((ushort)~7);
        if (r[Dispi.XRes] == 0)
            r[Dispi.XRes] = 8;
        if (r[Dispi.XRes] > Dispi.MaxXRes)
            r[Dispi.XRes] = Dispi.MaxXRes;
        r[Dispi.VirtWidth] &= unchecked((ushort)~7);
        if (r[Dispi.VirtWidth] > Dispi.MaxXRes)
            r[Dispi.VirtWidth] = Dispi.MaxXRes;
        if (r[Dispi.VirtWidth] < r[Dispi.XRes])
            r[Dispi.VirtWidth] = r[Dispi.XRes];

        ulong lineLength = r[Dispi.VirtWidth] * bits / 8;
        ulong maxY = VramSize / lineLength;
        if (r[Dispi.YRes] == 0)
            r[Dispi.YRes] = 1;
        if (r[Dispi.YRes] > Dispi.MaxYRes)
            r[Dispi.YRes] = Dispi.MaxYRes;
        if (r[Dispi.YRes] > maxY)
            r[Dispi.YRes] = (ushort)maxY;

        if (r[Dispi.XOffset] > Dispi.MaxXRes)
            r[Dispi.XOffset] = Dispi.MaxXRes;
        if (r[Dispi.YOffset] > Dispi.MaxYRes)
            r[Dispi.YOffset] = Dispi.MaxYRes;
        ulong visible = r[Dispi.YRes] * lineLength;
        ulong offset = r[Dispi.XOffset] * bits / 8 + r[Dispi.YOffset] * lineLength;
        if (offset + visible > VramSize)
        {
            r[Dispi.YOffset] = 0;
            offset = r[Dispi.XOffset] * bits / 8;
            if (offset + visible > VramSize)
            {
                r[Dispi.XOffset] = 0;
                offset = 0;
            }
        }

        r[Dispi.VirtHeight] = unchecked((ushort)maxY); // QEMU stores it in 16 bits too
        _lineOffset = (uint)lineLength;
        _startAddress = (uint)(offset / 4);
    }

    /// <summary>QEMU's mode-set <c>memset(vram, 0, length)</c>, done through the VMM's cacheable view.</summary>
    private void ClearVram(ulong length)
    {
        length = Math.Min(length, VramSize);
        for (ulong at = 0; at < length; at += (ulong)ZeroPage.Length)
        {
            int n = (int)Math.Min((ulong)ZeroPage.Length, length - at);
            _vram.Write(at, ZeroPage.AsSpan(0, n));
        }
    }
}
