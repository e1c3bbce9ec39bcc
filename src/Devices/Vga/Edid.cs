namespace Emulator.Devices.Vga;

/// <summary>
/// The EDID the display shows at offset 0 of its MMIO window (QEMU's std VGA has one there when
/// <c>edid=on</c>): a 128-byte EDID 1.3 base block of our own, padded with zeros to the window's
/// 256 bytes. It describes a digital monitor named "emulator VGA" whose preferred timing is the
/// VESA DMT 1024x768 at 60 Hz (65 MHz), with 640x480, 800x600 and 1024x768 at 60 Hz among the
/// established timings.
/// </summary>
public static class Edid
{
    /// <summary>Bytes in the EDID region of the MMIO window.</summary>
    public const int RegionSize = 256;

    /// <summary>Builds the 256-byte region.</summary>
    public static byte[] Build()
    {
        var e = new byte[RegionSize];
        byte[] header = [0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00];
        header.CopyTo(e, 0);
        // Manufacturer "RHT" (three 5-bit letters, 'A' = 1, big-endian), as QEMU's EDID; product 0x1234.
        ushort vendor = (ushort)((('R' - '@') << 10) | (('H' - '@') << 5) | ('T' - '@'));
        e[8] = (byte)(vendor >> 8);
        e[9] = (byte)vendor;
        e[10] = 0x34;
        e[11] = 0x12;
        e[16] = 1;                 // week of manufacture
        e[17] = 2026 - 1990;       // year of manufacture
        e[18] = 1;                 // EDID version 1
        e[19] = 3;                 // revision 3
        e[20] = 0x80;              // digital input
        e[21] = 32;                // 32 cm x 24 cm (4:3)
        e[22] = 24;
        e[23] = 120;               // gamma 2.20
        e[24] = 0x0A;              // RGB colour, preferred timing in descriptor 1
        byte[] chromaticity = [0xEE, 0x91, 0xA3, 0x54, 0x4C, 0x99, 0x26, 0x0F, 0x50, 0x54]; // sRGB primaries
        chromaticity.CopyTo(e, 25);
        e[35] = 0x21;              // 640x480@60, 800x600@60
        e[36] = 0x08;              // 1024x768@60
        e[37] = 0x00;
        for (int i = 38; i < 54; i++)
            e[i] = 0x01;           // no standard timings
        WritePreferredTiming(e.AsSpan(54, 18));
        WriteTextDescriptor(e.AsSpan(72, 18), 0xFC, "emulator VGA");
        WriteRangeLimits(e.AsSpan(90, 18));
        e[108 + 3] = 0x10;         // dummy descriptor
        e[126] = 0;                // no extension blocks
        byte sum = 0;
        for (int i = 0; i < 127; i++)
            sum += e[i];
        e[127] = (byte)(0x100 - sum);
        return e;
    }

    /// <summary>Detailed timing descriptor: VESA DMT 1024x768 at 60 Hz.</summary>
    private static void WritePreferredTiming(Span<byte> d)
    {
        const int clock10kHz = 6500, hActive = 1024, hBlank = 320, vActive = 768, vBlank = 38;
        const int hFront = 24, hSync = 136, vFront = 3, vSync = 6, widthMm = 320, heightMm = 240;
        d[0] = clock10kHz & 0xFF;
        d[1] = clock10kHz >> 8;
        d[2] = hActive & 0xFF;
        d[3] = hBlank & 0xFF;
        d[4] = (byte)(((hActive >> 8) << 4) | (hBlank >> 8));
        d[5] = vActive & 0xFF;
        d[6] = vBlank & 0xFF;
        d[7] = (byte)(((vActive >> 8) << 4) | (vBlank >> 8));
        d[8] = hFront;
        d[9] = hSync;
        d[10] = (vFront << 4) | vSync;
        d[11] = 0;
        d[12] = widthMm & 0xFF;
        d[13] = heightMm & 0xFF;
        d[14] = (byte)(((widthMm >> 8) << 4) | (heightMm >> 8));
        d[17] = 0x18;              // digital separate sync, negative H and V sync
    }

    private static void WriteTextDescriptor(Span<byte> d, byte tag, string text)
    {
        d[3] = tag;
        int i = 5;
        foreach (char c in text)
            d[i++] = (byte)c;
        if (i < 18)
            d[i++] = 0x0A;
        while (i < 18)
            d[i++] = 0x20;
    }

    private static void WriteRangeLimits(Span<byte> d)
    {
        d[3] = 0xFD;
        d[5] = 50;                 // vertical 50-125 Hz
        d[6] = 125;
        d[7] = 30;                 // horizontal 30-160 kHz
        d[8] = 160;
        d[9] = 17;                 // pixel clock up to 170 MHz
        d[10] = 0x00;              // no secondary timing formula
        d[11] = 0x0A;
        for (int i = 12; i < 18; i++)
            d[i] = 0x20;
    }
}
