namespace Emulator.Devices.Gic;

/// <summary>
/// A Generic Interrupt Controller for 1 to 8 PEs, as QEMU virt has it: GICv2 (distributor and
/// memory-mapped CPU interface, no Security Extensions) or GICv3 (distributor, one redistributor
/// per PE, CPU interface through System registers, single Security state: GICD_CTLR.DS = 1).
/// SGIs 0-15 and PPIs 16-31 are banked per PE (<see cref="GicCpu"/>), SPIs 32-287 (QEMU virt's
/// 256) are shared and routed by GICD_ITARGETSR (v2) or GICD_IROUTER (v3). This file holds the
/// interrupt state and the prioritization shared by both versions (GIC architecture specification
/// IHI 0048B chapter 3, IHI 0069 chapter 4); the register maps are in the other parts of the class.
/// </summary>
public sealed partial class GenericInterruptController
{
    /// <summary>Interrupt IDs 0..NumInterrupts-1 exist: 32 private plus 256 SPIs, as QEMU virt.</summary>
    public const int NumInterrupts = 288;

    /// <summary>INTID returned by an acknowledge with nothing to acknowledge.</summary>
    public const uint SpuriousIntid = 1023;

    /// <summary>Most PEs a GICv2 can serve (its CPU target lists are 8 bits wide).</summary>
    public const int MaxCpus = 8;

    private const int Words = NumInterrupts / 32;
    private const byte IdlePriority = 0xFF;

    // The state of the SPIs (word 0 of each array is unused: INTIDs 0-31 are banked in GicCpu).
    private readonly uint[] _enabled = new uint[Words];
    private readonly uint[] _pendingLatch = new uint[Words];  // edge-triggered or software-set pending state
    private readonly uint[] _level = new uint[Words];         // input line levels
    private readonly uint[] _edge = new uint[Words];          // ICFGR: 1 = edge-triggered
    private readonly uint[] _active = new uint[Words];
    private readonly uint[] _group = new uint[Words];         // IGROUPR: 1 = Group 1
    private readonly byte[] _priority = new byte[NumInterrupts];
    private readonly byte[] _targets = new byte[NumInterrupts]; // GICv2 ITARGETSR
    private readonly ulong[] _router = new ulong[NumInterrupts]; // GICv3 IROUTER
    private readonly GicCpu[] _cpus;

    // Distributor control.
    private uint _distributorControl;

    public GenericInterruptController(int version, int cpuCount = 1)
    {
        if (version is not (2 or 3))
            throw new ArgumentOutOfRangeException(nameof(version), version, "GIC version must be 2 or 3");
        if (cpuCount is < 1 or > MaxCpus)
            throw new ArgumentOutOfRangeException(nameof(cpuCount), cpuCount, $"the GIC serves 1 to {MaxCpus} PEs");
        Version = version;
        _cpus = new GicCpu[cpuCount];
        for (int i = 0; i < cpuCount; i++)
            _cpus[i] = new GicCpu(i);
        Reset();
    }

    /// <summary>2 or 3.</summary>
    public int Version { get; }

    /// <summary>Number of PEs (CPU interfaces; redistributors with GICv3).</summary>
    public int CpuCount => _cpus.Length;

    public bool HasSystemRegisterInterface => Version == 3;

    /// <summary>
    /// The PE whose memory-mapped accesses the GIC sees now (GICv2's banked distributor registers
    /// and CPU interface): the run loop sets it to the core it runs or whose exit it handles.
    /// </summary>
    public int CurrentCpu
    {
        get => _currentCpu;
        set
        {
            if ((uint)value >= (uint)_cpus.Length)
                throw new ArgumentOutOfRangeException(nameof(value), value, "no such PE");
            _currentCpu = value;
        }
    }

    private int _currentCpu;

    private GicCpu Current => _cpus[_currentCpu];

    /// <summary>The IRQ and FIQ outputs to PE 0 (ArmCore.SetInterruptRequest).</summary>
    public void Connect(Action<bool, bool> signal) => Connect(0, signal);

