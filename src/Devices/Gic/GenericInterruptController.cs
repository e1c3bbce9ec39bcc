namespace Emulator.Devices.Gic;

/// <summary>
/// A Generic Interrupt Controller for one PE, as QEMU virt has it: GICv2 (distributor and
/// memory-mapped CPU interface, no Security Extensions) or GICv3 (distributor, one redistributor,
/// CPU interface through System registers, single Security state: GICD_CTLR.DS = 1). SGIs 0-15,
/// PPIs 16-31, SPIs 32-287 (QEMU virt's 256). This file holds the interrupt state and the
/// prioritization shared by both versions (GIC architecture specification IHI 0048B chapter 3,
/// IHI 0069 chapter 4); the register maps are in the other parts of the class.
/// </summary>
public sealed partial class GenericInterruptController
{
    /// <summary>Interrupt IDs 0..NumInterrupts-1 exist: 32 private plus 256 SPIs, as QEMU virt.</summary>
    public const int NumInterrupts = 288;

    /// <summary>INTID returned by an acknowledge with nothing to acknowledge.</summary>
    public const uint SpuriousIntid = 1023;

    private const int Words = NumInterrupts / 32;
    private const byte IdlePriority = 0xFF;

    private readonly uint[] _enabled = new uint[Words];
    private readonly uint[] _pendingLatch = new uint[Words];  // edge-triggered or software-set pending state
    private readonly uint[] _level = new uint[Words];         // input line levels
    private readonly uint[] _edge = new uint[Words];          // ICFGR: 1 = edge-triggered
    private readonly uint[] _active = new uint[Words];
    private readonly uint[] _group = new uint[Words];         // IGROUPR: 1 = Group 1
    private readonly byte[] _priority = new byte[NumInterrupts];
    private readonly byte[] _targets = new byte[NumInterrupts]; // GICv2 ITARGETSR
    private readonly ulong[] _router = new ulong[NumInterrupts]; // GICv3 IROUTER
    private readonly int[] _activeStack = new int[NumInterrupts]; // acknowledged, not yet priority-dropped
    private int _activeDepth;
    private Action<bool, bool> _signal = static (_, _) => { };
    private bool _irqOut, _fiqOut;

    // Distributor and CPU interface control.
    private uint _distributorControl;
    private uint _cpuControl;      // GICC_CTLR (v2) or the ICC_CTLR_EL1 bits CBPR (0), EOImode (1) (v3)
    private bool _groupEnable0, _groupEnable1; // GICC_CTLR.EnableGrp0/1 (v2) or ICC_IGRPEN0/1_EL1 (v3)
    private byte _priorityMask;
    private uint _binaryPoint0, _binaryPoint1;
    private uint _redistributorWaker = 0b110; // GICR_WAKER: ProcessorSleep and ChildrenAsleep at reset

    public GenericInterruptController(int version)
    {
        if (version is not (2 or 3))
            throw new ArgumentOutOfRangeException(nameof(version), version, "GIC version must be 2 or 3");
        Version = version;
        Reset();
    }

    /// <summary>2 or 3.</summary>
    public int Version { get; }

    public bool HasSystemRegisterInterface => Version == 3;

    /// <summary>The IRQ and FIQ outputs to the PE (ArmCore.SetInterruptRequest).</summary>
    public void Connect(Action<bool, bool> signal)
    {
        _signal = signal;
        _signal(_irqOut, _fiqOut);
    }

    public bool IrqOutput => _irqOut;

    public bool FiqOutput => _fiqOut;

    public void Reset()
    {
        Array.Clear(_enabled);
        Array.Clear(_pendingLatch);
        Array.Clear(_active);
        Array.Clear(_group);
        Array.Clear(_priority);
        Array.Clear(_router);
        Array.Clear(_edge);
        _edge[0] = 0xFFFF; // SGIs are edge-triggered
        for (int i = 0; i < NumInterrupts; i++)
            _targets[i] = (byte)(i < 32 ? 1 : 0);
        _activeDepth = 0;
        _distributorControl = Version == 3 ? DistributorAre | DistributorDs : 0;
        _cpuControl = 0;
        _groupEnable0 = _groupEnable1 = false;
        _priorityMask = 0;
        _binaryPoint0 = Version == 3 ? 2u : 0u;
        _binaryPoint1 = _binaryPoint0 + 1;
        _redistributorWaker = 0b110;
        Update();
    }

