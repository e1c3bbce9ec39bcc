namespace Emulator.Devices.Gic;

/// <summary>
/// The GICv2 uniprocessor rule (GIC architecture specification v2, IHI 0048B, 4.3.12
/// "GICD_ITARGETSRn"): "In a uniprocessor implementation, all interrupts target the one
/// processor, and the GICD_ITARGETSRs are RAZ/WI." QEMU's arm_gic behaves so with one CPU
/// (irq_target all 1 at reset, the target bytes read 0 and ignore writes), so an SPI a guest
/// enables without ever writing its target byte is delivered.
/// </summary>
public sealed partial class GenericInterruptController
{
    /// <summary>CPU interfaces this GIC serves (one per processing element of the board).</summary>
    public int CpuInterfaceCount => _cpus.Length;

    private bool Uniprocessor => CpuInterfaceCount == 1;
}
