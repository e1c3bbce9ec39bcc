using Emulator.Devices.Gic;
using Emulator.Mmu.Physical;

namespace Emulator.Devices.Tests;

/// <summary>The GIC register interfaces as a driver uses them: GICv2 MMIO and GICv3 MMIO plus ICC_* System registers.</summary>
public sealed class GicTests
{
    private const uint UartIntid = 33;

    private sealed class Harness
    {
        public Harness(int version)
        {
            Gic = new GenericInterruptController(version);
            Gic.Connect((irq, fiq) => (Irq, Fiq) = (irq, fiq));
        }

        public GenericInterruptController Gic { get; }

        public bool Irq { get; private set; }

        public bool Fiq { get; private set; }

        public uint D(ulong offset) => Read(Gic.Distributor, offset);

        public void D(ulong offset, uint value) => Assert.True(Gic.Distributor.Write(offset, 4, value));

        public uint C(ulong offset) => Read(Gic.CpuInterface, offset);

        public void C(ulong offset, uint value) => Assert.True(Gic.CpuInterface.Write(offset, 4, value));

        public uint R(ulong offset) => Read(Gic.Redistributor, offset);

        public void R(ulong offset, uint value) => Assert.True(Gic.Redistributor.Write(offset, 4, value));

        public ulong Icc(IccRegister key)
        {
            Assert.True(Gic.TryReadCpuInterfaceRegister(key, out ulong value));
            return value;
        }

        public void Icc(IccRegister key, ulong value) => Assert.True(Gic.TryWriteCpuInterfaceRegister(key, value));

        private static uint Read(IMmioDevice device, ulong offset)
        {
            Assert.True(device.Read(offset, 4, out ulong value));
            return (uint)value;
        }

        /// <summary>GICv2 driver bring-up: distributor and CPU interface on, PMR 0xF0.</summary>
        public Harness V2Up()
        {
            D(0x000, 1);
            C(0x004, 0xF0);
            C(0x000, 1);
            return this;
        }

        /// <summary>GICv3 bring-up as Linux does it: wake the redistributor, ARE + Group 1, SRE, PMR, IGRPEN1.</summary>
        public Harness V3Up()
        {
            R(0x014, 0);
            Assert.Equal(0u, R(0x014) & 4);
            D(0x000, 0x12);
            Icc(IccRegister.SRE, 1);
            Icc(IccRegister.PMR, 0xF0);
            Icc(IccRegister.IGRPEN1, 1);
            return this;
        }
    }

    [Fact]
    public void V2_identification_registers()
    {
        var h = new Harness(2);
        Assert.Equal(8u, h.D(0x004) & 0x1F); // ITLinesNumber: 288 interrupts
        Assert.Equal(0x43Bu, h.D(0x008) & 0xFFF);
        Assert.Equal(0x43Bu, h.C(0x0FC) & 0xFFF);
        Assert.Equal(0u, h.D(0x800));          // ITARGETSR: RAZ/WI on a uniprocessor GIC (GicUniprocessorTests)
        Assert.Equal(0xAAAAAAAAu, h.D(0xC00)); // SGIs are edge-triggered
        Assert.False(h.Gic.HasSystemRegisterInterface);
        Assert.False(h.Gic.TryReadCpuInterfaceRegister(IccRegister.PMR, out _));
    }