    /// <summary>The IRQ and FIQ outputs to PE <paramref name="cpu"/>.</summary>
    public void Connect(int cpu, Action<bool, bool> signal)
    {
        GicCpu c = _cpus[cpu];
        c.Signal = signal;
        signal(c.IrqOut, c.FiqOut);
    }

    /// <summary>PE 0's IRQ output.</summary>
    public bool IrqOutput => _cpus[0].IrqOut;

    /// <summary>PE 0's FIQ output.</summary>
    public bool FiqOutput => _cpus[0].FiqOut;

    public void Reset()
    {
        Array.Clear(_enabled);
        Array.Clear(_pendingLatch);
        Array.Clear(_active);
        Array.Clear(_group);
        Array.Clear(_priority);
        Array.Clear(_router);
        Array.Clear(_edge);
        Array.Clear(_targets);
        foreach (GicCpu c in _cpus)
            c.Reset(Version);
        _distributorControl = Version == 3 ? DistributorAre | DistributorDs : 0;
        Update();
    }

    // ---- Inputs ----

    /// <summary>Sets the level of PE 0's private peripheral interrupt <paramref name="intid"/> (16..31).</summary>
    public void SetPrivateInterruptLevel(uint intid, bool level) => SetPrivateInterruptLevel(0, intid, level);

    /// <summary>Sets the level of a private peripheral interrupt (INTID 16..31) of PE <paramref name="cpu"/>: its timer outputs.</summary>
    public void SetPrivateInterruptLevel(int cpu, uint intid, bool level)
    {
        if (intid is < 16 or > 31)
            throw new ArgumentOutOfRangeException(nameof(intid), intid, "PPIs are INTIDs 16..31");
        GicCpu c = _cpus[cpu];
        uint bit = 1u << (int)intid;
        if (((c.Level0 & bit) != 0) == level)
            return;
        c.Level0 = level ? c.Level0 | bit : c.Level0 & ~bit;
        if (level && (c.Edge0 & bit) != 0)
            c.Pending0 |= bit; // rising edge
        Update();
    }

    /// <summary>Sets the level of shared peripheral interrupt <paramref name="spi"/> (INTID 32 + spi).</summary>
    public void SetSpiLevel(uint spi, bool level)
    {
        if (spi >= NumInterrupts - 32)
            throw new ArgumentOutOfRangeException(nameof(spi), spi, "no such SPI");
        int intid = (int)spi + 32;
        bool was = Bit(_level, intid);
        if (was == level)
            return;
        SetBit(_level, intid, level);
        if (level && Bit(_edge, intid))
            SetBit(_pendingLatch, intid, true); // rising edge
        Update();
    }

    /// <summary>The input callback for SPI <paramref name="spi"/>, for a device's interrupt line.</summary>
    public Action<bool> SpiLine(uint spi) => level => SetSpiLevel(spi, level);

    // ---- State queries (INTIDs 0-31 as the current PE sees them) ----

    public bool IsPending(int intid) => IsPending(Current, intid);

    public bool IsActive(int intid) => Active(Current, intid);

    public bool IsEnabled(int intid) => Enabled(Current, intid);

    /// <summary>Whether <paramref name="intid"/> is active as PE <paramref name="cpu"/> sees it.</summary>
    public bool IsActive(int cpu, int intid) => Active(_cpus[cpu], intid);

    /// <summary>Whether <paramref name="intid"/> is pending as PE <paramref name="cpu"/> sees it.</summary>
    public bool IsPending(int cpu, int intid) => IsPending(_cpus[cpu], intid);

    /// <summary>PE <paramref name="cpu"/>'s IRQ output.</summary>
    public bool IrqOutputOf(int cpu) => _cpus[cpu].IrqOut;

    private static bool Bit(uint[] bits, int n) => (bits[n >> 5] & (1u << (n & 31))) != 0;

