namespace Emulator.Mmu.Physical;

/// <summary>A device mapped at [Base, Base + Size) on the physical bus.</summary>
public sealed record MmioRegion(ulong Base, ulong Size, IMmioDevice Device)
{
    public bool Contains(ulong pa) => pa >= Base && pa - Base < Size;
}
