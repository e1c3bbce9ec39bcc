using Emulator.Mmu.Physical;

namespace Emulator.Devices.Gic;

/// <summary>
/// The distributor register map (GICD_*), common to GICv2 and GICv3 where the two agree. With
/// GICv3 (GICD_CTLR.ARE = 1) the registers of INTIDs 0-31 are RAZ/WI here and live in the
/// redistributor's SGI_base frame instead; GICD_ITARGETSR and GICD_SGIR are GICv2 only,
/// GICD_IROUTER GICv3 only. With GICv2 the registers of INTIDs 0-31 are banked: an access reaches
/// the bank of the PE making it (<see cref="CurrentCpu"/>).
/// </summary>
public sealed partial class GenericInterruptController
{
    private const uint DistributorAre = 1u << 4;
    private const uint DistributorDs = 1u << 6;

    // Offsets shared by GICD and the GICR SGI_base frame.
    private const ulong IGROUPR = 0x080, ISENABLER = 0x100, ICENABLER = 0x180, ISPENDR = 0x200, ICPENDR = 0x280;
    private const ulong ISACTIVER = 0x300, ICACTIVER = 0x380, IPRIORITYR = 0x400, ITARGETSR = 0x800, ICFGR = 0xC00;
    private const ulong IGRPMODR = 0xD00;

    /// <summary>PeriphID4..7, PeriphID0..3, ComponentID0..3 as QEMU's GICv2 (at 0xFD0) and GICv3 (at 0xFFD0) report them.</summary>
    private static readonly byte[] IdV2 = [0x04, 0x00, 0x00, 0x00, 0x90, 0xB4, 0x2B, 0x00, 0x0D, 0xF0, 0x05, 0xB1];
    private static readonly byte[] IdV3Distributor = [0x44, 0x00, 0x00, 0x00, 0x92, 0xB4, 0x3B, 0x00, 0x0D, 0xF0, 0x05, 0xB1];
    private static readonly byte[] IdV3Redistributor = [0x44, 0x00, 0x00, 0x00, 0x93, 0xB4, 0x3B, 0x00, 0x0D, 0xF0, 0x05, 0xB1];

    /// <summary>The distributor frame (GICD) at 0x08000000.</summary>
    public IMmioDevice Distributor => _distributorFrame ??= new Frame(this, "gic-distributor", ReadDistributor, WriteDistributor);

    private Frame? _distributorFrame;

    private bool ReadDistributor(ulong offset, int size, out ulong value)
    {
        value = 0;
        if (Version == 3 && offset is >= 0x6100 and < 0x6000 + 8 * NumInterrupts)
        {
            // GICD_IROUTER<n>, n >= 32: 64-bit registers, also accessible as 32-bit halves.
            int n = (int)((offset - 0x6000) >> 3);
            value = (offset & 4) != 0 ? _router[n] >> 32 : (size == 8 ? _router[n] : (uint)_router[n]);
            return size is 4 or 8;
        }
        if (offset is >= IPRIORITYR and < IPRIORITYR + NumInterrupts || (Version == 2 && offset is >= ITARGETSR and < ITARGETSR + NumInterrupts))
            return ReadBytes(Current, offset, size, out value, banked: Version == 3);
        if (size != 4)
            return false;
        switch (offset)
        {
            case 0x000: value = _distributorControl; return true; // GICD_CTLR
            case 0x004: value = (Version == 2 ? Words - 1u : (Words - 1u) | 15u << 19) | (uint)(_cpus.Length - 1) << 5; return true; // GICD_TYPER: ITLinesNumber, CPUNumber; IDbits = 16 (v3)
            case 0x008: value = Version == 2 ? 0x0200_043Bu : 0x0300_043Bu; return true; // GICD_IIDR: Arm (0x43B)
            case 0xF00 when Version == 2: return true; // GICD_SGIR is write-only
        }
        if (Version == 2 && offset is >= 0xFD0 and <= 0xFFC)
        {
            value = IdV2[(offset - 0xFD0) >> 2];
            return true;
        }
        if (Version == 3 && offset is >= 0xFFD0 and <= 0xFFFC)
        {
            value = IdV3Distributor[(offset - 0xFFD0) >> 2];
            return true;
        }
        value = ReadBitRegister(Current, offset, banked: Version == 3);
        return true;
    }