    private static void SetBit(uint[] bits, int n, bool value)
    {
        if (value)
            bits[n >> 5] |= 1u << (n & 31);
        else
            bits[n >> 5] &= ~(1u << (n & 31));
    }

    // Word accessors: word 0 is the PE's bank, the others the shared SPI state.
    private uint EnabledWord(GicCpu c, int w) => w == 0 ? c.Enabled0 : _enabled[w];

    private uint ActiveWord(GicCpu c, int w) => w == 0 ? c.Active0 : _active[w];

    private uint GroupWord(GicCpu c, int w) => w == 0 ? c.Group0 : _group[w];

    private uint EdgeWord(GicCpu c, int w) => w == 0 ? c.Edge0 : _edge[w];

    private uint PendingWord(GicCpu c, int w) => w == 0
        ? c.Pending0 | (c.Level0 & ~c.Edge0)
        : _pendingLatch[w] | (_level[w] & ~_edge[w]);

    private bool IsPending(GicCpu c, int id) => (PendingWord(c, id >> 5) & (1u << (id & 31))) != 0;

    private bool Active(GicCpu c, int id) => (ActiveWord(c, id >> 5) & (1u << (id & 31))) != 0;

    private bool Enabled(GicCpu c, int id) => (EnabledWord(c, id >> 5) & (1u << (id & 31))) != 0;

    private bool Group1(GicCpu c, int id) => (GroupWord(c, id >> 5) & (1u << (id & 31))) != 0;

    private byte Priority(GicCpu c, int id) => id < 32 ? c.Priority[id] : _priority[id];

    private void SetActive(GicCpu c, int id, bool value)
    {
        if (id < 32)
            c.Active0 = value ? c.Active0 | 1u << id : c.Active0 & ~(1u << id);
        else
            SetBit(_active, id, value);
    }

    /// <summary>Clears the pending state of <paramref name="id"/> as acknowledged by <paramref name="c"/> (one SGI source at a time with GICv2).</summary>
    private void ClearPendingOnAcknowledge(GicCpu c, int id, out int sgiSource)
    {
        sgiSource = 0;
        if (id >= 32)
        {
            SetBit(_pendingLatch, id, false);
            return;
        }
        if (id < 16 && Version == 2)
        {
            // GICv2 keeps an SGI pending per source PE; the acknowledge takes the lowest one (IHI 0048B 3.2.2).
            byte sources = c.SgiSources[id];
            sgiSource = global::System.Numerics.BitOperations.TrailingZeroCount((uint)sources);
            sources = (byte)(sources & (sources - 1));
            c.SgiSources[id] = sources;
            if (sources != 0)
                return; // still pending from another source
        }
        c.Pending0 &= ~(1u << id);
    }

    private bool GroupEnabled(GicCpu c, int intid) => Group1(c, intid)
        ? (_distributorControl & 2) != 0 && c.GroupEnable1
        : (_distributorControl & 1) != 0 && c.GroupEnable0;

    private bool RoutedTo(GicCpu c, int intid)
    {
        if (intid < 32)
            return true;
        if (Version == 2)
            return Uniprocessor || (_targets[intid] & (1 << c.Index)) != 0; // uniprocessor: every interrupt targets the one CPU
        ulong route = _router[intid];
        if ((route & (1UL << 31)) != 0)
            return c.Index == OneOfNTarget(intid); // IRM: 1 of N, the lowest PE that can take it
        return (route & 0xFF_00FF_FFFFUL) == (ulong)c.Index; // affinity 0.0.0.index
    }

    /// <summary>The PE an IRM = 1 SPI goes to: the lowest-numbered one with the interrupt's group enabled (PE 0 if none).</summary>
    private int OneOfNTarget(int intid)
    {
        foreach (GicCpu c in _cpus)
        {
            if (GroupEnabled(c, intid))
                return c.Index;
        }
        return 0;
    }

