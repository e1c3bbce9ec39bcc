using Emulator.Cpu.Core;

namespace Emulator.Cpu.Tests.System;

/// <summary>
/// ESR_ELx.ISS for stage-2 data aborts: ISV and the instruction syndrome are valid only for
/// single-register loads and stores without writeback (what KVM's MMIO emulation relies on).
/// </summary>
public sealed class DataAbortSyndromeTests
{
    private const uint Isv = 1u << 24;

    [Theory]
    [InlineData(0xb9400180u, 2, false, 0, false)] // ldr w0, [x12]
    [InlineData(0xf9400421u, 3, false, 1, true)]  // ldr x1, [x1, #8]
    [InlineData(0x39c00022u, 0, true, 2, false)]  // ldrsb w2, [x1]
    [InlineData(0x39800022u, 0, true, 2, true)]   // ldrsb x2, [x1]
    [InlineData(0xb9800023u, 2, true, 3, true)]   // ldrsw x3, [x1]
    [InlineData(0x79000041u, 1, false, 1, false)] // strh w1, [x2]
    [InlineData(0xb8236841u, 2, false, 1, false)] // str w1, [x2, x3]
    [InlineData(0xb8004041u, 2, false, 1, false)] // stur w1, [x2, #4]
    [InlineData(0x18000040u, 2, false, 0, false)] // ldr w0, <literal>
    public void Single_register_accesses_without_writeback_have_a_valid_syndrome(uint insn, int sas, bool sse, int srt, bool sf)
    {
        uint iss = ArmCore.DataAbortInstructionSyndrome(insn);
        Assert.Equal(Isv, iss & Isv);
        Assert.Equal((uint)sas, (iss >> 22) & 3);
        Assert.Equal(sse, (iss & (1u << 21)) != 0);
        Assert.Equal((uint)srt, (iss >> 16) & 31);
        Assert.Equal(sf, (iss & (1u << 15)) != 0);
        Assert.Equal(0u, iss & (1u << 14)); // AR
    }

    [Fact]
    public void Load_acquire_and_store_release_set_ar()
    {
        uint ldar = ArmCore.DataAbortInstructionSyndrome(0x88dffc20u); // ldar w0, [x1]
        Assert.Equal(Isv | 2u << 22 | 1u << 14, ldar);
        uint stlr = ArmCore.DataAbortInstructionSyndrome(0xc89ffc20u); // stlr x0, [x1]
        Assert.Equal(Isv | 3u << 22 | 1u << 15 | 1u << 14, stlr);
    }

    [Theory]
    [InlineData(0xa9400440u)] // ldp x0, x1, [x2]
    [InlineData(0xb8404440u)] // ldr w0, [x2], #4 (post-index)
    [InlineData(0xb8404c40u)] // ldr w0, [x2, #4]! (pre-index)
    [InlineData(0x885f7c20u)] // ldxr w0, [x1]
    [InlineData(0xb8210040u)] // ldadd w1, w0, [x2]
    [InlineData(0xf9800020u)] // prfm pldl1keep, [x1]
    [InlineData(0xd503201fu)] // nop
    public void Pairs_writeback_exclusives_atomics_and_others_have_no_valid_syndrome(uint insn)
    {
        Assert.Equal(0u, ArmCore.DataAbortInstructionSyndrome(insn));
    }
}
