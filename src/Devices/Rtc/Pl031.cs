using Emulator.Mmu.Physical;

namespace Emulator.Devices.Rtc;

/// <summary>
/// Arm PrimeCell real-time clock (PL031, DDI 0224): a seconds counter that starts at a fixed,
/// configured time and advances with simulated time (never the host's clock, for determinism).
/// Registers: data, match, load, control, interrupt mask/raw/masked status/clear, and the
/// PrimeCell identification registers.
/// </summary>
/// <remarks>
/// The match interrupt is evaluated when the guest accesses the RTC or the host calls
/// <see cref="Poll"/>; the host stops the core at the second it falls on
/// (<see cref="MatchElapsedSecond"/>), so it is raised on time.
/// </remarks>
public sealed class Pl031 : IMmioDevice
{
    private const ulong RTCDR = 0x000, RTCMR = 0x004, RTCLR = 0x008, RTCCR = 0x00C;
    private const ulong RTCIMSC = 0x010, RTCRIS = 0x014, RTCMIS = 0x018, RTCICR = 0x01C;

    /// <summary>PeriphID0-3 then CellID0-3, as QEMU's pl031 reports them.</summary>
    private static readonly byte[] Id = [0x31, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1];

    private readonly Func<ulong> _elapsedSeconds;
    private uint _offset; // counter = offset + elapsed seconds (mod 2^32)
    private uint _match, _imsc, _ris;
    private bool _lineLevel;
    private uint _lastPolled;

    /// <param name="startSeconds">Counter value at simulated time 0 (a Unix time).</param>
    /// <param name="elapsedSeconds">Whole simulated seconds since the machine started.</param>
    public Pl031(uint startSeconds, Func<ulong> elapsedSeconds)
    {
        _offset = startSeconds;
        _elapsedSeconds = elapsedSeconds;
        _lastPolled = startSeconds;
    }

    public string Name => "pl031";

    /// <summary>Receives the RTCINTR level whenever it changes (the GIC's SPI input).</summary>
    public Action<bool>? InterruptLine { get; set; }

    /// <summary>The current counter value (RTCDR).</summary>
    public uint Counter => unchecked(_offset + (uint)_elapsedSeconds());

    /// <summary>
    /// The elapsed simulated second (as <c>elapsedSeconds</c> counts) at which the counter reaches
    /// the match value, while the match interrupt is unmasked and not yet raised; null otherwise.
    /// The host makes it a deadline, so that an alarm wakes a sleeping core on time.
    /// </summary>
    public ulong? MatchElapsedSecond
    {
        get
        {
            if (_imsc == 0 || _ris != 0)
                return null;
            uint ahead = unchecked(_match - Counter);
            return ahead == 0 ? null : _elapsedSeconds() + ahead;
        }
    }

    /// <summary>Re-evaluates the match interrupt: raised when the counter has passed the match value since the last look.</summary>
    public void Poll()
    {
        uint now = Counter;
        if (unchecked(_match - _lastPolled - 1) < unchecked(now - _lastPolled))
            _ris = 1;
        _lastPolled = now;
        bool level = (_ris & _imsc) != 0;
        if (level != _lineLevel)
        {
            _lineLevel = level;
            InterruptLine?.Invoke(level);
        }
    }

    public bool Read(ulong offset, int size, out ulong value)
    {
        value = 0;
        if (size > 4)
            return false;
        Poll();
        switch (offset & ~3UL)
        {
            case RTCDR: value = Counter; break;
            case RTCMR: value = _match; break;
            case RTCLR: value = Counter; break;
            case RTCCR: value = 1; break; // RTCStart: the counter always runs
            case RTCIMSC: value = _imsc; break;
            case RTCRIS: value = _ris; break;
            case RTCMIS: value = _ris & _imsc; break;
            case >= 0xFE0 and <= 0xFFC: value = Id[((offset & ~3UL) - 0xFE0) >> 2]; break;
        }
        return true;
    }

    public bool Write(ulong offset, int size, ulong value)
    {
        if (size > 4)
            return false;
        uint v = (uint)value;
        switch (offset & ~3UL)
        {
            case RTCMR: _match = v; break;
            case RTCLR:
                _offset = unchecked(v - (uint)_elapsedSeconds());
                _lastPolled = v;
                break;
            case RTCIMSC: _imsc = v & 1; break;
            case RTCICR: _ris &= ~(v & 1); break;
        }
        Poll();
        return true;
    }
}
