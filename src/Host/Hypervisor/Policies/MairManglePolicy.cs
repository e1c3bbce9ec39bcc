namespace Emulator.Host.Hypervisor.Policies;

/// <summary>
/// `mair-mangle`: the 2015 idea: the hypervisor traps the guest's MAIR_EL1 writes (HCR_EL2.TVM, kept
/// set for ever) and promotes every Normal attribute (Non-cacheable, write-through) to Normal
/// write-back, so that a guest's Non-cacheable framebuffer mapping becomes cacheable. Device
/// attributes are left alone (promoting them would break real device mappings), and nothing helps a
/// guest whose MMU is off.
/// </summary>
public sealed class MairManglePolicy : CoherencyPolicy
{
    private const ulong HcrTvm = 1UL << 26;

    public override string Name => "mair-mangle";

    public override string Description => "trap MAIR_EL1 writes (HCR_EL2.TVM) and promote Normal attributes to write-back";

    public override ulong ExtraHcrBits => HcrTvm;

    public override bool KeepTrappingVirtualMemoryWrites => true;

    public override ulong OnMairWrite(ulong value)
    {
        ulong result = 0;
        for (int i = 0; i < 8; i++)
        {
            byte attr = (byte)(value >> (8 * i));
            if ((attr & 0xF0) != 0)
                attr = 0xFF; // Normal of any cacheability -> Normal Inner/Outer WB RW-allocate
            result |= (ulong)attr << (8 * i);
        }
        return result;
    }
}