    private bool WriteDistributor(ulong offset, int size, ulong value)
    {
        if (Version == 3 && offset is >= 0x6100 and < 0x6000 + 8 * NumInterrupts)
        {
            int n = (int)((offset - 0x6000) >> 3);
            const ulong mask = 0xFF_0000_80FF_FFFFUL; // Aff3, IRM, Aff2, Aff1, Aff0
            if (size == 8)
                _router[n] = value & mask;
            else if ((offset & 4) != 0)
                _router[n] = (_router[n] & 0xFFFF_FFFFUL) | ((value << 32) & mask);
            else
                _router[n] = (_router[n] & ~0xFFFF_FFFFUL) | ((uint)value & mask);
            Update();
            return size is 4 or 8;
        }
        if (offset is >= IPRIORITYR and < IPRIORITYR + NumInterrupts || (Version == 2 && offset is >= ITARGETSR and < ITARGETSR + NumInterrupts))
            return WriteBytes(Current, offset, size, value, banked: Version == 3);
        if (size != 4)
            return false;
        uint v = (uint)value;
        switch (offset)
        {
            case 0x000: // GICD_CTLR: EnableGrp0, EnableGrp1 (ARE and DS are RAO/WI with GICv3)
                _distributorControl = Version == 2 ? v & 3 : (v & 3) | DistributorAre | DistributorDs;
                Update();
                return true;
            case 0xF00 when Version == 2: // GICD_SGIR
                WriteSgir(v);
                return true;
        }
        WriteBitRegister(Current, offset, v, banked: Version == 3);
        return true;
    }

    /// <summary>
    /// GICD_SGIR: TargetListFilter [25:24] (0: the CPUTargetList, 1: every PE but the requesting
    /// one, 2: the requesting PE only, 3: reserved, no SGI), CPUTargetList [23:16], SGIINTID [3:0].
    /// Bits of the target list naming no PE are ignored.
    /// </summary>
    private void WriteSgir(uint v)
    {
        uint filter = (v >> 24) & 3;
        int self = _currentCpu;
        int targets = filter switch
        {
            0 => (int)((v >> 16) & 0xFF),
            1 => ~(1 << self),
            2 => 1 << self,
            _ => 0,
        };
        targets &= (1 << _cpus.Length) - 1;
        for (int cpu = 0; cpu < _cpus.Length; cpu++)
        {
            if ((targets & (1 << cpu)) != 0)
                RaiseSgi(cpu, self, v & 15);
        }
        Update();
    }

    /// <summary>
    /// The one-bit-per-interrupt registers and ICFGR, at the GICD offsets; word 0 (INTIDs 0-31) is
    /// PE <paramref name="c"/>'s bank. When <paramref name="banked"/> (GICv3 distributor), word 0 is
    /// RAZ/WI (it lives in the redistributors).
    /// </summary>
    private uint ReadBitRegister(GicCpu c, ulong offset, bool banked)
    {
        if (offset is >= ICFGR and < ICFGR + NumInterrupts / 4)
        {
            int first = (int)(offset - ICFGR) * 4; // 16 interrupts of 2 bits per word
            if (banked && first < 32)
                return 0;
            uint r = 0;
            for (int i = 0; i < 16; i++)
                r |= ((EdgeWord(c, (first + i) >> 5) >> ((first + i) & 31) & 1) != 0 ? 2u : 0u) << (2 * i);
            return r;
        }
        if (offset < IGROUPR || offset >= ICFGR || (offset & 0x7F) >= Words * 4)
            return 0;
        int word = (int)((offset & 0x7F) >> 2);
        if (banked && word == 0)
            return 0;
        return (offset & ~0x7FUL) switch
        {
            IGROUPR => GroupWord(c, word),
            ISENABLER or ICENABLER => EnabledWord(c, word),
            ISPENDR or ICPENDR => PendingWord(c, word),
            ISACTIVER or ICACTIVER => ActiveWord(c, word),
            _ => 0,
        };
    }

    private void WriteBitRegister(GicCpu c, ulong offset, uint v, bool banked)
    {
        if (offset is >= ICFGR and < ICFGR + NumInterrupts / 4)
        {
            int first = (int)(offset - ICFGR) * 4;
            if (first < 16 || (banked && first < 32))
                return; // SGIs are always edge-triggered
            for (int i = 0; i < 16; i++)
            {
                bool edge = ((v >> (2 * i + 1)) & 1) != 0;
                int id = first + i;
                if (id < 32)
                    c.Edge0 = edge ? c.Edge0 | 1u << id : c.Edge0 & ~(1u << id);
                else
                    SetBit(_edge, id, edge);
            }
            Update();
            return;
        }
        if (offset < IGROUPR || offset >= ICFGR || (offset & 0x7F) >= Words * 4)
            return;
        int word = (int)((offset & 0x7F) >> 2);
        if (banked && word == 0)
            return;
        WriteBitWord(c, offset & ~0x7FUL, word, v);
    }

