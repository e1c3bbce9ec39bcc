namespace Emulator.Devices.FwCfg;

/// <summary>Guest physical memory as a DMA-capable device sees it. False: the access hit no memory (a DMA error).</summary>
public interface IDmaMemory
{
    bool Read(ulong pa, Span<byte> destination);

    bool Write(ulong pa, ReadOnlySpan<byte> source);
}
