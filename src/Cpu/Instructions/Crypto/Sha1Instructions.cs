using Emulator.Cpu.Core;
using static Emulator.Cpu.Instructions.Crypto.ShaFunctions;

namespace Emulator.Cpu.Instructions.Crypto;

/// <summary>
/// The SHA-1 instructions (Arm ARM C7.2 SHA1C, SHA1P, SHA1M, SHA1SU0, SHA1H, SHA1SU1; FEAT_SHA1):
/// Cryptographic three-register SHA (01011110 00 0 Rm 0 opcode 00 Rn Rd) and two-register SHA
/// (01011110 00 10100 opcode 10 Rn Rd). The rows fix size and opcode; each handler starts with
/// CheckFPAdvSIMDEnabled64() and reads every operand before writing V[d] (Rd may equal Rn or Rm).
/// </summary>
public static class Sha1Instructions
{
    /// <summary>SHA1C: the four SHA-1 rounds with SHAchoose (see <see cref="HashUpdate"/>).</summary>
    public static void Sha1c(ArmCore core, uint insn) => HashUpdate(core, insn, 0);

    /// <summary>SHA1P: the four SHA-1 rounds with SHAparity.</summary>
    public static void Sha1p(ArmCore core, uint insn) => HashUpdate(core, insn, 1);

    /// <summary>SHA1M: the four SHA-1 rounds with SHAmajority.</summary>
    public static void Sha1m(ArmCore core, uint insn) => HashUpdate(core, insn, 2);

    /// <summary>
    /// SHA1C/SHA1P/SHA1M: X = V[d]; Y = V[n]&lt;31:0&gt;; W = V[m]; for e = 0 to 3:
    /// t = SHAchoose/SHAparity/SHAmajority(X&lt;63:32&gt;, X&lt;95:64&gt;, X&lt;127:96&gt;);
    /// Y = Y + ROL(X&lt;31:0&gt;, 5) + t + Elem[W, e, 32]; X&lt;63:32&gt; = ROL(X&lt;63:32&gt;, 30);
    /// &lt;Y, X&gt; = ROL(Y : X, 32). V[d] = X.
    /// </summary>
    private static void HashUpdate(ArmCore core, uint insn, int function)
    {
        if (!core.CheckFpEnabled()) return;
        uint d = insn & 31, n = (insn >> 5) & 31, m = (insn >> 16) & 31;
        ulong xLow = core.GetVLow(d), xHigh = core.GetVHigh(d), wLow = core.GetVLow(m), wHigh = core.GetVHigh(m);
        uint x0 = Low(xLow), x1 = High(xLow), x2 = Low(xHigh), x3 = High(xHigh);
        uint y = Low(core.GetVLow(n));
        for (int e = 0; e < 4; e++)
        {
            uint t = function switch
            {
                0 => Choose(x1, x2, x3),
                1 => Parity(x1, x2, x3),
                _ => Majority(x1, x2, x3),
            };
            uint w = e switch { 0 => Low(wLow), 1 => High(wLow), 2 => Low(wHigh), _ => High(wHigh) };
            y = y + Rol(x0, 5) + t + w;
            x1 = Rol(x1, 30);
            // <Y, X> = ROL(Y : X, 32): the 160-bit Y:X rotates by one word.
            uint top = x3;
            x3 = x2;
            x2 = x1;
            x1 = x0;
            x0 = y;
            y = top;
        }
        core.SetV(d, Pack(x0, x1), Pack(x2, x3));
    }

    /// <summary>
    /// SHA1SU0: operand1 = V[d]; operand2 = V[n]; operand3 = V[m];
    /// result = operand2&lt;63:0&gt; : operand1&lt;127:64&gt;; result = result EOR operand1 EOR operand3; V[d] = result.
    /// </summary>
    public static void Sha1su0(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled()) return;
        uint d = insn & 31, n = (insn >> 5) & 31, m = (insn >> 16) & 31;
        ulong low1 = core.GetVLow(d), high1 = core.GetVHigh(d);
        ulong low = high1 ^ low1 ^ core.GetVLow(m);
        ulong high = core.GetVLow(n) ^ high1 ^ core.GetVHigh(m);
        core.SetV(d, low, high);
    }

    /// <summary>SHA1H: V[d] = ZeroExtend(ROL(V[n]&lt;31:0&gt;, 30), 128) (the fixed rotate of SHA-1).</summary>
    public static void Sha1h(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled()) return;
        uint d = insn & 31, n = (insn >> 5) & 31;
        core.SetV(d, Rol(Low(core.GetVLow(n)), 30), 0);
    }

    /// <summary>
    /// SHA1SU1: X = V[d]; Y = V[n]; T = X EOR LSR(Y, 32); result&lt;31:0&gt; = ROL(T&lt;31:0&gt;, 1);
    /// result&lt;63:32&gt; = ROL(T&lt;63:32&gt;, 1); result&lt;95:64&gt; = ROL(T&lt;95:64&gt;, 1);
    /// result&lt;127:96&gt; = ROL(T&lt;127:96&gt;, 1) EOR ROL(T&lt;31:0&gt;, 2); V[d] = result.
    /// </summary>
    public static void Sha1su1(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled()) return;
        uint d = insn & 31, n = (insn >> 5) & 31;
        ulong yLow = core.GetVLow(n), yHigh = core.GetVHigh(n);
        ulong tLow = core.GetVLow(d) ^ (yLow >> 32 | yHigh << 32);
        ulong tHigh = core.GetVHigh(d) ^ (yHigh >> 32);
        uint t0 = Low(tLow), t1 = High(tLow), t2 = Low(tHigh), t3 = High(tHigh);
        core.SetV(d, Pack(Rol(t0, 1), Rol(t1, 1)), Pack(Rol(t2, 1), Rol(t3, 1) ^ Rol(t0, 2)));
    }
}
