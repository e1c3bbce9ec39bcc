using System.Buffers.Binary;
using System.Text;

namespace Emulator.Host.DeviceTree;

/// <summary>
/// Writes a flattened device tree blob (DTB): version 17, last compatible version 16, boot CPU 0,
/// an empty memory reservation map, a structure block and a strings block with each property name
/// stored once. Cells are big-endian and every token is 4-byte aligned. The output depends only
/// on the sequence of calls, so the same tree always gives the same bytes.
/// </summary>
/// <example>
/// <code>
/// var w = new FdtWriter();
/// w.BeginNode("");                 // the root node has an empty name
/// w.PropertyU32("#address-cells", 2);
/// w.BeginNode("chosen");
/// w.PropertyString("bootargs", "console=ttyAMA0");
/// w.EndNode();
/// w.EndNode();
/// byte[] dtb = w.Finish();
/// </code>
/// </example>
public sealed class FdtWriter
{
    private readonly List<byte> _structure = new();
    private readonly List<byte> _strings = new();
    private readonly Dictionary<string, int> _stringOffsets = new(StringComparer.Ordinal);
    private readonly Stack<HashSet<string>> _openNodes = new();
    private bool _rootDone;
    private bool _finished;

    /// <summary>Number of nodes begun and not yet ended.</summary>
    public int Depth => _openNodes.Count;

    /// <summary>
    /// Opens a node. The first node must be the root, named "". Other names are
    /// <c>node-name[@unit-address]</c> and may contain neither '/' nor NUL.
    /// </summary>
    public void BeginNode(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        CheckNotFinished();
        if (_openNodes.Count == 0)
        {
            if (_rootDone)
            {
                throw new InvalidOperationException("The root node has already been closed; a device tree has one root.");
            }

            if (name.Length != 0)
            {
                throw new ArgumentException($"The root node must be named \"\", not \"{name}\".", nameof(name));
            }
        }
        else if (name.Length == 0 || name.Contains('/') || name.Contains('\0'))
        {
            throw new ArgumentException($"Invalid node name \"{name}\".", nameof(name));
        }

        AppendU32(Fdt.BeginNode);
        AppendNulTerminated(_structure, name);
        Pad();
        _openNodes.Push(new HashSet<string>(StringComparer.Ordinal));
    }

    /// <summary>Closes the node opened last.</summary>
    public void EndNode()
    {
        CheckNotFinished();
        if (_openNodes.Count == 0)
        {
            throw new InvalidOperationException("EndNode without a matching BeginNode.");
        }

        _openNodes.Pop();
        AppendU32(Fdt.EndNode);
        if (_openNodes.Count == 0)
        {
            _rootDone = true;
        }
    }

    /// <summary>Adds a property with a raw value to the open node.</summary>
    public void Property(string name, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(name);
        CheckNotFinished();
        if (_openNodes.Count == 0)
        {
            throw new InvalidOperationException($"Property \"{name}\" outside any node.");
        }

        if (name.Length == 0 || name.Contains('\0'))
        {
            throw new ArgumentException($"Invalid property name \"{name}\".", nameof(name));
        }

        if (!_openNodes.Peek().Add(name))
        {
            throw new InvalidOperationException($"Property \"{name}\" is already set in this node.");
        }

        AppendU32(Fdt.Prop);
        AppendU32((uint)value.Length);
        AppendU32((uint)StringOffset(name));
        foreach (byte b in value)
        {
            _structure.Add(b);
        }

        Pad();
    }

    /// <summary>Adds a property with no value (a boolean such as <c>interrupt-controller</c>).</summary>
    public void PropertyEmpty(string name) => Property(name, ReadOnlySpan<byte>.Empty);

    /// <summary>Adds a property of 32-bit big-endian cells.</summary>
    public void PropertyU32(string name, params ReadOnlySpan<uint> cells)
    {
        var value = new byte[cells.Length * 4];
        for (int i = 0; i < cells.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(i * 4), cells[i]);
        }

