using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Emulator.Cpu.Core;

/// <summary>
/// The SIMD&amp;FP register file (V0..V31, FPCR, FPSR), its accessors in the Arm ARM's terms
/// (V[], Vpart[], Elem[]), and the access check every SIMD&amp;FP instruction makes first
/// (AArch64.CheckFPAdvSIMDEnabled: CPACR_EL1.FPEN, then the hypervisor's CPTR_EL2.TFP).
/// </summary>
public sealed partial class ArmCore
{
    /// <summary>V0..V31.</summary>
    public VectorRegisters V;

    /// <summary>FPCR bits the core implements: AHP [26], DN [25], FZ [24], RMode [23:22]. The trap enables are RAZ/WI (no FP exception trapping); FZ16 needs FEAT_FP16.</summary>
    public const uint FpcrMask = 0x07C0_0000;

    /// <summary>FPSR bits the core implements: QC [27], IDC [7], IXC [4], UFC [3], OFC [2], DZC [1], IOC [0] (N, Z, C, V are AArch32's).</summary>
    public const uint FpsrMask = 0x0800_009F;

    /// <summary>FPCR: floating-point control.</summary>
    public uint Fpcr;

    /// <summary>FPSR: the cumulative exception flags and QC.</summary>
    public uint Fpsr;

    // Whether SIMD&FP instructions execute at the current EL (CPACR_EL1.FPEN and CPTR_EL2.TFP allow it): kept current by the writers of those registers and by EL changes, so that the check is one load.
    private bool _fpEnabled;

    /// <summary>AArch64.CheckFPAdvSIMDEnabled: true when SIMD&amp;FP instructions may execute; otherwise takes the trap and returns false.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool CheckFpEnabled() => _fpEnabled || FpTrap();

    /// <summary>Recomputes whether SIMD&amp;FP instructions execute here (after CPACR_EL1, CPTR_EL2 or PSTATE.EL change).</summary>
    internal void UpdateFpEnabled() => _fpEnabled = FpEnabledByCpacr() && (El2.CPTR_EL2 & CptrTfp) == 0;

    /// <summary>Sets CPTR_EL2 from the host (its TFP bit traps SIMD&amp;FP use to the hypervisor).</summary>
    public void WriteCptr(ulong value)
    {
        El2.CPTR_EL2 = value;
        UpdateFpEnabled();
    }

    /// <summary>CPTR_EL2.TFP: SIMD&amp;FP accesses at EL0 and EL1 trap to EL2.</summary>
    public const ulong CptrTfp = 1UL << 10;

    // CPACR_EL1.FPEN [21:20]: 0b01 traps EL0 only, 0b11 traps nothing, 0bx0 traps EL0 and EL1.
    private bool FpEnabledByCpacr()
    {
        ulong fpen = (Sys.CPACR_EL1 >> 20) & 3;
        return fpen == 3 || (fpen == 1 && CurrentEl == 1);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool FpTrap()
    {
        const uint esr = ExceptionClass.FpAccess << 26 | 1u << 25 | 0b1_1110u << 20; // AArch64.AdvSIMDFPAccessTrap: ISS<24:20> = ConditionSyndrome() = CV 1, COND 0b1110 from AArch64 (as QEMU: 0x1FE00000)
        if (!FpEnabledByCpacr())
        {
            TakeSynchronousException(esr, Pc, 0, false);
            return false;
        }
        // CPTR_EL2.TFP: the hypervisor's trap (KVM uses it to switch FP state lazily).
        El2.ESR_EL2 = esr;
        TrappedInstruction = 0;
        ExitToHypervisor(CpuExit.HypervisorTrap, charged: false); // restarted once the hypervisor has switched the FP state in
        return false;
    }

    /// <summary>Bits [63:0] of V[n].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong GetVLow(uint n) => V[(int)n].GetElement(0);

    /// <summary>Bits [127:64] of V[n].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong GetVHigh(uint n) => V[(int)n].GetElement(1);

    /// <summary>V[n] = value (all 128 bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetV(uint n, ulong low, ulong high) => V[(int)n] = Vector128.Create(low, high);

    /// <summary>A scalar write (V[n] of 8 to 64 bits): the value in the low bits, every other bit of the register cleared.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetVScalar(uint n, ulong value) => V[(int)n] = Vector128.Create(value, 0UL);

    /// <summary>Element <paramref name="index"/> of V[n] viewed as lanes of <typeparamref name="T"/> (Elem[V[n], index, esize]), as a reference.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T VElement<T>(uint n, int index) where T : unmanaged =>
        ref Unsafe.Add(ref Unsafe.As<Vector128<ulong>, T>(ref V[(int)n]), index);

    /// <summary>The whole of V[n] as 128 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref Vector128<ulong> VRegister(uint n) => ref V[(int)n];

    /// <summary>FPSR |= flags (the cumulative exception bits, FPProcessException without traps).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void RaiseFpExceptions(uint flags) => Fpsr |= flags;

    /// <summary>Whether SIMD&amp;FP instructions execute at the current EL (<see cref="CheckFpEnabled"/> without the trap): a fast-path attempt only looks.</summary>
    internal bool FpEnabled
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _fpEnabled;
    }

