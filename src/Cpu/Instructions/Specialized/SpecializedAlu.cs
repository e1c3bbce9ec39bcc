using System.Runtime.CompilerServices;
using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions.Specialized;

/// <summary>
/// The hottest integer data-processing forms, one compiled copy per variant (width, operation,
/// flags, shift type): the same results as <see cref="DataProcessingImmediate"/> and
/// <see cref="DataProcessingRegister"/> for the encodings <see cref="Decoding.Specializer"/> hands
/// them (never an UNDEFINED one), without the per-execution decoding of those fields.
/// </summary>
internal static class SpecializedAlu
{
    /// <summary>ADD, ADDS, SUB, SUBS (immediate); Rn and, without flags, Rd may be SP.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks
    public static void AddSubImmediate<TWidth, TSub, TFlags>(ArmCore core, uint insn)
        where TWidth : struct, IWidth where TSub : struct, IFlag where TFlags : struct, IFlag
    {
        ulong imm = (ulong)((insn >> 10) & 0xFFF) << (int)(((insn >> 22) & 1) * 12);
        AddSub<TWidth, TSub, TFlags>(core, core.GetXOrSp((insn >> 5) & 31), imm, insn & 31, destinationMayBeSp: true);
    }

    /// <summary>ADD, ADDS, SUB, SUBS (shifted register) with shift type LSL, LSR or ASR.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks
    public static void AddSubShifted<TWidth, TSub, TFlags, TShift>(ArmCore core, uint insn)
        where TWidth : struct, IWidth where TSub : struct, IFlag where TFlags : struct, IFlag where TShift : struct, IShift
    {
        ulong operand2 = TShift.Apply<TWidth>(core.GetX((insn >> 16) & 31), (int)((insn >> 10) & 0x3F));
        AddSub<TWidth, TSub, TFlags>(core, core.GetX((insn >> 5) & 31), operand2, insn & 31, destinationMayBeSp: false);
    }

    /// <summary>
    /// AddWithCarry(operand1, operand2 or NOT operand2, 0 or 1) into Rd, with the flags when S is
    /// set; Rd is SP-or-register only without flags and when <paramref name="destinationMayBeSp"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddSub<TWidth, TSub, TFlags>(ArmCore core, ulong operand1, ulong operand2, uint d, bool destinationMayBeSp)
        where TWidth : struct, IWidth where TSub : struct, IFlag where TFlags : struct, IFlag
    {
        if (TFlags.Value)
        {
            uint nzcv;
            ulong result = TWidth.Is64
                ? Alu.AddWithCarry64(operand1, TSub.Value ? ~operand2 : operand2, TSub.Value ? 1UL : 0, out nzcv)
                : Alu.AddWithCarry32((uint)operand1, TSub.Value ? ~(uint)operand2 : (uint)operand2, TSub.Value ? 1u : 0, out nzcv);
            core.Nzcv = nzcv;
            core.SetX(d, result);
            return;
        }
        ulong sum = TSub.Value ? operand1 - operand2 : operand1 + operand2;
        if (!TWidth.Is64)
            sum = (uint)sum;
        if (destinationMayBeSp)
            core.SetXOrSp(d, sum);
        else
            core.SetX(d, sum);
    }

    /// <summary>AND, BIC, ORR, ORN, EOR, EON, ANDS, BICS (shifted register).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks
    public static void LogicalShifted<TWidth, TOp, TShift, TInvert>(ArmCore core, uint insn)
        where TWidth : struct, IWidth where TOp : struct, ILogicalOp where TShift : struct, IShift where TInvert : struct, IFlag
    {
        ulong operand2 = TShift.Apply<TWidth>(core.GetX((insn >> 16) & 31), (int)((insn >> 10) & 0x3F));
        if (TInvert.Value)
            operand2 = ~operand2;
        ulong result = TOp.Apply(core.GetX((insn >> 5) & 31), operand2);
        if (!TWidth.Is64)
            result = (uint)result;
        if (TOp.SetsFlags)
            core.Nzcv = Alu.LogicalFlags(result, TWidth.Is64);
        core.SetX(insn & 31, result);
    }
}
