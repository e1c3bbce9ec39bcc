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

    public bool TryReadCpuInterfaceRegister(IccRegister key, out ulong value)
    {
        value = 0;
        if (Version != 3)
            return false;
        if (key == IccRegister.SRE) value = 7;
        else if (key == IccRegister.PMR) value = _priorityMask;
        else if (key == IccRegister.IAR1) value = Acknowledge(true);
        else if (key == IccRegister.IAR0) value = Acknowledge(false);
        else if (key == IccRegister.HPPIR1) value = HighestPendingIntid(true);
        else if (key == IccRegister.HPPIR0) value = HighestPendingIntid(false);
        else if (key == IccRegister.BPR0) value = _binaryPoint0;
        else if (key == IccRegister.BPR1) value = (_cpuControl & 1) != 0 ? Math.Min(_binaryPoint0 + 1, 7) : _binaryPoint1;
        else if (key == IccRegister.CTLR) value = IccCtlrReadOnly | (_cpuControl & 3);
        else if (key == IccRegister.IGRPEN0) value = _groupEnable0 ? 1UL : 0;
        else if (key == IccRegister.IGRPEN1) value = _groupEnable1 ? 1UL : 0;
        else if (key == IccRegister.RPR) value = RunningPriority;
        else if (key == IccRegister.AP0R0 || key == IccRegister.AP1R0) value = ActivePriorities(key == IccRegister.AP1R0);
        else if (key == IccRegister.SGI1R || key == IccRegister.SGI0R || key == IccRegister.ASGI1R
            || key == IccRegister.EOIR0 || key == IccRegister.EOIR1 || key == IccRegister.DIR)
            return false; // write-only: MRS is UNDEFINED
        else
            return false;
        return true;
    }

    public bool TryWriteCpuInterfaceRegister(IccRegister key, ulong value)
    {
        if (Version != 3)
            return false;
        if (key == IccRegister.SRE) return true; // RAO/WI
        if (key == IccRegister.PMR) _priorityMask = (byte)(value & 0xF8); // 5 priority bits
        else if (key == IccRegister.EOIR1 || key == IccRegister.EOIR0) { EndOfInterrupt((uint)value & 0xFF_FFFF); return true; }
        else if (key == IccRegister.DIR) { Deactivate((uint)value & 0xFF_FFFF); return true; }
        else if (key == IccRegister.BPR0) _binaryPoint0 = Math.Max(2, (uint)value & 7);
        else if (key == IccRegister.BPR1) _binaryPoint1 = Math.Max(3, (uint)value & 7);
        else if (key == IccRegister.CTLR) _cpuControl = (uint)value & 3;
        else if (key == IccRegister.IGRPEN0) _groupEnable0 = (value & 1) != 0;
        else if (key == IccRegister.IGRPEN1) _groupEnable1 = (value & 1) != 0;
        else if (key == IccRegister.SGI1R || key == IccRegister.SGI0R || key == IccRegister.ASGI1R) { WriteSgiRegister(value); return true; }
        else if (key == IccRegister.AP0R0 || key == IccRegister.AP1R0) return true; // saved/restored state only
        else
            return false; // read-only registers (IAR, HPPIR, RPR): MSR is UNDEFINED
        Update();
        return true;
    }

    /// <summary>
    /// ICC_SGI1R_EL1 and friends: TargetList [15:0], Aff1 [23:16], INTID [27:24], Aff2 [39:32],
    /// IRM [40], Aff3 [55:48]. This PE is affinity 0.0.0.0.
    /// </summary>
    private void WriteSgiRegister(ulong value)
    {
        bool irm = ((value >> 40) & 1) != 0;
        if (irm)
            return; // "all PEs but self": there are no others
        bool affinityMatches = ((value >> 16) & 0xFF) == 0 && ((value >> 32) & 0xFF) == 0 && ((value >> 48) & 0xFF) == 0;
        if (affinityMatches && (value & 1) != 0)
            RaiseSgi((uint)(value >> 24) & 15);
    }

    /// <summary>A bit per active group priority, as ICC_AP0R0/AP1R0_EL1 with 5 priority bits.</summary>
    private ulong ActivePriorities(bool group1)
    {
        ulong bits = 0;
        for (int i = 0; i < _activeDepth; i++)
        {
            int id = _activeStack[i];
            if (Bit(_group, id) == group1)
                bits |= 1UL << (GroupPriority(_priority[id], group1) >> 3);
        }
        return bits;
    }
}