    [Fact]
    public void V2_level_spi_is_acknowledged_eoied_and_stays_pending_while_the_line_is_high()
    {
        var h = new Harness(2).V2Up();
        h.D(0x400 + UartIntid, 0x80);            // priority (word access of IPRIORITYR8 sets 4 interrupts)
        h.D(0x800 + 32, 0x01010101);             // ITARGETSR8: CPU 0
        h.D(0x104, 1u << 1);                     // ISENABLER1: INTID 33
        Assert.False(h.Irq);
        h.Gic.SetSpiLevel(1, true);
        Assert.True(h.Irq);
        Assert.Equal(UartIntid, h.C(0x018));     // HPPIR
        Assert.Equal(UartIntid, h.C(0x00C));     // IAR
        Assert.False(h.Irq);                     // active: not signalled again
        Assert.Equal(0x80u, h.C(0x014));         // RPR
        Assert.Equal(1u << 1, h.D(0x304) & (1u << 1)); // ISACTIVER1
        Assert.Equal(GenericInterruptController.SpuriousIntid, h.C(0x00C));
        h.C(0x010, UartIntid);                   // EOIR: drop and deactivate
        Assert.Equal(0xFFu, h.C(0x014));
        Assert.True(h.Irq);                      // the line is still high
        h.Gic.SetSpiLevel(1, false);
        Assert.False(h.Irq);
        Assert.Equal(GenericInterruptController.SpuriousIntid, h.C(0x00C));
    }

    [Fact]
    public void V2_priority_mask_and_untargeted_spis_are_not_signalled()
    {
        var h = new Harness(2).V2Up();
        h.D(0x104, 1u << 1);
        h.D(0x400 + 32, 0xF0F0F0F0);             // priority 0xF0: not above PMR 0xF0
        h.Gic.SetSpiLevel(1, true);
        Assert.False(h.Irq);                     // the priority is masked
        h.D(0x800 + 32, 0x0100);                 // target CPU 0 for INTID 33 (ignored: the one CPU is the target)
        Assert.False(h.Irq);
        h.C(0x004, 0xFF);
        Assert.True(h.Irq);
    }

    [Fact]
    public void V2_sgi_and_preemption_by_a_higher_priority_interrupt()
    {
        var h = new Harness(2).V2Up();
        h.D(0x100, 0xFFFF);                      // enable SGIs 0-15
        h.D(0x400, 0x20_20_20_A0);               // SGI 0: 0xA0, SGIs 1-3: 0x20
        h.D(0xF00, 2u << 24 | 0);                // SGIR: to self, SGI 0
        Assert.True(h.Irq);
        Assert.Equal(0u, h.C(0x00C));            // acknowledge SGI 0 (CPUID 0)
        h.D(0xF00, 1u << 16 | 3);                // SGIR: target list CPU 0, SGI 3 (priority 0x20)
        Assert.True(h.Irq);                      // preempts the running priority 0xA0
        Assert.Equal(3u, h.C(0x00C));
        Assert.Equal(0x20u, h.C(0x014));
        h.C(0x010, 3);
        Assert.Equal(0xA0u, h.C(0x014));
        h.C(0x010, 0);
        Assert.Equal(0xFFu, h.C(0x014));
        h.D(0xF00, 1u << 24 | 5);                // all other CPUs: none
        Assert.False(h.Irq);
    }

    [Fact]
    public void V2_edge_pending_is_cleared_by_icpendr_and_group0_goes_to_fiq_with_fiqen()
    {
        var h = new Harness(2).V2Up();
        h.D(0x100, 1u << 30);
        h.D(0x41C, 0x10u << 16);                 // INTID 30 priority 0x10
        h.D(0x200, 1u << 30);                    // ISPENDR0
        Assert.True(h.Irq);
        h.C(0x000, 1 | 1u << 3);                 // FIQEn: Group 0 is signalled as FIQ
        Assert.True(h.Fiq);
        Assert.False(h.Irq);
        h.D(0x280, 1u << 30);                    // ICPENDR0
        Assert.False(h.Fiq);
    }

    [Fact]
    public void V3_redistributor_frames_and_waker()
    {
        var h = new Harness(3);
        Assert.Equal(0x6u, h.R(0x014));          // ProcessorSleep, ChildrenAsleep
        h.R(0x014, 0);
        Assert.Equal(0u, h.R(0x014));
        Assert.Equal(1u << 4, h.R(0x008));       // GICR_TYPER.Last
        Assert.True(h.Gic.Redistributor.Read(0x08, 8, out ulong typer));
        Assert.Equal(1UL << 4, typer);
        Assert.Equal(0x30u, h.R(0xFFE8) & 0xF0); // GICR_PIDR2.ArchRev = 3
        Assert.Equal(0x30u, h.D(0xFFE8) & 0xF0); // GICD_PIDR2.ArchRev = 3
        Assert.Equal(0x50u, h.D(0x000));         // GICD_CTLR: ARE and DS read as one
        Assert.Equal(7UL, h.Icc(IccRegister.SRE));
        Assert.True(h.Gic.HasSystemRegisterInterface);
    }

