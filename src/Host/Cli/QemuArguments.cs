namespace Emulator.Host.Cli;

/// <summary>
/// QEMU's spellings of `emulator run`'s options, rewritten to the emulator's own before parsing
/// where the meaning is the same (docs/cli.md, "QEMU spellings"), and an image given without
/// `run`. A QEMU option whose value asks for something this emulator does not model (another
/// machine, another CPU, a serial back end other than stdio, an unknown -d item) is an error that
/// names the option, the value and what is supported. Options not listed here are left as they
/// are, for the parser to accept or to name as unrecognized.
/// </summary>
public static class QemuArguments
{
    /// <summary>QEMU -d items and the --trace categories that log the same events.</summary>
    public static readonly IReadOnlyDictionary<string, string> DebugItems = new Dictionary<string, string>
    {
        ["int"] = "cpu",          // exception and interrupt entry: the cpu category's exception lines
        ["mmu"] = "hyp",          // translation faults: the hypervisor model's stage-2 fault handling
    };

    /// <summary>The CPU models `-cpu` accepts: the one the core models (MIDR_EL1, ID registers: QEMU's cortex-a57).</summary>
    public static readonly IReadOnlyList<string> CpuModels = ["cortex-a57"];

    /// <summary>The line `run --help` shows about them.</summary>
    public const string HelpLine =
        "QEMU's spellings are accepted too: -kernel IMAGE (and IMAGE without 'run'), -append, -initrd, -dtb, -m, -smp N, -M virt[,gic-version=N], " +
        "-cpu cortex-a57, -nographic, -serial stdio, -semihosting, -d int,mmu, -D FILE (docs/cli.md)";

    private static readonly HashSet<string> RootTokens = ["run", "check", "explain", "--help", "-h", "-?", "/?", "/h", "--version"];

    /// <summary>
    /// Rewrites <paramref name="args"/>; false with <paramref name="error"/> when a QEMU option has a
    /// value with no equivalent here.
    /// </summary>
    public static bool TryRewrite(IReadOnlyList<string> args, out string[] rewritten, out string? error)
    {
        rewritten = [.. args];
        error = null;
        if (args.Count == 0)
            return true;
        var output = new List<string>(args.Count + 2);
        int start = 0;
        if (args[0] == "run")
        {
            start = 1;
        }
        else if (RootTokens.Contains(args[0]) || args[0].StartsWith("[", StringComparison.Ordinal))
        {
            return true; // `check`, help, version, diagrams: nothing of QEMU's applies
        }
        output.Add("run"); // `emulator IMAGE ...` and `emulator -kernel IMAGE ...` mean `emulator run ...`

        string? kernel = null;
        for (int i = start; i < args.Count; i++)
        {
            string a = args[i];
            string? Value()
            {
                if (i + 1 < args.Count)
                    return args[++i];
                return null;
            }
            switch (a)
            {
                case "--":
                    output.AddRange(args.Skip(i));
                    i = args.Count;
                    break;
                case "-kernel":
                    kernel = Value();
                    if (kernel is null)
                        return Fail(out error, "-kernel: missing the image file (e.g. -kernel samples/bin/demo.elf)");
                    output.Add(kernel);
                    break;
                case "-append" or "-initrd" or "-dtb":
                {
                    string? v = Value();
                    if (v is null)
                        return Fail(out error, $"{a}: missing its value");
                    output.Add("-" + a);
                    output.Add(v);
                    break;
                }
                case "-m":
                {
                    string? v = Value();
                    if (v is null)
                        return Fail(out error, "-m: missing the RAM size (e.g. -m 256M)");
                    output.Add("--memory");
                    output.Add(v.StartsWith("size=", StringComparison.Ordinal) ? v["size=".Length..] : v); // QEMU's -m size=256M
                    break;
                }
                case "-smp":
                {
                    string? v = Value();
                    if (v is null)
                        return Fail(out error, "-smp: missing the number of CPUs (e.g. -smp 2)");
                    output.Add("--smp");
                    output.Add(v);
                    break;
                }
                case "-M" or "-machine":
                {
                    string? v = Value();
                    if (v is null)
                        return Fail(out error, $"{a}: missing the machine (virt)");
                    if (!Machine(a, v, output, out error))
                        return false;
                    break;
                }
                case "-cpu":
                {
                    string? v = Value();
                    if (v is null || !CpuModels.Contains(v))
                    {
                        return Fail(out error, $"-cpu {v}: not a CPU model this emulator has; supported: {string.Join(", ", CpuModels)} " +
                            "(an ARMv8.0-A core with QEMU cortex-a57's ID registers; 'max' is not equivalent: QEMU's max has many later features)");
                    }
                    break; // the only model: nothing to set
                }
                case "-D":
                {
                    string? v = Value();
                    if (v is null)
                        return Fail(out error, "-D: missing the log file");
                    output.Add("--log-file");
                    output.Add(v);
                    break;
                }
                case "-nographic":
                    output.Add("--display");
                    output.Add("headless"); // the UART is on standard input/output already
                    break;
                case "-serial":
                {
                    string? v = Value();
                    if (v != "stdio")
                        return Fail(out error, $"-serial {v}: the only serial back end is stdio (the PL011 UART on standard input and output, the default)");
                    break;
                }
                case "-semihosting":
                    break; // semihosting (HLT #0xF000) is always enabled, as QEMU's -semihosting enables it
                case "-d":
                {
                    string? v = Value();
                    if (v is null)
                        return Fail(out error, $"-d: missing the log items (supported: {string.Join(", ", DebugItems.Keys)})");
                    if (!Debug(v, output, out error))
                        return false;
                    break;
                }
                default:
                    output.Add(a);
                    break;
            }
        }
        rewritten = [.. output];
        return true;
    }

    /// <summary>-M virt[,gic-version=2|3]: the board is QEMU's virt; gic-version maps to --gic.</summary>
    private static bool Machine(string option, string value, List<string> output, out string? error)
    {
        error = null;
        string[] parts = value.Split(',');
        if (parts[0] != "virt")
            return Fail(out error, $"{option} {parts[0]}: not a machine this emulator has; supported: virt (QEMU's virt board)");
        foreach (string property in parts.Skip(1))
        {
            if (property is "gic-version=2" or "gic-version=3")
            {
                output.Add("--gic");
                output.Add(property[^1..]);
            }
            else
            {
                return Fail(out error, $"{option} {value}: property '{property}' is not supported here (supported: gic-version=2, gic-version=3)");
            }
        }
        return true;
    }

    /// <summary>-d ITEM,...: the --trace categories that log the same events; unknown items named.</summary>
    private static bool Debug(string value, List<string> output, out string? error)
    {
        error = null;
        var categories = new List<string>();
        var unknown = new List<string>();
        foreach (string item in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (DebugItems.TryGetValue(item, out string? category))
            {
                if (!categories.Contains(category))
                    categories.Add(category);
            }
            else
            {
                unknown.Add(item);
            }
        }
        if (unknown.Count > 0)
        {
            return Fail(out error, $"-d {value}: unknown log item{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"'{u}'"))} " +
                $"(supported: {string.Join(", ", DebugItems.Select(d => $"{d.Key} = --trace {d.Value}"))})");
        }
        if (categories.Count > 0)
        {
            output.Add("--trace");
            output.Add(string.Join(',', categories));
        }
        return true;
    }

    private static bool Fail(out string? error, string message)
    {
        error = message;
        return false;
    }
}