    /// <summary>The group priority of <paramref name="priority"/> for its group (binary point).</summary>
    private byte GroupPriority(GicCpu c, byte priority, bool group1)
    {
        bool common = (c.Control & (Version == 2 ? 1u << 4 : 1u)) != 0; // CBPR
        uint bpr = group1 && !common ? c.BinaryPoint1 - (Version == 2 ? 1u : 0u) : c.BinaryPoint0;
        return (byte)(priority & (0xFF << (int)(bpr + 1)));
    }

    /// <summary>The current PE's running priority.</summary>
    public byte RunningPriority => RunningPriorityOf(Current);

    /// <summary>The running priority: that of the most recent acknowledged interrupt not yet priority-dropped.</summary>
    private byte RunningPriorityOf(GicCpu c)
    {
        byte best = IdlePriority;
        for (int i = 0; i < c.ActiveDepth; i++)
        {
            int id = c.ActiveStack[i];
            byte p = GroupPriority(c, Priority(c, id), Group1(c, id));
            if (p < best)
                best = p;
        }
        return best;
    }

    /// <summary>
    /// The highest-priority pending interrupt that is enabled, not active, of an enabled group and
    /// routed to PE <paramref name="c"/>, with a priority above its priority mask; -1 if none.
    /// </summary>
    private int HighestPriorityPending(GicCpu c)
    {
        int best = -1;
        int bestPriority = 0x100;
        for (int w = 0; w < Words; w++)
        {
            uint candidates = PendingWord(c, w) & EnabledWord(c, w) & ~ActiveWord(c, w);
            while (candidates != 0)
            {
                int bit = global::System.Numerics.BitOperations.TrailingZeroCount(candidates);
                candidates &= candidates - 1;
                int id = w * 32 + bit;
                byte p = Priority(c, id);
                if (p < bestPriority && GroupEnabled(c, id) && RoutedTo(c, id))
                {
                    best = id;
                    bestPriority = p;
                }
            }
        }
        return best >= 0 && bestPriority < c.PriorityMask ? best : -1;
    }

    /// <summary>Recomputes every PE's IRQ/FIQ outputs: the HPPI is signalled when its group priority beats the running priority.</summary>
    private void Update()
    {
        foreach (GicCpu c in _cpus)
            Update(c);
    }

    private void Update(GicCpu c)
    {
        int id = HighestPriorityPending(c);
        bool irq = false, fiq = false;
        if (id >= 0)
        {
            bool group1 = Group1(c, id);
            if (GroupPriority(c, Priority(c, id), group1) < RunningPriorityOf(c))
            {
                // GICv2: Group 0 goes to FIQ only with GICC_CTLR.FIQEn; GICv3 (DS = 1): Group 0 is FIQ.
                bool asFiq = !group1 && (Version == 3 || (c.Control & (1u << 3)) != 0);
                fiq = asFiq;
                irq = !asFiq;
            }
        }
        if (irq != c.IrqOut || fiq != c.FiqOut)
        {
            c.IrqOut = irq;
            c.FiqOut = fiq;
            c.Signal(irq, fiq);
        }
    }

    // ---- CPU interface operations shared by GICC_* and ICC_* ----

    /// <summary>
    /// Acknowledge (GICC_IAR, ICC_IAR0/1_EL1): the signalled HPPI of the given group (null: either)
    /// becomes active and stops being pending; returns its INTID (GICv2 SGIs: with the source PE
    /// in bits [12:10]) or 1023.
    /// </summary>
    private uint Acknowledge(GicCpu c, bool? group1)
    {
        int id = HighestPriorityPending(c);
        if (id < 0 || (group1 is bool g && Group1(c, id) != g)
            || GroupPriority(c, Priority(c, id), Group1(c, id)) >= RunningPriorityOf(c))
            return SpuriousIntid;
        ClearPendingOnAcknowledge(c, id, out int source);
        SetActive(c, id, true);
        c.ActiveStack[c.ActiveDepth++] = id;
        Update();
        return (uint)id | (uint)source << 10;
    }

