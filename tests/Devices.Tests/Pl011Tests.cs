using Emulator.Devices.Uart;

namespace Emulator.Devices.Tests;

/// <summary>The PL011 as a driver sees it (Arm DDI 0183): data, flags, interrupts, identification.</summary>
public sealed class Pl011Tests
{
    private readonly List<byte> _sent = [];
    private readonly Pl011 _uart;

    public Pl011Tests() => _uart = new Pl011(_sent.Add);

    private ulong Read(ulong offset)
    {
        Assert.True(_uart.Read(offset, 4, out ulong value));
        return value;
    }

    [Fact]
    public void Bytes_written_to_DR_are_transmitted_in_order()
    {
        foreach (byte b in "hi\n"u8.ToArray())
            Assert.True(_uart.Write(0x000, 1, b));
        Assert.Equal("hi\n"u8.ToArray(), _sent);
        Assert.Equal(3, _uart.TransmittedBytes);
    }

    [Fact]
    public void Flags_say_transmit_empty_and_receive_empty_at_reset()
    {
        ulong fr = Read(0x018);
        Assert.NotEqual(0UL, fr & (1 << 7)); // TXFE
        Assert.NotEqual(0UL, fr & (1 << 4)); // RXFE
        Assert.Equal(0UL, fr & (1 << 5));    // TXFF never set: the FIFO drains at once
    }

    [Fact]
    public void Received_bytes_are_read_from_DR_in_order_and_the_flags_follow()
    {
        Assert.True(_uart.EnqueueReceived((byte)'a'));
        Assert.True(_uart.EnqueueReceived((byte)'b'));
        Assert.Equal(0UL, Read(0x018) & (1 << 4));
        Assert.Equal((ulong)'a', Read(0x000));
        Assert.Equal((ulong)'b', Read(0x000));
        Assert.NotEqual(0UL, Read(0x018) & (1 << 4));
    }

    [Fact]
    public void Receive_fifo_holds_32_bytes_and_refuses_more()
    {
        for (int i = 0; i < 32; i++)
            Assert.True(_uart.EnqueueReceived((byte)i));
        Assert.False(_uart.EnqueueReceived(0xFF));
        Assert.NotEqual(0UL, Read(0x018) & (1 << 6)); // RXFF
        Assert.Equal(0, _uart.ReceiveSpace);
    }

    [Fact]
    public void Receive_interrupt_is_raised_masked_and_cleared()
    {
        _uart.EnqueueReceived(1);
        Assert.NotEqual(0UL, Read(0x03C) & (1 << 4)); // RIS.RXRIS
        Assert.False(_uart.InterruptPending);        // masked by IMSC
        _uart.Write(0x038, 4, 1 << 4);
        Assert.True(_uart.InterruptPending);
        Assert.Equal(1UL << 4, Read(0x040));          // MIS
        Read(0x000);                                  // draining the FIFO drops the level
        Assert.False(_uart.InterruptPending);
    }

    [Fact]
    public void Control_and_baud_registers_read_back_what_was_written()
    {
        _uart.Write(0x024, 4, 0x27);   // IBRD
        _uart.Write(0x028, 4, 0x04);   // FBRD
        _uart.Write(0x02C, 4, 0x70);   // LCR_H: 8 bits, FIFOs on
        _uart.Write(0x030, 4, 0x301);  // CR: UARTEN, TXE, RXE
        Assert.Equal(0x27UL, Read(0x024));
        Assert.Equal(0x04UL, Read(0x028));
        Assert.Equal(0x70UL, Read(0x02C));
        Assert.Equal(0x301UL, Read(0x030));
    }

    [Fact]
    public void PrimeCell_identification_registers_identify_a_PL011()
    {
        ulong[] id = [.. Enumerable.Range(0, 8).Select(i => Read(0xFE0 + (ulong)(i * 4)))];
        Assert.Equal(new ulong[] { 0x11, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1 }, id);
    }

    [Fact]
    public void Doubleword_accesses_are_bus_errors()
    {
        Assert.False(_uart.Read(0x000, 8, out _));
        Assert.False(_uart.Write(0x000, 8, 0x41));
        Assert.Empty(_sent);
    }
}
