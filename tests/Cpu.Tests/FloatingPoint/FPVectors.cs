using System.Globalization;
using System.Runtime.CompilerServices;

namespace Emulator.Cpu.Tests.FloatingPoint;

/// <summary>One case recorded on qemu-system-aarch64 (cortex-a57) by QemuVectors/gen.py.</summary>
public readonly record struct FPVector(string Name, uint Insn, uint Fpcr, ulong A, ulong B, ulong C, uint Nzcv, ulong Result, uint Fpsr)
{
    /// <summary>The name's fields: operation, element size, then an optional register width (w/x) and fraction bits.</summary>
    public string[] Fields => Name.Split(':');

    public override string ToString() =>
        $"{Name} insn={Insn:x8} fpcr={Fpcr:x} a={A:x} b={B:x} c={C:x} nzcv={Nzcv:x} -> {Result:x} fpsr={Fpsr:x}";
}

/// <summary>Loads QemuVectors/vectors.txt (found next to this source file).</summary>
public static class FPVectors
{
    private static string Here([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static IReadOnlyList<FPVector>? _all;

    public static IReadOnlyList<FPVector> All => _all ??= Load(Path.Combine(Here(), "QemuVectors", "vectors.txt"));

    private static List<FPVector> Load(string path)
    {
        var list = new List<FPVector>();
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#')
                continue;
            string[] p = line.Split(' ');
            static ulong H(string s) => ulong.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            list.Add(new FPVector(p[0], (uint)H(p[1]), (uint)H(p[2]), H(p[3]), H(p[4]), H(p[5]), (uint)H(p[6]), H(p[7]), (uint)H(p[8])));
        }
        return list;
    }
}
