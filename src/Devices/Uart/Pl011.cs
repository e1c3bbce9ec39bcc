using Emulator.Mmu.Physical;

namespace Emulator.Devices.Uart;

/// <summary>
/// Arm PrimeCell UART (PL011), the register set of the Arm PL011 TRM (DDI 0183) as far as a
/// driver can observe it without an interrupt controller: data, flags, control, line control,
/// baud divisors, interrupt mask/status/clear and the PrimeCell identification registers.
/// Transmitted bytes go straight to <see cref="Transmit"/> (the FIFO never fills); received bytes
/// come from <see cref="EnqueueReceived"/> into a 32-entry receive FIFO.
/// </summary>
public sealed class Pl011 : IMmioDevice
{
    private const int FifoDepth = 32;

    // Register offsets.
    private const ulong UARTDR = 0x000;
    private const ulong UARTRSR = 0x004;
    private const ulong UARTFR = 0x018;
    private const ulong UARTILPR = 0x020;
    private const ulong UARTIBRD = 0x024;
    private const ulong UARTFBRD = 0x028;
    private const ulong UARTLCR_H = 0x02C;
    private const ulong UARTCR = 0x030;
    private const ulong UARTIFLS = 0x034;
    private const ulong UARTIMSC = 0x038;
    private const ulong UARTRIS = 0x03C;
    private const ulong UARTMIS = 0x040;
    private const ulong UARTICR = 0x044;
    private const ulong UARTDMACR = 0x048;

    // UARTFR bits.
    private const uint FrRxfe = 1 << 4;
    private const uint FrTxff = 1 << 5;
    private const uint FrRxff = 1 << 6;
    private const uint FrTxfe = 1 << 7;

    // Interrupt bits (RIS/MIS/IMSC/ICR).
    private const uint IntRx = 1 << 4;
    private const uint IntTx = 1 << 5;

    /// <summary>PeriphID0-3 then CellID0-3, as QEMU's pl011 (Arm variant) reports them.</summary>
    private static readonly byte[] Id = [0x11, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1];

    private readonly Action<byte> _transmit;
    private readonly Queue<byte> _rx = new();
    private uint _ilpr, _ibrd, _fbrd, _lcrh, _ifls = 0x12, _imsc, _ris, _dmacr, _rsr;
    private uint _cr = 0x300; // TXE and RXE set at reset

    public Pl011(Action<byte> transmit) => _transmit = transmit;

    public string Name => "pl011";

    /// <summary>Bytes written by the guest so far.</summary>
    public long TransmittedBytes { get; private set; }

    /// <summary>Room left in the receive FIFO.</summary>
    public int ReceiveSpace => FifoDepth - _rx.Count;

    /// <summary>Interrupt line level (UARTINTR): any unmasked raw interrupt.</summary>
    public bool InterruptPending => (_ris & _imsc) != 0;

    /// <summary>Whether a received byte would raise the interrupt (UARTIMSC.RXIM).</summary>
    public bool ReceiveInterruptEnabled => (_imsc & IntRx) != 0;

    /// <summary>Receives the UARTINTR level whenever it changes (the GIC's SPI input).</summary>
    public Action<bool>? InterruptLine { get; set; }

    private bool _lineLevel;

    private void SignalInterrupt()
    {
        bool level = InterruptPending;
        if (level != _lineLevel)
        {
            _lineLevel = level;
            InterruptLine?.Invoke(level);
        }
    }

    /// <summary>Puts a byte into the receive FIFO; false when the FIFO is full (the byte is not taken).</summary>
    public bool EnqueueReceived(byte value)
    {
        if (_rx.Count >= FifoDepth)
            return false;
        _rx.Enqueue(value);
        _ris |= IntRx;
        SignalInterrupt();
        return true;
    }

    public bool Read(ulong offset, int size, out ulong value)
    {
        bool ok = ReadRegister(offset, size, out value);
        SignalInterrupt();
        return ok;
    }

    public bool Write(ulong offset, int size, ulong value)
    {
        bool ok = WriteRegister(offset, size, value);
        SignalInterrupt();
        return ok;
    }

    private bool ReadRegister(ulong offset, int size, out ulong value)
    {
        value = 0;
        if (size > 4)
            return false; // the APB port takes at most 32-bit accesses
        offset &= ~3UL;
        switch (offset)
        {
            case UARTDR:
                if (_rx.Count > 0)
                    value = _rx.Dequeue();
                if (_rx.Count == 0)
                    _ris &= ~IntRx;
                return true;
            case UARTRSR: value = _rsr; return true;
            case UARTFR:
                value = FrTxfe | (_rx.Count == 0 ? FrRxfe : 0) | (_rx.Count >= FifoDepth ? FrRxff : 0);
                return true;
            case UARTILPR: value = _ilpr; return true;
            case UARTIBRD: value = _ibrd; return true;
            case UARTFBRD: value = _fbrd; return true;
            case UARTLCR_H: value = _lcrh; return true;
            case UARTCR: value = _cr; return true;
            case UARTIFLS: value = _ifls; return true;
            case UARTIMSC: value = _imsc; return true;
            case UARTRIS: value = _ris; return true;
            case UARTMIS: value = _ris & _imsc; return true;
            case UARTDMACR: value = _dmacr; return true;
            case >= 0xFE0 and <= 0xFFC:
                value = Id[(offset - 0xFE0) >> 2];
                return true;
            default:
                return true; // reserved offsets read as zero
        }
    }

    private bool WriteRegister(ulong offset, int size, ulong value)
    {
        if (size > 4)
            return false;
        offset &= ~3UL;
        uint v = (uint)value;
        switch (offset)
        {
            case UARTDR:
                _transmit((byte)v);
                TransmittedBytes++;
                _ris |= IntTx; // the transmit FIFO drains at once
                return true;
            case UARTRSR: _rsr = 0; return true; // UARTECR: any write clears the errors
            case UARTILPR: _ilpr = v & 0xFF; return true;
            case UARTIBRD: _ibrd = v & 0xFFFF; return true;
            case UARTFBRD: _fbrd = v & 0x3F; return true;
            case UARTLCR_H: _lcrh = v & 0xFF; return true;
            case UARTCR: _cr = v & 0xFF87; return true;
            case UARTIFLS: _ifls = v & 0x3F; return true;
            case UARTIMSC: _imsc = v & 0x7FF; return true;
            case UARTICR: _ris &= ~v; return true;
            case UARTDMACR: _dmacr = v & 7; return true;
            default:
                return true; // writes to read-only and reserved offsets are ignored
        }
    }
}
