namespace Emulator.Host.Loading;

/// <summary>One CFI flash bank's initial contents and backing.</summary>
/// <param name="Unit">0 (at 0x0, where the CPU starts) or 1.</param>
/// <param name="Contents">The bank's bytes from its start (shorter than the bank: the rest reads as zero).</param>
/// <param name="BackingFile">The -drive file that program and erase write back to, or null (-bios: changes stay in memory).</param>
/// <param name="ReadOnly">readonly=on: program and erase fail.</param>
public sealed record FlashBankImage(int Unit, byte[] Contents, string? BackingFile, bool ReadOnly);

/// <summary>The firmware of a run: what each flash bank holds. Banks not listed are empty and writable, as QEMU's.</summary>
public sealed record FirmwareConfig(string Name, IReadOnlyList<FlashBankImage> Banks)
{
    /// <summary>The firmware as an image to boot: the banks' bytes (trailing zeros dropped) at their addresses, entered at 0x0.</summary>
    public LoadedImage ToImage(ulong flashBase, ulong bankSize)
    {
        var segments = new List<LoadedSegment>();
        foreach (FlashBankImage bank in Banks)
        {
            int used = bank.Contents.AsSpan().LastIndexOfAnyExcept((byte)0) + 1;
            if (used > 0)
                segments.Add(new LoadedSegment(flashBase + (ulong)bank.Unit * bankSize, bank.Contents[..used], (ulong)used));
        }
        return new LoadedImage(ImageFormat.Firmware, flashBase, segments, IsLinuxKernel: false);
    }
}

/// <summary>
/// Reads the firmware options the way QEMU's virt board takes them (virt_firmware_init,
/// pflash_cfi01): <c>-bios FILE</c> loads FILE into flash bank 0 (at most the bank's size; the
/// rest reads as zero; writes by the guest stay in memory); <c>-drive
/// if=pflash,format=raw,file=FILE[,unit=N][,readonly=on]</c> backs bank N (0 or 1; by default the
/// next free one) with FILE, which must be exactly the bank's size, and the guest's program and
/// erase commands are written back to it unless it is read-only. -bios and a unit-0 drive
/// together are refused, as QEMU refuses them. Problems are <see cref="ImageLoadException"/>s.
/// </summary>
public static class FirmwareLoader
{
    public static FirmwareConfig? Load(string? biosPath, IReadOnlyList<string> drives, ulong bankSize, int bankCount)
    {
        if (biosPath is null && drives.Count == 0)
            return null;
        var banks = new FlashBankImage?[bankCount];
        foreach (string spec in drives)
        {
            (string file, int? unit, bool readOnly) = ParseDrive(spec, bankCount);
            int u = unit ?? Array.FindIndex(banks, b => b is null);
            if (u < 0)
                throw new ImageLoadException(file, $"-drive {spec}: both flash banks are already given");
            if (banks[u] is not null)
                throw new ImageLoadException(file, $"-drive {spec}: flash unit {u} is given twice");
            byte[] contents = ReadFile(file);
            if ((ulong)contents.LongLength != bankSize)
                throw new ImageLoadException(file, $"-drive if=pflash: the flash bank needs a file of exactly {bankSize} bytes ({bankSize >> 20} MiB); this one has {contents.LongLength} (pad it, e.g. truncate -s {bankSize >> 20}M FILE)");
            banks[u] = new FlashBankImage(u, contents, readOnly ? null : file, readOnly);
        }
        if (biosPath is not null)
        {
            if (banks[0] is not null)
                throw new ImageLoadException(biosPath, "the first flash bank can be given with -bios or with -drive if=pflash,unit=0, not both");
            byte[] contents = ReadFile(biosPath);
            if (contents.Length == 0)
                throw new ImageLoadException(biosPath, "-bios: the firmware file is empty");
            if ((ulong)contents.LongLength > bankSize)
                throw new ImageLoadException(biosPath, $"-bios: the firmware ({contents.LongLength} bytes) is larger than the {bankSize >> 20} MiB flash bank");
            banks[0] = new FlashBankImage(0, contents, null, false);
        }
        var list = new List<FlashBankImage>();
        foreach (FlashBankImage? bank in banks)
        {
            if (bank is not null)
                list.Add(bank);
        }
        if (banks[0] is null)
            throw new ImageLoadException(list[0].BackingFile ?? drives[0], "-drive if=pflash gives only flash unit 1: the CPU starts at 0x0, in unit 0 (give -bios FILE or a unit=0 drive as well)");
        return new FirmwareConfig(biosPath ?? banks[0]!.BackingFile ?? drives[0], list);
    }

    /// <summary>Parses one -drive value (QEMU's key=value list); only what a pflash drive needs is accepted.</summary>
    private static (string File, int? Unit, bool ReadOnly) ParseDrive(string spec, int bankCount)
    {
        string? file = null, iface = null, format = null;
        int? unit = null;
        bool readOnly = false;
        foreach (string part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=');
            if (eq <= 0)
                throw new ImageLoadException(spec, $"-drive: '{part}' is not key=value");
            string key = part[..eq], value = part[(eq + 1)..];
            switch (key)
            {
                case "file":
                    file = value;
                    break;
                case "if":
                    iface = value;
                    break;
                case "format":
                    format = value;
                    break;
                case "unit":
                    if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int u) || u >= bankCount)
                        throw new ImageLoadException(spec, $"-drive: unit={value}: the virt board has flash units 0 to {bankCount - 1}");
                    unit = u;
                    break;
                case "readonly":
                    readOnly = value switch
                    {
                        "on" or "true" or "yes" => true,
                        "off" or "false" or "no" => false,
                        _ => throw new ImageLoadException(spec, $"-drive: readonly={value}: expected on or off"),
                    };
                    break;
                default:
                    throw new ImageLoadException(spec, $"-drive: option '{key}' is not supported (file, if=pflash, format=raw, unit, readonly)");
            }
        }
        if (iface != "pflash")
            throw new ImageLoadException(spec, $"-drive: only if=pflash drives exist on this board (got if={iface ?? "(none)"})");
        if (format is not (null or "raw"))
            throw new ImageLoadException(spec, $"-drive: format={format}: only raw flash images are supported");
        if (string.IsNullOrEmpty(file))
            throw new ImageLoadException(spec, "-drive: file= is missing");
        return (file, unit, readOnly);
    }

    private static byte[] ReadFile(string path)
    {
        try
        {
            if (Directory.Exists(path))
                throw new ImageLoadException(path, "is a directory, not a firmware file");
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ImageLoadException(path, "no such file", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageLoadException(path, $"cannot read: {e.Message}", e);
        }
    }
}
