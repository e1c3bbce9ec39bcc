using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions.Crypto;

/// <summary>
/// Cryptographic AES (Arm ARM C7.2 AESE, AESD, AESMC, AESIMC; FEAT_AES): 01001110 00 10100 opcode 10
/// Rn Rd. The rows fix size = 00 and the opcode, so nothing is left to reject at decode time; each
/// handler starts with CheckFPAdvSIMDEnabled64().
/// </summary>
public static class AesInstructions
{
    /// <summary>AESE: result = AESSubBytes(AESShiftRows(V[d] EOR V[n])); V[d] = result.</summary>
    public static void Aese(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled()) return;
        uint d = insn & 31, n = (insn >> 5) & 31;
        Span<byte> state = stackalloc byte[16];
        AesFunctions.Load(state, core.GetVLow(d) ^ core.GetVLow(n), core.GetVHigh(d) ^ core.GetVHigh(n));
        AesFunctions.ShiftRows(state);
        AesFunctions.SubBytes(state);
        AesFunctions.Store(state, out ulong low, out ulong high);
        core.SetV(d, low, high);
    }

    /// <summary>AESD: result = AESInvSubBytes(AESInvShiftRows(V[d] EOR V[n])); V[d] = result.</summary>
    public static void Aesd(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled()) return;
        uint d = insn & 31, n = (insn >> 5) & 31;
        Span<byte> state = stackalloc byte[16];
        AesFunctions.Load(state, core.GetVLow(d) ^ core.GetVLow(n), core.GetVHigh(d) ^ core.GetVHigh(n));
        AesFunctions.InvShiftRows(state);
        AesFunctions.InvSubBytes(state);
        AesFunctions.Store(state, out ulong low, out ulong high);
        core.SetV(d, low, high);
    }

    /// <summary>AESMC: V[d] = AESMixColumns(V[n]).</summary>
    public static void Aesmc(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled()) return;
        uint d = insn & 31, n = (insn >> 5) & 31;
        Span<byte> state = stackalloc byte[16];
        AesFunctions.Load(state, core.GetVLow(n), core.GetVHigh(n));
        AesFunctions.MixColumns(state);
        AesFunctions.Store(state, out ulong low, out ulong high);
        core.SetV(d, low, high);
    }

    /// <summary>AESIMC: V[d] = AESInvMixColumns(V[n]).</summary>
    public static void Aesimc(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled()) return;
        uint d = insn & 31, n = (insn >> 5) & 31;
        Span<byte> state = stackalloc byte[16];
        AesFunctions.Load(state, core.GetVLow(n), core.GetVHigh(n));
        AesFunctions.InvMixColumns(state);
        AesFunctions.Store(state, out ulong low, out ulong high);
        core.SetV(d, low, high);
    }
}
