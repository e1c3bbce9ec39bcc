using System.CommandLine;
using System.CommandLine.Parsing;
using Emulator.Devices.Vga;
using Emulator.Host.Board;

namespace Emulator.Host.Cli;

/// <summary>The --device option of `emulator run`: which QEMU display device is PCI function 00:01.0.</summary>
public static partial class RunCommand
{
    private static readonly Option<DisplayModel?> Device = new("--device")
    {
        Description = "Name the display on the PCIe bus at 00:01.0 as QEMU's -device does, and describe the host bridge "
            + "in the device tree: VGA (std VGA, BARs assigned at boot to 0x10000000/0x20000000 and a 640x480 mode set, "
            + "as firmware leaves it) or bochs-display (unassigned until the guest programs its BARs, as QEMU with -kernel); "
            + "QEMU's romfile= (empty) and addr=01.0 are accepted. Without it: VGA as firmware leaves it, "
            + "the device tree describing only its simple-framebuffer (as before the bridge existed)",
        HelpName = "NAME[,romfile=][,addr=01.0]",
        CustomParser = ParseDevice,
    };

    private static DisplayModel? ParseDevice(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        string[] parts = text.Split(',');
        DisplayModel model;
        switch (parts[0])
        {
            case "bochs-display":
                model = DisplayModel.BochsDisplay;
                break;
            case "VGA":
                model = DisplayModel.Vga;
                break;
            default:
                result.AddError($"--device: '{parts[0]}' is not a device this board has; it has one display, 'VGA' or 'bochs-display'");
                return DisplayModel.Vga;
        }
        for (int i = 1; i < parts.Length; i++)
        {
            string property = parts[i];
            if (property == "romfile=")
                continue; // no option ROM, which is what this board has anyway
            if (property is "addr=1" or "addr=01" or "addr=1.0" or "addr=01.0" or "addr=0x1")
                continue;
            if (property.StartsWith("romfile=", StringComparison.Ordinal))
                result.AddError($"--device: option ROMs are not modelled ('{property}'); give romfile= with no file");
            else if (property.StartsWith("addr=", StringComparison.Ordinal))
                result.AddError($"--device: the display can only be at 00:{VirtMemoryMap.DisplayPciSlot:x2}.0 ('{property}')");
            else if (property.StartsWith("vgamem", StringComparison.Ordinal))
                result.AddError($"--device: set the VRAM size with --vram, not '{property}'");
            else
                result.AddError($"--device: property '{property}' of {parts[0]} is not supported (only romfile= and addr=01.0)");
        }
        return model;
    }
}
