namespace Emulator.Devices.Gic;

/// <summary>
/// The GICv3 CPU interface System registers (IHI 0069 12.2) at EL1 with a single Security state:
/// ICC_SRE_EL1 (SRE, DFB, DIB RAO/WI: no legacy interface), PMR, IAR0/1, EOIR0/1, HPPIR0/1,
/// BPR0/1, CTLR (CBPR, EOImode; PRIbits 5, IDbits 16, A3V), IGRPEN0/1, RPR, DIR, SGI0R/SGI1R/ASGI1R
/// and the active priority registers AP0R0/AP1R0, by name (<see cref="IccRegister"/>).
/// </summary>
public sealed partial class GenericInterruptController
{
    /// <summary>ICC_CTLR_EL1 read-only fields: A3V (bit 15), PRIbits = 4 (5 bits, bits [10:8]).</summary>
    private const uint IccCtlrReadOnly = 1u << 15 | 4u << 8;

    /// <summary>MRS of an ICC_* register by the current PE (<see cref="CurrentCpu"/>).</summary>
    public bool TryReadCpuInterfaceRegister(IccRegister key, out ulong value) => TryReadCpuInterfaceRegister(_currentCpu, key, out value);

    /// <summary>MSR of an ICC_* register by the current PE.</summary>
    public bool TryWriteCpuInterfaceRegister(IccRegister key, ulong value) => TryWriteCpuInterfaceRegister(_currentCpu, key, value);

    /// <summary>MRS of an ICC_* register by PE <paramref name="cpu"/>; false when the access is UNDEFINED.</summary>
    public bool TryReadCpuInterfaceRegister(int cpu, IccRegister key, out ulong value)
    {
        value = 0;
        if (Version != 3)
            return false;
        GicCpu c = _cpus[cpu];
        if (key == IccRegister.SRE) value = 7;
        else if (key == IccRegister.PMR) value = c.PriorityMask;
        else if (key == IccRegister.IAR1) value = Acknowledge(c, true);
        else if (key == IccRegister.IAR0) value = Acknowledge(c, false);
        else if (key == IccRegister.HPPIR1) value = HighestPendingIntid(c, true);
        else if (key == IccRegister.HPPIR0) value = HighestPendingIntid(c, false);
        else if (key == IccRegister.BPR0) value = c.BinaryPoint0;
        else if (key == IccRegister.BPR1) value = (c.Control & 1) != 0 ? Math.Min(c.BinaryPoint0 + 1, 7) : c.BinaryPoint1;
        else if (key == IccRegister.CTLR) value = IccCtlrReadOnly | (c.Control & 3);
        else if (key == IccRegister.IGRPEN0) value = c.GroupEnable0 ? 1UL : 0;
        else if (key == IccRegister.IGRPEN1) value = c.GroupEnable1 ? 1UL : 0;
        else if (key == IccRegister.RPR) value = RunningPriorityOf(c);
        else if (key == IccRegister.AP0R0 || key == IccRegister.AP1R0) value = ActivePriorities(c, key == IccRegister.AP1R0);
        else if (key == IccRegister.SGI1R || key == IccRegister.SGI0R || key == IccRegister.ASGI1R
            || key == IccRegister.EOIR0 || key == IccRegister.EOIR1 || key == IccRegister.DIR)
            return false; // write-only: MRS is UNDEFINED
        else
            return false;
        return true;
    }

    /// <summary>MSR of an ICC_* register by PE <paramref name="cpu"/>; false when the access is UNDEFINED.</summary>
    public bool TryWriteCpuInterfaceRegister(int cpu, IccRegister key, ulong value)
    {
        if (Version != 3)
            return false;
        GicCpu c = _cpus[cpu];
        if (key == IccRegister.SRE) return true; // RAO/WI
        if (key == IccRegister.PMR) c.PriorityMask = (byte)(value & 0xF8); // 5 priority bits
        else if (key == IccRegister.EOIR1 || key == IccRegister.EOIR0) { EndOfInterrupt(c, (uint)value & 0xFF_FFFF); return true; }
        else if (key == IccRegister.DIR) { Deactivate(c, (uint)value & 0xFF_FFFF); return true; }
        else if (key == IccRegister.BPR0) c.BinaryPoint0 = Math.Max(2, (uint)value & 7);
        else if (key == IccRegister.BPR1) c.BinaryPoint1 = Math.Max(3, (uint)value & 7);
        else if (key == IccRegister.CTLR) c.Control = (uint)value & 3;
        else if (key == IccRegister.IGRPEN0) c.GroupEnable0 = (value & 1) != 0;
        else if (key == IccRegister.IGRPEN1) c.GroupEnable1 = (value & 1) != 0;
        else if (key == IccRegister.SGI1R || key == IccRegister.SGI0R || key == IccRegister.ASGI1R) { WriteSgiRegister(c, value); return true; }
        else if (key == IccRegister.AP0R0 || key == IccRegister.AP1R0) return true; // saved/restored state only
        else
            return false; // read-only registers (IAR, HPPIR, RPR): MSR is UNDEFINED
        Update();
        return true;
    }

    /// <summary>
    /// ICC_SGI1R_EL1 and friends: TargetList [15:0], Aff1 [23:16], INTID [27:24], Aff2 [39:32],
    /// IRM [40] (1: every PE but self), Aff3 [55:48]. PE n has affinity 0.0.0.n, so the target
    /// list names PEs by Aff0 when Aff1-3 are zero; a target list naming no PE sends nothing.
    /// </summary>
    private void WriteSgiRegister(GicCpu self, ulong value)
    {
        bool irm = ((value >> 40) & 1) != 0;
        uint sgi = (uint)(value >> 24) & 15;
        bool affinityMatches = ((value >> 16) & 0xFF) == 0 && ((value >> 32) & 0xFF) == 0 && ((value >> 48) & 0xFF) == 0;
        for (int cpu = 0; cpu < _cpus.Length; cpu++)
        {
            bool target = irm ? cpu != self.Index : affinityMatches && (value & (1UL << cpu)) != 0;
            if (target)
                RaiseSgi(cpu, self.Index, sgi);
        }
        Update();
    }

    /// <summary>A bit per active group priority, as ICC_AP0R0/AP1R0_EL1 with 5 priority bits.</summary>
    private ulong ActivePriorities(GicCpu c, bool group1)
    {
        ulong bits = 0;
        for (int i = 0; i < c.ActiveDepth; i++)
        {
            int id = c.ActiveStack[i];
            if (Group1(c, id) == group1)
                bits |= 1UL << (GroupPriority(c, Priority(c, id), group1) >> 3);
        }
        return bits;
    }
}
