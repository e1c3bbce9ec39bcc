using System.Buffers.Binary;
using System.Text;

namespace Emulator.Host.DeviceTree;

/// <summary>
/// One node of a device tree read by <see cref="FdtReader"/>: its name, properties (raw bytes, in
/// blob order) and children. The typed getters return null when the property is absent and throw
/// <see cref="FormatException"/> when it is present but malformed for the requested type.
/// </summary>
public sealed class FdtNode
{
    private readonly List<FdtNode> _children = new();
    private readonly Dictionary<string, byte[]> _properties = new(StringComparer.Ordinal);
    private readonly List<string> _propertyNames = new();

    internal FdtNode(string name, FdtNode? parent)
    {
        Name = name;
        Parent = parent;
    }

    /// <summary>The node name with its unit address ("memory@40000000"); "" for the root.</summary>
    public string Name { get; }

    public FdtNode? Parent { get; }

    public IReadOnlyList<FdtNode> Children => _children;

    /// <summary>Properties by name.</summary>
    public IReadOnlyDictionary<string, byte[]> Properties => _properties;

    /// <summary>Property names in the order they appear in the blob.</summary>
    public IReadOnlyList<string> PropertyNames => _propertyNames;

    /// <summary>The full path ("/", "/cpus/cpu@0").</summary>
    public string Path
    {
        get
        {
            if (Parent is null)
            {
                return "/";
            }

            var names = new List<string>();
            for (FdtNode? n = this; n?.Parent is not null; n = n.Parent)
            {
                names.Add(n.Name);
            }

            names.Reverse();
            return "/" + string.Join('/', names);
        }
    }

    /// <summary>
    /// The child with exactly this name or, when <paramref name="name"/> has no unit address, the
    /// first child whose name before the '@' matches (as libfdt's path lookup does).
    /// </summary>
    public FdtNode? FindChild(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (FdtNode child in _children)
        {
            if (child.Name == name)
            {
                return child;
            }
        }

        if (!name.Contains('@'))
        {
            foreach (FdtNode child in _children)
            {
                int at = child.Name.IndexOf('@', StringComparison.Ordinal);
                if (at >= 0 && child.Name.AsSpan(0, at).SequenceEqual(name))
                {
                    return child;
                }
            }
        }

        return null;
    }

    public bool HasProperty(string name) => _properties.ContainsKey(name);

    /// <summary>The raw value, or null when absent.</summary>
    public byte[]? GetProperty(string name) => _properties.GetValueOrDefault(name);

    /// <summary>A single NUL-terminated string (the first of a string list).</summary>
    public string? GetString(string name) => GetStringList(name) is { } list ? list[0] : null;

    /// <summary>A list of NUL-terminated strings.</summary>
    public string[]? GetStringList(string name)
    {
        if (GetProperty(name) is not { } value)
        {
            return null;
        }

        if (value.Length == 0 || value[^1] != 0)
        {
            throw Malformed(name, "is not a NUL-terminated string");
        }

        var strings = new List<string>();
        int start = 0;
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] == 0)
            {
                strings.Add(Encoding.UTF8.GetString(value, start, i - start));
                start = i + 1;
            }
        }

        return strings.ToArray();
    }

    /// <summary>A single 32-bit cell.</summary>
    public uint? GetU32(string name)
    {
        if (GetProperty(name) is not { } value)
        {
            return null;
        }

        if (value.Length != 4)
        {
            throw Malformed(name, $"has {value.Length} bytes, expected one 32-bit cell");
        }

        return BinaryPrimitives.ReadUInt32BigEndian(value);
    }

    /// <summary>A 64-bit value stored as two cells (high first).</summary>
    public ulong? GetU64(string name)
    {
        if (GetProperty(name) is not { } value)
        {
            return null;
        }

        if (value.Length != 8)
        {
            throw Malformed(name, $"has {value.Length} bytes, expected two 32-bit cells");
        }

        return BinaryPrimitives.ReadUInt64BigEndian(value);
    }

    /// <summary>An array of 32-bit cells.</summary>
    public uint[]? GetU32Array(string name)
    {
        if (GetProperty(name) is not { } value)
        {
            return null;
        }

        if (value.Length % 4 != 0)
        {
            throw Malformed(name, $"has {value.Length} bytes, not a whole number of 32-bit cells");
        }

        var cells = new uint[value.Length / 4];
        for (int i = 0; i < cells.Length; i++)
        {
            cells[i] = BinaryPrimitives.ReadUInt32BigEndian(value.AsSpan(i * 4));
        }

        return cells;
    }

    /// <summary>
    /// The property split into values of <paramref name="cellsPerValue"/> cells each (1 or 2),
    /// as for <c>reg</c> with a given #address-cells.
    /// </summary>
    public ulong[]? GetCells(string name, int cellsPerValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cellsPerValue, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cellsPerValue, 2);
        if (GetU32Array(name) is not { } cells)
        {
            return null;
        }

        if (cells.Length % cellsPerValue != 0)
        {
            throw Malformed(name, $"has {cells.Length} cells, not a multiple of {cellsPerValue}");
        }

        var values = new ulong[cells.Length / cellsPerValue];
        for (int i = 0; i < values.Length; i++)
        {
            ulong v = 0;
            for (int c = 0; c < cellsPerValue; c++)
            {
                v = (v << 32) | cells[(i * cellsPerValue) + c];
            }

            values[i] = v;
        }

        return values;
    }

    /// <summary>
    /// The <c>reg</c> property decoded with the parent's #address-cells and #size-cells
    /// (2 and 1 when absent, per the Devicetree Specification).
    /// </summary>
    public IReadOnlyList<(ulong Address, ulong Size)>? GetReg()
    {
        if (!HasProperty("reg"))
        {
            return null;
        }

        uint addressCells = Parent?.GetU32("#address-cells") ?? 2;
        uint sizeCells = Parent?.GetU32("#size-cells") ?? 1;
        if (addressCells is < 1 or > 2 || sizeCells > 2)
        {
            throw Malformed("reg", $"uses #address-cells {addressCells} and #size-cells {sizeCells}; only 1-2 and 0-2 are supported");
        }

        uint[] cells = GetU32Array("reg")!;
        int stride = (int)(addressCells + sizeCells);
        if (cells.Length % stride != 0)
        {
            throw Malformed("reg", $"has {cells.Length} cells, not a multiple of {stride}");
        }

        var entries = new List<(ulong, ulong)>();
        for (int i = 0; i < cells.Length; i += stride)
        {
            ulong address = Combine(cells.AsSpan(i, (int)addressCells));
            ulong size = Combine(cells.AsSpan(i + (int)addressCells, (int)sizeCells));
            entries.Add((address, size));
        }

        return entries;
    }

    /// <inheritdoc/>
    public override string ToString() => Path;

    internal void AddChild(FdtNode child) => _children.Add(child);

    internal bool TryAddProperty(string name, byte[] value)
    {
        if (!_properties.TryAdd(name, value))
        {
            return false;
        }

        _propertyNames.Add(name);
        return true;
    }

    private static ulong Combine(ReadOnlySpan<uint> cells)
    {
        ulong v = 0;
        foreach (uint c in cells)
        {
            v = (v << 32) | c;
        }

        return v;
    }

    private FormatException Malformed(string property, string problem) =>
        new($"FDT: property \"{property}\" of {Path} {problem}");
}