    /// <summary>End of interrupt (GICC_EOIR, ICC_EOIR0/1_EL1): priority drop, and deactivation unless EOImode is set.</summary>
    private void EndOfInterrupt(GicCpu c, uint intid)
    {
        int id = (int)(intid & 0xFFFFFF);
        if (id >= NumInterrupts)
            return;
        for (int i = c.ActiveDepth - 1; i >= 0; i--)
        {
            if (c.ActiveStack[i] == id)
            {
                Array.Copy(c.ActiveStack, i + 1, c.ActiveStack, i, c.ActiveDepth - i - 1);
                c.ActiveDepth--;
                break;
            }
        }
        bool eoiModeSplit = (c.Control & (Version == 2 ? 1u << 9 : 2u)) != 0;
        if (!eoiModeSplit)
            SetActive(c, id, false);
        Update();
    }

    /// <summary>Deactivate (GICC_DIR, ICC_DIR_EL1).</summary>
    private void Deactivate(GicCpu c, uint intid)
    {
        int id = (int)(intid & 0xFFFFFF);
        if (id >= NumInterrupts)
            return;
        SetActive(c, id, false);
        Update();
    }

    /// <summary>HPPIR: the highest-priority pending interrupt above the priority mask, or 1023.</summary>
    private uint HighestPendingIntid(GicCpu c, bool? group1)
    {
        int id = HighestPriorityPending(c);
        if (id < 0 || (group1 is bool g && Group1(c, id) != g))
            return SpuriousIntid;
        int source = id < 16 && Version == 2 ? global::System.Numerics.BitOperations.TrailingZeroCount((uint)c.SgiSources[id]) : 0;
        return (uint)id | (uint)source << 10;
    }

    /// <summary>Makes SGI <paramref name="sgi"/> pending on PE <paramref name="target"/>, sent by PE <paramref name="source"/>.</summary>
    private void RaiseSgi(int target, int source, uint sgi)
    {
        GicCpu c = _cpus[target];
        int id = (int)(sgi & 15);
        c.Pending0 |= 1u << id;
        if (Version == 2)
            c.SgiSources[id] |= (byte)(1 << source);
    }

    /// <summary>The per-PE part of the GIC: the banked SGI and PPI state and the CPU interface.</summary>
    private sealed class GicCpu(int index)
    {
        public readonly int Index = index;

        // INTIDs 0-31, one bit each: the banked word 0 of the distributor's bit arrays.
        public uint Enabled0, Pending0, Level0, Edge0, Active0, Group0;
        public readonly byte[] Priority = new byte[32];
        public readonly byte[] SgiSources = new byte[16]; // GICv2: pending SGIs by source PE

        // The CPU interface.
        public uint Control;      // GICC_CTLR (v2) or the ICC_CTLR_EL1 bits CBPR (0), EOImode (1) (v3)
        public bool GroupEnable0, GroupEnable1; // GICC_CTLR.EnableGrp0/1 (v2) or ICC_IGRPEN0/1_EL1 (v3)
        public byte PriorityMask;
        public uint BinaryPoint0, BinaryPoint1;
        public uint RedistributorWaker = 0b110; // GICR_WAKER: ProcessorSleep and ChildrenAsleep at reset
        public readonly int[] ActiveStack = new int[NumInterrupts]; // acknowledged, not yet priority-dropped
        public int ActiveDepth;
        public Action<bool, bool> Signal = static (_, _) => { };
        public bool IrqOut, FiqOut;

        public void Reset(int version)
        {
            Enabled0 = Pending0 = Active0 = Group0 = 0;
            Edge0 = 0xFFFF; // SGIs are edge-triggered
            Array.Clear(Priority);
            Array.Clear(SgiSources);
            Control = 0;
            GroupEnable0 = GroupEnable1 = false;
            PriorityMask = 0;
            BinaryPoint0 = version == 3 ? 2u : 0u;
            BinaryPoint1 = BinaryPoint0 + 1;
            RedistributorWaker = 0b110;
            ActiveDepth = 0;
        }
    }
}