    // ---- Inputs ----

    /// <summary>Sets the level of a private peripheral interrupt (INTID 16..31): the timer outputs.</summary>
    public void SetPrivateInterruptLevel(uint intid, bool level)
    {
        if (intid is < 16 or > 31)
            throw new ArgumentOutOfRangeException(nameof(intid), intid, "PPIs are INTIDs 16..31");
        SetLevel((int)intid, level);
    }

    /// <summary>Sets the level of shared peripheral interrupt <paramref name="spi"/> (INTID 32 + spi).</summary>
    public void SetSpiLevel(uint spi, bool level)
    {
        if (spi >= NumInterrupts - 32)
            throw new ArgumentOutOfRangeException(nameof(spi), spi, "no such SPI");
        SetLevel((int)spi + 32, level);
    }

    /// <summary>The input callback for SPI <paramref name="spi"/>, for a device's interrupt line.</summary>
    public Action<bool> SpiLine(uint spi) => level => SetSpiLevel(spi, level);

    private void SetLevel(int intid, bool level)
    {
        bool was = Bit(_level, intid);
        if (was == level)
            return;
        SetBit(_level, intid, level);
        if (level && Bit(_edge, intid))
            SetBit(_pendingLatch, intid, true); // rising edge
        Update();
    }

    // ---- State queries ----

    public bool IsPending(int intid) => Bit(_pendingLatch, intid) || (Bit(_level, intid) && !Bit(_edge, intid));

    public bool IsActive(int intid) => Bit(_active, intid);

    public bool IsEnabled(int intid) => Bit(_enabled, intid);

    private static bool Bit(uint[] bits, int n) => (bits[n >> 5] & (1u << (n & 31))) != 0;

    private static void SetBit(uint[] bits, int n, bool value)
    {
        if (value)
            bits[n >> 5] |= 1u << (n & 31);
        else
            bits[n >> 5] &= ~(1u << (n & 31));
    }

    private uint PendingWord(int word) => _pendingLatch[word] | (_level[word] & ~_edge[word]);

    private bool GroupEnabled(int intid) => Bit(_group, intid)
        ? (_distributorControl & 2) != 0 && _groupEnable1
        : (_distributorControl & 1) != 0 && _groupEnable0;

    private bool RoutedHere(int intid)
    {
        if (intid < 32)
            return true;
        if (Version == 2)
            return Uniprocessor || (_targets[intid] & 1) != 0; // uniprocessor: every interrupt targets the one CPU
        ulong route = _router[intid];
        return (route & (1UL << 31)) != 0 || (route & 0xFF_00FF_FFFFUL) == 0; // IRM, or affinity 0.0.0.0
    }

    /// <summary>The group priority of <paramref name="priority"/> for its group (binary point).</summary>
    private byte GroupPriority(byte priority, bool group1)
    {
        bool common = (_cpuControl & (Version == 2 ? 1u << 4 : 1u)) != 0; // CBPR
        uint bpr = group1 && !common ? _binaryPoint1 - (Version == 2 ? 1u : 0u) : _binaryPoint0;
        return (byte)(priority & (0xFF << (int)(bpr + 1)));
    }

    /// <summary>The running priority: that of the most recent acknowledged interrupt not yet priority-dropped.</summary>
    public byte RunningPriority
    {
        get
        {
            byte best = IdlePriority;
            for (int i = 0; i < _activeDepth; i++)
            {
                int id = _activeStack[i];
                byte p = GroupPriority(_priority[id], Bit(_group, id));
                if (p < best)
                    best = p;
            }
            return best;
        }
    }

