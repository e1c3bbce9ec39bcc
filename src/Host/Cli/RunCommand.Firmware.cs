using System.CommandLine;
using Emulator.Host.Board;
using Emulator.Host.Loading;

namespace Emulator.Host.Cli;

/// <summary>The firmware options of `emulator run`: -bios and -drive if=pflash, spelt as QEMU spells them.</summary>
public static partial class RunCommand
{
    private static readonly Option<string?> Bios = new("-bios", "--bios")
    {
        Description = "Firmware to run from flash: loaded into CFI flash bank 0 at 0x0 (at most 64 MiB) and started there at EL1, with the DTB at RAM base (QEMU's -bios); no IMAGE",
        HelpName = "FILE",
    };

    private static readonly Option<string[]> Drive = new("-drive", "--drive")
    {
        Description = "A flash bank backed by a file, as QEMU's -drive if=pflash,format=raw,file=FILE[,unit=0|1][,readonly=on]: the file must be 64 MiB; program and erase write back to it",
        HelpName = "if=pflash,format=raw,file=FILE[,unit=N]",
        AllowMultipleArgumentsPerToken = false,
    };

    private static void AddFirmwareOptions(Command command)
    {
        command.Options.Add(Bios);
        command.Options.Add(Drive);
    }

    /// <summary>The name a firmware-only run reports as its image: the -bios file, else the first -drive.</summary>
    private static string FirmwareName(System.CommandLine.ParseResult parse) =>
        parse.GetValue(Bios) ?? (parse.GetValue(Drive) is { Length: > 0 } drives ? drives[0] : "");

    /// <summary>Reads the firmware options; null when there are none. Problems are ImageLoadExceptions.</summary>
    private static FirmwareConfig? LoadFirmware(RunOptions options)
    {
        if (options.BiosPath is null && options.Drives.Count == 0)
        {
            if (options.ImagePath.Length == 0 || !options.KernelGiven)
                throw new ImageLoadException("IMAGE", "missing: give a guest image, or firmware with -bios FILE or -drive if=pflash,file=FILE");
            return null;
        }
        if (options.KernelGiven)
        {
            throw new ImageLoadException(options.ImagePath,
                "an IMAGE cannot be combined with -bios or -drive if=pflash: QEMU hands a kernel to firmware through fw_cfg, which this board does not do; run the firmware alone");
        }
        if (options.LoadAddress is not null)
            throw new ImageLoadException(options.ImagePath, "--load-address is for a raw IMAGE, not for firmware (which starts at 0x0)");
        if (options.DtbPath is not null || options.Bootargs is not null)
            throw new ImageLoadException(options.ImagePath, "--dtb and --append are for a kernel IMAGE; firmware gets the board's device tree at RAM base");
        return FirmwareLoader.Load(options.BiosPath, options.Drives, VirtMemoryMap.FlashBankSize, VirtMemoryMap.FlashBankCount);
    }
}
