namespace Emulator.Devices.FwCfg;

/// <summary>The fixed fw_cfg selector keys (QEMU's include/standard-headers/linux/qemu_fw_cfg.h, docs/specs/fw_cfg.rst).</summary>
public static class FwCfgKeys
{
    public const ushort Signature = 0x00;
    public const ushort Id = 0x01;
    public const ushort Uuid = 0x02;
    public const ushort RamSize = 0x03;
    public const ushort NoGraphic = 0x04;
    public const ushort NbCpus = 0x05;
    public const ushort BootMenu = 0x0E;
    public const ushort FileDir = 0x19;

    /// <summary>The first key of the named files; file n of the sorted directory has key FileFirst + n.</summary>
    public const ushort FileFirst = 0x20;

    /// <summary>Named-file slots (QEMU's default x-file-slots): keys FileFirst .. FileFirst + FileSlots - 1.</summary>
    public const ushort FileSlots = 0x20;

    /// <summary>Keys at or above this (after masking) select nothing.</summary>
    public const ushort MaxEntry = FileFirst + FileSlots;

    /// <summary>The architecture-specific key space bit.</summary>
    public const ushort ArchLocal = 0x8000;

    /// <summary>The (obsolete) write channel bit.</summary>
    public const ushort WriteChannel = 0x4000;

    public const ushort EntryMask = 0x3FFF;

    // FW_CFG_ID feature bits.
    public const uint FeatureTraditional = 1;
    public const uint FeatureDma = 2;

    // FWCfgDmaAccess.control bits.
    public const uint DmaError = 0x01;
    public const uint DmaRead = 0x02;
    public const uint DmaSkip = 0x04;
    public const uint DmaSelect = 0x08;
    public const uint DmaWrite = 0x10;

    /// <summary>"QEMU CFG", what the DMA address register reads as.</summary>
    public const ulong DmaSignature = 0x51454D5520434647;
}
