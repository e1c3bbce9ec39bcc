using Emulator.Cpu.Core;
using static Emulator.Cpu.Instructions.Crypto.ShaFunctions;

namespace Emulator.Cpu.Instructions.Crypto;

/// <summary>
/// The SHA-256 instructions (Arm ARM C7.2 SHA256H, SHA256H2, SHA256SU0, SHA256SU1; FEAT_SHA256):
/// Cryptographic three-register SHA (01011110 00 0 Rm 0 opcode 00 Rn Rd) and two-register SHA
/// (01011110 00 10100 opcode 10 Rn Rd). The rows fix size and opcode; each handler starts with
/// CheckFPAdvSIMDEnabled64() and reads every operand before writing V[d].
/// </summary>
public static class Sha256Instructions
{
    /// <summary>SHA256H: V[d] = SHA256hash(V[d], V[n], V[m], TRUE).</summary>
    public static void Sha256h(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled()) return;
        uint d = insn & 31, n = (insn >> 5) & 31, m = (insn >> 16) & 31;
        Sha256Hash(core.GetVLow(d), core.GetVHigh(d), core.GetVLow(n), core.GetVHigh(n), core.GetVLow(m), core.GetVHigh(m), true, out ulong low, out ulong high);
        core.SetV(d, low, high);
    }

    /// <summary>SHA256H2: V[d] = SHA256hash(V[n], V[d], V[m], FALSE).</summary>
    public static void Sha256h2(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled()) return;
        uint d = insn & 31, n = (insn >> 5) & 31, m = (insn >> 16) & 31;
        Sha256Hash(core.GetVLow(n), core.GetVHigh(n), core.GetVLow(d), core.GetVHigh(d), core.GetVLow(m), core.GetVHigh(m), false, out ulong low, out ulong high);
        core.SetV(d, low, high);
    }

    /// <summary>
    /// SHA256hash (Arm ARM shared/functions/crypto/SHA256hash): for e = 0 to 3:
    /// chs = SHAchoose(Y&lt;31:0&gt;, Y&lt;63:32&gt;, Y&lt;95:64&gt;); maj = SHAmajority(X&lt;31:0&gt;, X&lt;63:32&gt;, X&lt;95:64&gt;);
    /// t = Y&lt;127:96&gt; + SHAhashSIGMA1(Y&lt;31:0&gt;) + chs + Elem[W, e, 32]; X&lt;127:96&gt; = t + X&lt;127:96&gt;;
    /// Y&lt;127:96&gt; = t + SHAhashSIGMA0(X&lt;31:0&gt;) + maj; &lt;Y, X&gt; = ROL(Y : X, 32).
    /// Returns X when part1, else Y.
    /// </summary>
    private static void Sha256Hash(ulong xLow, ulong xHigh, ulong yLow, ulong yHigh, ulong wLow, ulong wHigh, bool part1, out ulong low, out ulong high)
    {
        uint x0 = Low(xLow), x1 = High(xLow), x2 = Low(xHigh), x3 = High(xHigh);
        uint y0 = Low(yLow), y1 = High(yLow), y2 = Low(yHigh), y3 = High(yHigh);
        for (int e = 0; e < 4; e++)
        {
            uint chs = Choose(y0, y1, y2);
            uint maj = Majority(x0, x1, x2);
            uint w = e switch { 0 => Low(wLow), 1 => High(wLow), 2 => Low(wHigh), _ => High(wHigh) };
            uint t = y3 + HashSigma1(y0) + chs + w;
            x3 = t + x3;
            y3 = t + HashSigma0(x0) + maj;
            // <Y, X> = ROL(Y : X, 32): the 256-bit Y:X rotates by one word, Y<127:96> into X<31:0>.
            uint yTop = y3;
            y3 = y2;
            y2 = y1;
            y1 = y0;
            y0 = x3;
            x3 = x2;
            x2 = x1;
            x1 = x0;
            x0 = yTop;
        }
        if (part1)
        {
            low = Pack(x0, x1);
            high = Pack(x2, x3);
        }
        else
        {
            low = Pack(y0, y1);
            high = Pack(y2, y3);
        }
    }

    /// <summary>
    /// SHA256SU0: operand1 = V[d]; operand2 = V[n]; T = operand2&lt;31:0&gt; : operand1&lt;127:32&gt;;
    /// for e = 0 to 3: elt = Elem[T, e, 32]; elt = ROR(elt, 7) EOR ROR(elt, 18) EOR LSR(elt, 3);
    /// Elem[result, e, 32] = elt + Elem[operand1, e, 32]. V[d] = result.
    /// </summary>
    public static void Sha256su0(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled()) return;
        uint d = insn & 31, n = (insn >> 5) & 31;
        ulong low1 = core.GetVLow(d), high1 = core.GetVHigh(d);
        uint a0 = Low(low1), a1 = High(low1), a2 = Low(high1), a3 = High(high1);
        uint t3 = Low(core.GetVLow(n));
        core.SetV(d,
            Pack(ScheduleSigma0(a1) + a0, ScheduleSigma0(a2) + a1),
            Pack(ScheduleSigma0(a3) + a2, ScheduleSigma0(t3) + a3));
    }

    /// <summary>
    /// SHA256SU1: operand1 = V[d]; operand2 = V[n]; operand3 = V[m];
    /// T0 = operand3&lt;31:0&gt; : operand2&lt;127:32&gt;; T1 = operand3&lt;127:64&gt;;
    /// for e = 0 to 1: Elem[result, e, 32] = sigma1(Elem[T1, e, 32]) + Elem[operand1, e, 32] + Elem[T0, e, 32];
    /// T1 = result&lt;63:0&gt;; for e = 2 to 3: Elem[result, e, 32] = sigma1(Elem[T1, e - 2, 32]) + Elem[operand1, e, 32] + Elem[T0, e, 32],
    /// with sigma1(elt) = ROR(elt, 17) EOR ROR(elt, 19) EOR LSR(elt, 10). V[d] = result.
    /// </summary>
    public static void Sha256su1(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled()) return;
        uint d = insn & 31, n = (insn >> 5) & 31, m = (insn >> 16) & 31;
        ulong low1 = core.GetVLow(d), high1 = core.GetVHigh(d);
        ulong low2 = core.GetVLow(n), high2 = core.GetVHigh(n);
        ulong low3 = core.GetVLow(m), high3 = core.GetVHigh(m);
        uint r0 = ScheduleSigma1(Low(high3)) + Low(low1) + High(low2);
        uint r1 = ScheduleSigma1(High(high3)) + High(low1) + Low(high2);
        uint r2 = ScheduleSigma1(r0) + Low(high1) + High(high2);
        uint r3 = ScheduleSigma1(r1) + High(high1) + Low(low3);
        core.SetV(d, Pack(r0, r1), Pack(r2, r3));
    }
}
