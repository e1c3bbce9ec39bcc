namespace Emulator.Host.Cli;

public sealed partial record RunOptions
{
    /// <summary>Whether IMAGE was given (false for a firmware-only run, whose ImagePath names the firmware).</summary>
    public bool KernelGiven { get; init; } = true;

    /// <summary>-bios: firmware loaded into flash bank 0.</summary>
    public string? BiosPath { get; init; }

    /// <summary>-drive: QEMU-style drive specifications (if=pflash only).</summary>
    public IReadOnlyList<string> Drives { get; init; } = [];
}