        Property(name, value);
    }

    /// <summary>Adds a property of 64-bit values, each written as two big-endian cells (high first).</summary>
    public void PropertyU64(string name, params ReadOnlySpan<ulong> values)
    {
        var value = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(value.AsSpan(i * 8), values[i]);
        }

        Property(name, value);
    }

    /// <summary>Adds a NUL-terminated string property.</summary>
    public void PropertyString(string name, string value) => PropertyStringList(name, value);

    /// <summary>Adds a string-list property: each string NUL-terminated, one after the other.</summary>
    public void PropertyStringList(string name, params ReadOnlySpan<string> values)
    {
        var value = new List<byte>();
        foreach (string s in values)
        {
            ArgumentNullException.ThrowIfNull(s, nameof(values));
            if (s.Contains('\0'))
            {
                throw new ArgumentException($"String value of \"{name}\" contains NUL.", nameof(values));
            }

            AppendNulTerminated(value, s);
        }

        Property(name, value.ToArray());
    }

    /// <summary>Closes the structure block and returns the blob. The writer cannot be used afterwards.</summary>
    public byte[] Finish()
    {
        CheckNotFinished();
        if (!_rootDone)
        {
            throw new InvalidOperationException(_openNodes.Count == 0
                ? "No root node was written."
                : $"{_openNodes.Count} node(s) are still open.");
        }

        AppendU32(Fdt.End);
        _finished = true;

        const int memoryReservationMapOffset = Fdt.HeaderSize;  // 8-byte aligned
        const int memoryReservationMapSize = 16;                // only the terminating zero entry
        int structureOffset = memoryReservationMapOffset + memoryReservationMapSize;
        int stringsOffset = structureOffset + _structure.Count;
        int totalSize = stringsOffset + _strings.Count;

        var blob = new byte[totalSize];
        Span<byte> header = blob;
        BinaryPrimitives.WriteUInt32BigEndian(header[0..], Fdt.Magic);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], (uint)totalSize);
        BinaryPrimitives.WriteUInt32BigEndian(header[8..], (uint)structureOffset);
        BinaryPrimitives.WriteUInt32BigEndian(header[12..], (uint)stringsOffset);
        BinaryPrimitives.WriteUInt32BigEndian(header[16..], memoryReservationMapOffset);
        BinaryPrimitives.WriteUInt32BigEndian(header[20..], Fdt.Version);
        BinaryPrimitives.WriteUInt32BigEndian(header[24..], Fdt.LastCompatibleVersion);
        BinaryPrimitives.WriteUInt32BigEndian(header[28..], 0);  // boot_cpuid_phys
        BinaryPrimitives.WriteUInt32BigEndian(header[32..], (uint)_strings.Count);
        BinaryPrimitives.WriteUInt32BigEndian(header[36..], (uint)_structure.Count);
        _structure.CopyTo(blob, structureOffset);
        _strings.CopyTo(blob, stringsOffset);
        return blob;
    }

    private int StringOffset(string name)
    {
        if (!_stringOffsets.TryGetValue(name, out int offset))
        {
            offset = _strings.Count;
            AppendNulTerminated(_strings, name);
            _stringOffsets.Add(name, offset);
        }

        return offset;
    }

    private void CheckNotFinished()
    {
        if (_finished)
        {
            throw new InvalidOperationException("Finish has already been called.");
        }
    }

    private void AppendU32(uint value)
    {
        _structure.Add((byte)(value >> 24));
        _structure.Add((byte)(value >> 16));
        _structure.Add((byte)(value >> 8));
        _structure.Add((byte)value);
    }

    private void Pad()
    {
        while ((_structure.Count & 3) != 0)
        {
            _structure.Add(0);
        }
    }

    private static void AppendNulTerminated(List<byte> target, string s)
    {
        target.AddRange(Encoding.UTF8.GetBytes(s));
        target.Add(0);
    }
}