    [Fact]
    public void V3_timer_ppi_in_group1_through_system_registers()
    {
        var h = new Harness(3).V3Up();
        h.R(0x1_0080, 1u << 27);                 // GICR_IGROUPR0: Group 1
        Assert.True(h.Gic.Redistributor.Write(0x1_0400 + 27, 1, 0xA0)); // byte write of IPRIORITYR
        h.R(0x1_0100, 1u << 27);                 // GICR_ISENABLER0
        Assert.Equal(0u, h.D(0x100));            // GICD_ISENABLER0 is RAZ with ARE
        h.Gic.SetPrivateInterruptLevel(27, true);
        Assert.True(h.Irq);
        Assert.Equal(27UL, h.Icc(IccRegister.HPPIR1));
        Assert.Equal(GenericInterruptController.SpuriousIntid, (uint)h.Icc(IccRegister.IAR0)); // not Group 0
        Assert.Equal(27UL, h.Icc(IccRegister.IAR1));
        Assert.Equal(0xA0UL, h.Icc(IccRegister.RPR));
        h.Gic.SetPrivateInterruptLevel(27, false);
        h.Icc(IccRegister.EOIR1, 27);
        Assert.Equal(0xFFUL, h.Icc(IccRegister.RPR));
        Assert.False(h.Gic.IsActive(27));
        Assert.False(h.Irq);
    }

    [Fact]
    public void V3_group0_is_fiq_and_eoimode_splits_drop_from_deactivation()
    {
        var h = new Harness(3).V3Up();
        h.D(0x000, 0x13);                        // EnableGrp0 too
        h.Icc(IccRegister.IGRPEN0, 1);
        h.Icc(IccRegister.CTLR, 2);        // EOImode
        h.R(0x1_0100, 1u << 1);                  // SGI 1, Group 0, priority 0
        h.Icc(IccRegister.SGI1R, 1UL << 24 | 1); // INTID 1 to affinity 0.0.0 target 0
        Assert.True(h.Fiq);
        Assert.False(h.Irq);
        Assert.Equal(1UL, h.Icc(IccRegister.IAR0));
        h.Icc(IccRegister.EOIR0, 1);
        Assert.True(h.Gic.IsActive(1));          // dropped, still active
        Assert.Equal(0xFFUL, h.Icc(IccRegister.RPR));
        h.Icc(IccRegister.DIR, 1);
        Assert.False(h.Gic.IsActive(1));
        Assert.False(h.Gic.TryReadCpuInterfaceRegister(IccRegister.EOIR1, out _)); // write-only
        Assert.False(h.Gic.TryWriteCpuInterfaceRegister(IccRegister.IAR1, 0));     // read-only
    }

    [Fact]
    public void V3_spi_routing_by_irouter()
    {
        var h = new Harness(3).V3Up();
        h.D(0x084, ~0u);                         // IGROUPR1: Group 1
        h.D(0x104, 1u << 1);
        h.D(0x420, 0x8000);                      // INTID 33 priority 0x80
        Assert.True(h.Gic.Distributor.Write(0x6000 + 8 * UartIntid, 8, 1UL << 8)); // Aff1 = 1: another PE
        h.Gic.SetSpiLevel(1, true);
        Assert.False(h.Irq);
        Assert.True(h.Gic.Distributor.Write(0x6000 + 8 * UartIntid, 8, 0));
        Assert.True(h.Irq);
        Assert.True(h.Gic.Distributor.Read(0x6000 + 8 * UartIntid, 8, out ulong route));
        Assert.Equal(0UL, route);
    }
}
