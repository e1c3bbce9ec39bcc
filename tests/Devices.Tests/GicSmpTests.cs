using Emulator.Devices.Gic;
using Emulator.Mmu.Physical;

namespace Emulator.Devices.Tests;

/// <summary>
/// The GIC with several PEs: banked SGI/PPI state and CPU interfaces, GICD_SGIR target filters and
/// the source CPU in GICC_IAR (GICv2), the read-only banked ITARGETSR0-7, SPI routing by
/// ITARGETSR and IROUTER, one redistributor per PE (GICR_TYPER), ICC_SGI1R_EL1 routing.
/// </summary>
public sealed class GicSmpTests
{
    private sealed class Harness
    {
        public Harness(int version, int cpus)
        {
            Gic = new GenericInterruptController(version, cpus);
            Irq = new bool[cpus];
            for (int i = 0; i < cpus; i++)
            {
                int cpu = i;
                Gic.Connect(cpu, (irq, _) => Irq[cpu] = irq);
            }
        }

        public GenericInterruptController Gic { get; }

        public bool[] Irq { get; }

        public uint D(int cpu, ulong offset)
        {
            Gic.CurrentCpu = cpu;
            Assert.True(Gic.Distributor.Read(offset, 4, out ulong v));
            return (uint)v;
        }

        public void D(int cpu, ulong offset, uint value)
        {
            Gic.CurrentCpu = cpu;
            Assert.True(Gic.Distributor.Write(offset, 4, value));
        }

        public uint C(int cpu, ulong offset)
        {
            Gic.CurrentCpu = cpu;
            Assert.True(Gic.CpuInterface.Read(offset, 4, out ulong v));
            return (uint)v;
        }

        public void C(int cpu, ulong offset, uint value)
        {
            Gic.CurrentCpu = cpu;
            Assert.True(Gic.CpuInterface.Write(offset, 4, value));
        }

        /// <summary>Distributor on; each PE: its SGIs enabled, PMR 0xF0, Group 0 on.</summary>
        public Harness V2Up()
        {
            D(0, 0x000, 1);
            for (int cpu = 0; cpu < Irq.Length; cpu++)
            {
                D(cpu, 0x100, 0xFFFF);
                C(cpu, 0x004, 0xF0);
                C(cpu, 0x000, 1);
            }
            return this;
        }
    }

    [Fact]
    public void Gicv2_sgir_target_list_and_filters_reach_the_named_cpus_with_the_source_in_iar()
    {
        var h = new Harness(2, 4).V2Up();
        h.D(2, 0xF00, 0b1010u << 16 | 5); // from CPU 2: SGI 5 to CPUs 1 and 3
        Assert.Equal(new[] { false, true, false, true }, h.Irq);
        Assert.Equal(5u | 2u << 10, h.C(1, 0x00C)); // GICC_IAR: CPUID = 2
        h.C(1, 0x010, 5u | 2u << 10);
        Assert.Equal(5u | 2u << 10, h.C(3, 0x00C));
        h.C(3, 0x010, 5u | 2u << 10);
        Assert.Equal(new[] { false, false, false, false }, h.Irq);

        h.D(1, 0xF00, 1u << 24 | 7); // all but self (CPU 1)
        Assert.Equal(new[] { true, false, true, true }, h.Irq);
        h.D(3, 0xF00, 2u << 24 | 8); // self only
        Assert.Equal(7u | 1u << 10, h.C(3, 0x018)); // GICC_HPPIR of CPU 3: SGI 7 (from CPU 1) before SGI 8 (equal priority: lower INTID)
        h.C(3, 0x010, h.C(3, 0x00C));
        Assert.Equal(8u | 3u << 10, h.C(3, 0x00C)); // then SGI 8 from itself
    }

    [Fact]
    public void Gicv2_sgi_pending_from_two_sources_is_acknowledged_once_per_source()
    {
        var h = new Harness(2, 3).V2Up();
        h.D(1, 0xF00, 1u << 16 | 3);
        h.D(2, 0xF00, 1u << 16 | 3);
        Assert.Equal(3u | 1u << 10, h.C(0, 0x00C));
        h.C(0, 0x010, 3u | 1u << 10);
        Assert.True(h.Irq[0]); // still pending from CPU 2
        Assert.Equal(3u | 2u << 10, h.C(0, 0x00C));
        h.C(0, 0x010, 3u | 2u << 10);
        Assert.False(h.Irq[0]);
        Assert.Equal(GenericInterruptController.SpuriousIntid, h.C(0, 0x00C));
    }