    /// <summary>
    /// The highest-priority pending interrupt that is enabled, not active, of an enabled group and
    /// routed to this PE, with a priority above the priority mask; -1 if none.
    /// </summary>
    private int HighestPriorityPending()
    {
        int best = -1;
        int bestPriority = 0x100;
        for (int w = 0; w < Words; w++)
        {
            uint candidates = PendingWord(w) & _enabled[w] & ~_active[w];
            while (candidates != 0)
            {
                int bit = global::System.Numerics.BitOperations.TrailingZeroCount(candidates);
                candidates &= candidates - 1;
                int id = w * 32 + bit;
                if (_priority[id] < bestPriority && GroupEnabled(id) && RoutedHere(id))
                {
                    best = id;
                    bestPriority = _priority[id];
                }
            }
        }
        return best >= 0 && bestPriority < _priorityMask ? best : -1;
    }

    /// <summary>Recomputes the IRQ/FIQ outputs: the HPPI is signalled when its group priority beats the running priority.</summary>
    private void Update()
    {
        int id = HighestPriorityPending();
        bool irq = false, fiq = false;
        if (id >= 0)
        {
            bool group1 = Bit(_group, id);
            if (GroupPriority(_priority[id], group1) < RunningPriority)
            {
                // GICv2: Group 0 goes to FIQ only with GICC_CTLR.FIQEn; GICv3 (DS = 1): Group 0 is FIQ.
                bool asFiq = !group1 && (Version == 3 || (_cpuControl & (1u << 3)) != 0);
                fiq = asFiq;
                irq = !asFiq;
            }
        }
        if (irq != _irqOut || fiq != _fiqOut)
        {
            _irqOut = irq;
            _fiqOut = fiq;
            _signal(irq, fiq);
        }
    }

    // ---- CPU interface operations shared by GICC_* and ICC_* ----

    /// <summary>
    /// Acknowledge (GICC_IAR, ICC_IAR0/1_EL1): the signalled HPPI of the given group (null: either)
    /// becomes active and stops being pending; returns its INTID or 1023.
    /// </summary>
    private uint Acknowledge(bool? group1)
    {
        int id = HighestPriorityPending();
        if (id < 0 || (group1 is bool g && Bit(_group, id) != g)
            || GroupPriority(_priority[id], Bit(_group, id)) >= RunningPriority)
            return SpuriousIntid;
        SetBit(_pendingLatch, id, false);
        SetBit(_active, id, true);
        _activeStack[_activeDepth++] = id;
        Update();
        return (uint)id;
    }

    /// <summary>End of interrupt (GICC_EOIR, ICC_EOIR0/1_EL1): priority drop, and deactivation unless EOImode is set.</summary>
    private void EndOfInterrupt(uint intid)
    {
        int id = (int)(intid & 0xFFFFFF);
        if (id >= NumInterrupts)
            return;
        for (int i = _activeDepth - 1; i >= 0; i--)
        {
            if (_activeStack[i] == id)
            {
                Array.Copy(_activeStack, i + 1, _activeStack, i, _activeDepth - i - 1);
                _activeDepth--;
                break;
            }
        }
        bool eoiModeSplit = (_cpuControl & (Version == 2 ? 1u << 9 : 2u)) != 0;
        if (!eoiModeSplit)
            SetBit(_active, id, false);
        Update();
    }

    /// <summary>Deactivate (GICC_DIR, ICC_DIR_EL1).</summary>
    private void Deactivate(uint intid)
    {
        int id = (int)(intid & 0xFFFFFF);
        if (id >= NumInterrupts)
            return;
        SetBit(_active, id, false);
        Update();
    }

    /// <summary>HPPIR: the highest-priority pending interrupt above the priority mask, or 1023.</summary>
    private uint HighestPendingIntid(bool? group1)
    {
        int id = HighestPriorityPending();
        return id < 0 || (group1 is bool g && Bit(_group, id) != g) ? SpuriousIntid : (uint)id;
    }

    /// <summary>Makes SGI <paramref name="sgi"/> pending on this PE (the only one).</summary>
    private void RaiseSgi(uint sgi)
    {
        SetBit(_pendingLatch, (int)(sgi & 15), true);
        Update();
    }
}