    private void WriteBitWord(GicCpu c, ulong register, int word, uint v)
    {
        if (word == 0)
        {
            WriteBankedBitWord(c, register, v);
            return;
        }
        switch (register)
        {
            case IGROUPR: _group[word] = v; break;
            case ISENABLER: _enabled[word] |= v; break;
            case ICENABLER: _enabled[word] &= ~v; break;
            case ISPENDR: _pendingLatch[word] |= v; break;
            case ICPENDR: _pendingLatch[word] &= ~v; break; // a level-sensitive line still asserted stays pending
            case ISACTIVER: _active[word] |= v; break;
            case ICACTIVER: _active[word] &= ~v; break;
        }
        Update();
    }

    /// <summary>The bit registers' word 0: PE <paramref name="c"/>'s SGIs and PPIs.</summary>
    private void WriteBankedBitWord(GicCpu c, ulong register, uint v)
    {
        switch (register)
        {
            case IGROUPR: c.Group0 = v; break;
            case ISENABLER: c.Enabled0 |= v; break;
            case ICENABLER: c.Enabled0 &= ~v; break;
            case ISPENDR:
                c.Pending0 |= v;
                for (int sgi = 0; sgi < 16 && Version == 2; sgi++)
                {
                    if ((v & (1u << sgi)) != 0)
                        c.SgiSources[sgi] |= (byte)(1 << c.Index); // GICv2: GICD_SPENDSGIR's job, taken as from this PE
                }
                break;
            case ICPENDR:
                c.Pending0 &= ~v;
                for (int sgi = 0; sgi < 16; sgi++)
                {
                    if ((v & (1u << sgi)) != 0)
                        c.SgiSources[sgi] = 0;
                }
                break;
            case ISACTIVER: c.Active0 |= v; break;
            case ICACTIVER: c.Active0 &= ~v; break;
        }
        Update();
    }

    /// <summary>IPRIORITYR and ITARGETSR: one byte per interrupt, byte or word accesses; INTIDs 0-31 are PE <paramref name="c"/>'s.</summary>
    private bool ReadBytes(GicCpu c, ulong offset, int size, out ulong value, bool banked)
    {
        value = 0;
        if (size is not (1 or 4))
            return false;
        bool targets = offset >= ITARGETSR;
        int first = (int)(offset - (targets ? ITARGETSR : IPRIORITYR));
        for (int i = 0; i < size; i++)
        {
            int id = first + i;
            if (id >= NumInterrupts || (banked && id < 32))
                continue;
            if (targets && Uniprocessor)
                continue; // GICD_ITARGETSR<n> are RAZ/WI on a uniprocessor GIC (IHI 0048B 4.3.12)
            // GICv2's ITARGETSR0-7 (SGIs and PPIs) are read-only and name the reading PE.
            byte b = targets ? (id < 32 ? (byte)(1 << c.Index) : _targets[id]) : Priority(c, id);
            value |= (ulong)b << (8 * i);
        }
        return true;
    }

    private bool WriteBytes(GicCpu c, ulong offset, int size, ulong value, bool banked)
    {
        if (size is not (1 or 4))
            return false;
        bool targets = offset >= ITARGETSR;
        int first = (int)(offset - (targets ? ITARGETSR : IPRIORITYR));
        for (int i = 0; i < size; i++)
        {
            int id = first + i;
            if (id >= NumInterrupts || (banked && id < 32))
                continue;
            byte b = (byte)(value >> (8 * i));
            if (!targets && id < 32)
                c.Priority[id] = b;
            else if (!targets)
                _priority[id] = b;
            else if (id >= 32 && !Uniprocessor)
                _targets[id] = (byte)(b & ((1 << _cpus.Length) - 1)); // bits of PEs that exist; SGI/PPI targets are read-only; RAZ/WI on a uniprocessor
        }
        Update();
        return true;
    }

    /// <summary>One MMIO frame of the GIC, forwarding to the Gic's handlers.</summary>
    private sealed class Frame(GenericInterruptController gic, string name, Frame.Reader read, Frame.Writer write) : IMmioDevice
    {
        public delegate bool Reader(ulong offset, int size, out ulong value);

        public delegate bool Writer(ulong offset, int size, ulong value);

        public string Name => name;

        public GenericInterruptController Controller => gic;

        public bool Read(ulong offset, int size, out ulong value) => read(offset, size, out value);

        public bool Write(ulong offset, int size, ulong value) => write(offset, size, value);
    }
}