    [Fact]
    public void Gicv2_banked_registers_belong_to_the_accessing_cpu()
    {
        var h = new Harness(2, 2);
        Assert.Equal(0x0101_0101u, h.D(0, 0x800)); // ITARGETSR0: the reader's own bit, read-only
        Assert.Equal(0x0202_0202u, h.D(1, 0x81C));
        h.D(1, 0x800, 0xFFFF_FFFF);
        Assert.Equal(0x0202_0202u, h.D(1, 0x800));
        h.D(0, 0x100, 1u << 27);                   // CPU 0 enables its PPI 27
        Assert.Equal(1u << 27, h.D(0, 0x100));
        Assert.Equal(0u, h.D(1, 0x100));           // CPU 1's bank is untouched
        Assert.Equal(1u << 5, h.D(0, 0x004) & 0xE0); // GICD_TYPER.CPUNumber = 1 (two CPUs)
        h.D(0, 0x820, 0xFF);                        // ITARGETSR8: SPI 32 to CPUs 0-7: only 0 and 1 exist
        Assert.Equal(0x03u, h.D(0, 0x820) & 0xFF);
    }

    [Fact]
    public void Ppis_are_per_cpu_and_spis_follow_their_targets()
    {
        var h = new Harness(2, 2).V2Up();
        h.D(0, 0x100, 1u << 27);
        h.D(1, 0x100, 1u << 27);
        h.Gic.SetPrivateInterruptLevel(1, 27, true);
        Assert.Equal(new[] { false, true }, h.Irq);
        h.Gic.SetPrivateInterruptLevel(1, 27, false);
        Assert.Equal(new[] { false, false }, h.Irq);

        h.D(0, 0x104, 1u << 1);     // SPI 33 enabled
        h.D(0, 0x820, 0x0000_0200); // ITARGETSR8 byte 1 (INTID 33) -> CPU 1
        h.Gic.SetSpiLevel(1, true);
        Assert.Equal(new[] { false, true }, h.Irq);
        Assert.Equal(33u, h.C(1, 0x00C));
        Assert.False(h.Irq[1]);
    }

    [Fact]
    public void Gicv3_redistributors_and_sgi1r_route_by_affinity()
    {
        var gic = new GenericInterruptController(3, 4);
        var irq = new bool[4];
        for (int i = 0; i < 4; i++)
        {
            int cpu = i;
            gic.Connect(cpu, (v, _) => irq[cpu] = v);
        }
        Assert.Equal(4 * GenericInterruptController.RedistributorSize, gic.RedistributorsSize);
        for (int cpu = 0; cpu < 4; cpu++)
        {
            ulong rd = (ulong)cpu * GenericInterruptController.RedistributorSize;
            Assert.True(gic.Redistributor.Read(rd + 0x08, 8, out ulong typer));
            Assert.Equal((ulong)cpu, typer >> 32);                 // Affinity_Value 0.0.0.cpu
            Assert.Equal((ulong)cpu, (typer >> 8) & 0xFFFF);       // Processor_Number
            Assert.Equal(cpu == 3, (typer & (1 << 4)) != 0);       // Last
            Assert.True(gic.Redistributor.Write(rd + 0x1_0080, 4, 0xFFFF)); // IGROUPR0: Group 1
            Assert.True(gic.Redistributor.Write(rd + 0x1_0100, 4, 0xFFFF)); // ISENABLER0
            Assert.True(gic.TryWriteCpuInterfaceRegister(cpu, IccRegister.PMR, 0xF0));
            Assert.True(gic.TryWriteCpuInterfaceRegister(cpu, IccRegister.IGRPEN1, 1));
        }
        Assert.True(gic.Distributor.Write(0, 4, 1u << 4 | 2));
        Assert.True(gic.TryWriteCpuInterfaceRegister(0, IccRegister.SGI1R, 4UL << 24 | 0b0110)); // SGI 4 to Aff0 1 and 2
        Assert.Equal(new[] { false, true, true, false }, irq);
        Assert.True(gic.TryReadCpuInterfaceRegister(2, IccRegister.IAR1, out ulong intid));
        Assert.Equal(4UL, intid);
        Assert.True(gic.TryWriteCpuInterfaceRegister(2, IccRegister.EOIR1, intid));
        Assert.True(gic.TryWriteCpuInterfaceRegister(3, IccRegister.SGI1R, 6UL << 24 | 1UL << 40)); // IRM: all but CPU 3
        Assert.Equal(new[] { true, true, true, false }, irq);
        Assert.True(gic.TryWriteCpuInterfaceRegister(0, IccRegister.SGI1R, 9UL << 24 | 1UL << 16 | 1)); // Aff1 = 1: no such PE
        Assert.True(gic.TryReadCpuInterfaceRegister(0, IccRegister.HPPIR1, out ulong hppi));
        Assert.Equal(6UL, hppi);
    }
}
