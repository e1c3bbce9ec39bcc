namespace Emulator.Devices.Vga;

/// <summary>
/// The DISPI semantics of QEMU's bochs-display (hw/display/bochs-display.c), used when
/// <see cref="Model"/> is <see cref="DisplayModel.BochsDisplay"/>: bochs_display_vbe_read/write and
/// bochs_display_get_mode.
/// </summary>
public sealed partial class BochsDisplay
{
    /// <summary>
    /// bochs_display_vbe_read: ID always reads 0xB0C5, VIDEO_MEMORY_64K the VRAM size / 64 KiB,
    /// registers 1-9 what was last written; nothing else is stored (GETCAPS does not exist here).
    /// </summary>
    private ushort ReadBochsDispi(int index) => index switch
    {
        Dispi.Id => Dispi.Id5,
        Dispi.VideoMemory64K => (ushort)(VramSize >> 16),
        < Dispi.StoredCount => _regs[index],
        _ => 0xFFFF,
    };

    /// <summary>bochs_display_vbe_write: registers 0-9 store the value as written, with no checks and no side effects (no clearing of VRAM).</summary>
    private void WriteBochsDispi(int index, ushort value)
    {
        if ((uint)index >= Dispi.StoredCount)
            return;
        _regs[index] = value;
        UpdateMode();
    }

    /// <summary>
    /// bochs_display_get_mode: ENABLE bit 0 set, 16 bpp (r5g6b5, native byte order only) or 32 bpp
    /// (x8r8g8b8 in the byte order of the extension register); the stride is VIRT_WIDTH (at least
    /// XRES) pixels; the offset X_OFFSET pixels plus Y_OFFSET lines; at least 64x64; inside VRAM.
    /// </summary>
    private VbeMode? ComputeBochsMode()
    {
        if ((_regs[Dispi.Enable] & Dispi.Enabled) == 0)
            return null;
        int bytesPerPixel = _regs[Dispi.Bpp] switch { 16 => 2, 32 => 4, _ => 0 };
        if (bytesPerPixel == 0)
            return null;
        int width = _regs[Dispi.XRes], height = _regs[Dispi.YRes];
        int virtualWidth = Math.Max((int)_regs[Dispi.VirtWidth], width);
        ulong stride = (ulong)virtualWidth * (ulong)bytesPerPixel;
        ulong size = stride * (ulong)height;
        ulong offset = (ulong)_regs[Dispi.XOffset] * (ulong)bytesPerPixel + _regs[Dispi.YOffset] * stride;
        if (width < 64 || height < 64 || offset + size > VramSize)
            return null;
        return new VbeMode(width, height, _regs[Dispi.Bpp], (int)stride, offset, BigEndianFramebuffer && bytesPerPixel == 4);
    }
}