    /// <summary>
    /// The software TLB's fast path for a SIMD&amp;FP data read of <paramref name="size"/> (1 to
    /// 16) bytes (Mem[] with AccType_VEC): false, with nothing done and nothing counted, when the
    /// access needs the slow path. Besides the aligned accesses <see cref="TryReadFast"/> takes,
    /// it does an unaligned one that stays within a page the software TLB holds with no slow
    /// class, when no check could fault it (<see cref="UnalignedVectorAccessAllowed"/>): then the
    /// slow path would translate the same page to the same RAM (both 8-byte halves of a 16-byte
    /// access included) without a fault, so the value is the same.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryReadVectorFast(ulong va, int size, out ulong low, out ulong high)
    {
        ref SoftTlbEntry e = ref _softRead[(int)(va >> 12) & (SoftTlbEntries - 1)];
        if (e.Tag == (va & ~0xFFFUL) && ((va & (ulong)(size - 1)) == 0 || UnalignedVectorAccessAllowed(in e, va, size)))
        {
            ref byte p = ref e.Chunk![e.Offset + (int)(va & 0xFFF)];
            high = 0;
            switch (size)
            {
                case 1: low = p; break;
                case 2: low = Unsafe.ReadUnaligned<ushort>(ref p); break;
                case 4: low = Unsafe.ReadUnaligned<uint>(ref p); break;
                case 8: low = Unsafe.ReadUnaligned<ulong>(ref p); break;
                default:
                    low = Unsafe.ReadUnaligned<ulong>(ref p);
                    high = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, 8));
                    break;
            }
            return true;
        }
        low = high = 0;
        return false;
    }

    /// <summary>The write twin of <see cref="TryReadVectorFast"/>: false, with nothing written, when the access needs the slow path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryWriteVectorFast(ulong va, int size, ulong low, ulong high)
    {
        ref SoftTlbEntry e = ref _softWrite[(int)(va >> 12) & (SoftTlbEntries - 1)];
        if (e.Tag == (va & ~0xFFFUL) && ((va & (ulong)(size - 1)) == 0 || UnalignedVectorAccessAllowed(in e, va, size)))
        {
            ref byte p = ref e.Chunk![e.Offset + (int)(va & 0xFFF)];
            switch (size)
            {
                case 1: p = (byte)low; break;
                case 2: Unsafe.WriteUnaligned(ref p, (ushort)low); break;
                case 4: Unsafe.WriteUnaligned(ref p, (uint)low); break;
                case 8: Unsafe.WriteUnaligned(ref p, low); break;
                default:
                    Unsafe.WriteUnaligned(ref p, low);
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref p, 8), high);
                    break;
            }
            return true;
        }
        return false;
    }

    /// <summary>Whether <see cref="TryWriteVectorFast"/> would do this write (so that a pair of writes can be tried as one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool CanWriteVectorFast(ulong va, int size)
    {
        ref SoftTlbEntry e = ref _softWrite[(int)(va >> 12) & (SoftTlbEntries - 1)];
        return e.Tag == (va & ~0xFFFUL) && ((va & (ulong)(size - 1)) == 0 || UnalignedVectorAccessAllowed(in e, va, size));
    }

    /// <summary>
    /// Whether an unaligned access of <paramref name="size"/> bytes at <paramref name="va"/>, on
    /// the page of software TLB entry <paramref name="e"/>, can take no fault the slow path would
    /// find: it stays within the page, SCTLR_EL1.A is clear (AArch64.CheckAlignment), and the
    /// memory is not Device (the stage-1 and stage-2 Device alignment checks: without
    /// HCR_EL2.FWB the combined attributes the entry holds are Device when either stage's are;
    /// with FWB stage 2 may turn stage-1 Device into Normal, so the slow path decides).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool UnalignedVectorAccessAllowed(in SoftTlbEntry e, ulong va, int size) =>
        (va & 0xFFF) <= (ulong)(0x1000 - size) && (Sys.SCTLR_EL1 & 2) == 0 && !e.Attributes.IsDevice
        && (El2.HCR_EL2 & HcrFwb) == 0;

    /// <summary>HCR_EL2.FWB: stage 2 forces the combined memory type.</summary>
    private const ulong HcrFwb = 1UL << 46;
}
