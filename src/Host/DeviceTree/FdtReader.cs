using System.Buffers.Binary;
using System.Text;

namespace Emulator.Host.DeviceTree;

/// <summary>
/// Parses a flattened device tree blob (version 16 or later) into a tree of <see cref="FdtNode"/>.
/// The blob is treated as hostile: header fields, block bounds, tokens, names and strings are all
/// checked, and anything wrong ends in a <see cref="FormatException"/> saying what, never in
/// another exception.
/// </summary>
public sealed class FdtReader
{
    /// <summary>Deepest node nesting accepted; real trees are a handful of levels deep.</summary>
    public const int MaxDepth = 64;

    private FdtReader(uint version, uint lastCompatibleVersion, uint bootCpuId,
        IReadOnlyList<(ulong Address, ulong Size)> memoryReservations, FdtNode root)
    {
        Version = version;
        LastCompatibleVersion = lastCompatibleVersion;
        BootCpuId = bootCpuId;
        MemoryReservations = memoryReservations;
        Root = root;
    }

    public uint Version { get; }

    public uint LastCompatibleVersion { get; }

    public uint BootCpuId { get; }

    /// <summary>Entries of the memory reservation map, without the terminating zero entry.</summary>
    public IReadOnlyList<(ulong Address, ulong Size)> MemoryReservations { get; }

    public FdtNode Root { get; }

    /// <summary>
    /// The node at an absolute path such as "/chosen" or "/cpus/cpu@0", or null. A component
    /// without a unit address also matches a node that has one ("/memory" finds "memory@40000000").
    /// </summary>
    public FdtNode? FindNode(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/'))
        {
            return null;
        }

        FdtNode? node = Root;
        foreach (string component in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node.FindChild(component);
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>Parses <paramref name="blob"/>; bytes after the header's totalsize are ignored.</summary>
    /// <exception cref="FormatException">The blob is not a well-formed device tree.</exception>
    public static FdtReader Parse(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < 8)
        {
            throw Error($"truncated: {blob.Length} bytes is too short for a header");
        }

        uint magic = BinaryPrimitives.ReadUInt32BigEndian(blob);
        if (magic != Fdt.Magic)
        {
            throw Error($"bad magic 0x{magic:x8}, expected 0x{Fdt.Magic:x8}");
        }

        ulong totalSize = BinaryPrimitives.ReadUInt32BigEndian(blob[4..]);
        if (totalSize > (ulong)blob.Length)
        {
            throw Error($"truncated: totalsize is {totalSize} bytes but only {blob.Length} are present");
        }

        if (totalSize < Fdt.HeaderSizeV16)
        {
            throw Error($"totalsize {totalSize} is smaller than the header");
        }

        ReadOnlySpan<byte> fdt = blob[..(int)totalSize];
        ulong structOffset = ReadU32(fdt, 8);
        ulong stringsOffset = ReadU32(fdt, 12);
        ulong reservationOffset = ReadU32(fdt, 16);
        uint version = ReadU32(fdt, 20);
        uint lastCompatibleVersion = ReadU32(fdt, 24);
        uint bootCpuId = ReadU32(fdt, 28);
        ulong stringsSize = ReadU32(fdt, 32);

        if (version < 16)
        {
            throw Error($"version {version} is not supported (need 16 or later)");
        }

        if (lastCompatibleVersion > Fdt.Version)
        {
            throw Error($"last compatible version {lastCompatibleVersion} is newer than this reader ({Fdt.Version})");
        }

        int headerSize = version >= 17 ? Fdt.HeaderSize : Fdt.HeaderSizeV16;
        if (totalSize < (ulong)headerSize)
        {
            throw Error($"totalsize {totalSize} is smaller than the version {version} header ({headerSize} bytes)");
        }

        ulong structSize = version >= 17 ? ReadU32(fdt, 36) : (structOffset <= totalSize ? totalSize - structOffset : 0);

        CheckBlock("structure block", structOffset, structSize, totalSize, headerSize, alignment: 4);
        CheckBlock("strings block", stringsOffset, stringsSize, totalSize, headerSize, alignment: 1);
        if (reservationOffset < (ulong)headerSize || reservationOffset > totalSize)
        {
            throw Error($"memory reservation map offset 0x{reservationOffset:x} is outside the blob (header {headerSize} bytes, totalsize {totalSize})");
        }

        if (reservationOffset % 8 != 0)
        {
            throw Error($"memory reservation map offset 0x{reservationOffset:x} is not 8-byte aligned");
        }

        var reservations = ReadReservations(fdt, (int)reservationOffset);
        ReadOnlySpan<byte> strings = fdt.Slice((int)stringsOffset, (int)stringsSize);
        ReadOnlySpan<byte> structure = fdt.Slice((int)structOffset, (int)structSize);
        FdtNode root = ReadStructure(structure, strings);
        return new FdtReader(version, lastCompatibleVersion, bootCpuId, reservations, root);
    }

    private static void CheckBlock(string what, ulong offset, ulong size, ulong totalSize, int headerSize, int alignment)
    {
        if (offset < (ulong)headerSize || offset > totalSize || size > totalSize - offset)
        {
            throw Error($"{what} [0x{offset:x}, +0x{size:x}) lies outside the blob (header {headerSize} bytes, totalsize {totalSize})");
        }

        if (offset % (ulong)alignment != 0)
        {
            throw Error($"{what} offset 0x{offset:x} is not {alignment}-byte aligned");
        }
    }

    private static List<(ulong, ulong)> ReadReservations(ReadOnlySpan<byte> fdt, int offset)
    {
        var entries = new List<(ulong, ulong)>();
        for (int pos = offset; ; pos += 16)
        {
            if (fdt.Length - pos < 16)
            {
                throw Error("memory reservation map runs past the end of the blob without a terminating entry");
            }

            ulong address = BinaryPrimitives.ReadUInt64BigEndian(fdt[pos..]);
            ulong size = BinaryPrimitives.ReadUInt64BigEndian(fdt[(pos + 8)..]);
            if (address == 0 && size == 0)
            {
                return entries;
            }

            entries.Add((address, size));
        }
    }

    private static FdtNode ReadStructure(ReadOnlySpan<byte> structure, ReadOnlySpan<byte> strings)
    {
        FdtNode? root = null;
        FdtNode? current = null;
        int depth = 0;
        int pos = 0;
        while (true)
        {
            if (structure.Length - pos < 4)
            {
                throw Error(current is null
                    ? "structure block ends without FDT_END"
                    : $"unbalanced structure: node {current.Path} is not closed before the end of the structure block");
            }

            int tokenOffset = pos;
            uint token = BinaryPrimitives.ReadUInt32BigEndian(structure[pos..]);
            pos += 4;
            switch (token)
            {
                case Fdt.BeginNode:
                {
                    string name = ReadName(structure, pos, "node name", out int nameLength);
                    pos = AlignUp(pos + nameLength + 1, structure.Length, "node name");
                    if (current is null)
                    {
                        if (root is not null)
                        {
                            throw Error($"second root node at structure offset 0x{tokenOffset:x}");
                        }

                        root = current = new FdtNode("", null);
                        depth = 1;
                    }
                    else
                    {
                        if (name.Length == 0)
                        {
                            throw Error($"node with an empty name inside {current.Path} at structure offset 0x{tokenOffset:x}");
                        }

                        if (++depth > MaxDepth)
                        {
                            throw Error($"nodes nested deeper than {MaxDepth} levels at structure offset 0x{tokenOffset:x}");
                        }

                        var child = new FdtNode(name, current);
                        current.AddChild(child);
                        current = child;
                    }

                    break;
                }

                case Fdt.EndNode:
                    if (current is null)
                    {
                        throw Error($"unbalanced structure: FDT_END_NODE without a matching FDT_BEGIN_NODE at structure offset 0x{tokenOffset:x}");
                    }

                    current = current.Parent;
                    depth--;
                    break;

                case Fdt.Prop:
                {
                    if (current is null)
                    {
                        throw Error($"property outside any node at structure offset 0x{tokenOffset:x}");
                    }

                    if (structure.Length - pos < 8)
                    {
                        throw Error($"truncated property header at structure offset 0x{tokenOffset:x}");
                    }

                    uint length = BinaryPrimitives.ReadUInt32BigEndian(structure[pos..]);
                    uint nameOffset = BinaryPrimitives.ReadUInt32BigEndian(structure[(pos + 4)..]);
                    pos += 8;
                    if (length > (uint)(structure.Length - pos))
                    {
                        throw Error($"property value ({length} bytes) at structure offset 0x{tokenOffset:x} runs past the end of the structure block");
                    }

                    if (nameOffset >= (uint)strings.Length)
                    {
                        throw Error($"property name offset 0x{nameOffset:x} at structure offset 0x{tokenOffset:x} is outside the strings block ({strings.Length} bytes)");
                    }

                    string name = ReadName(strings, (int)nameOffset, "property name", out _);
                    if (name.Length == 0)
                    {
                        throw Error($"property with an empty name in {current.Path}");
                    }

                    byte[] value = structure.Slice(pos, (int)length).ToArray();
                    pos = AlignUp(pos + (int)length, structure.Length, "property value");
                    if (!current.TryAddProperty(name, value))
                    {
                        throw Error($"property \"{name}\" appears twice in {current.Path}");
                    }

                    break;
                }

                case Fdt.Nop:
                    break;

                case Fdt.End:
                    if (current is not null)
                    {
                        throw Error($"unbalanced structure: FDT_END inside node {current.Path}");
                    }

                    return root ?? throw Error("structure block has no root node");

                default:
                    throw Error($"unknown token 0x{token:x8} at structure offset 0x{tokenOffset:x}");
            }
        }
    }

    /// <summary>Reads a NUL-terminated UTF-8 string that must end inside <paramref name="block"/>.</summary>
    private static string ReadName(ReadOnlySpan<byte> block, int offset, string what, out int length)
    {
        length = block[offset..].IndexOf((byte)0);
        if (length < 0)
        {
            throw Error($"unterminated {what} at offset 0x{offset:x}");
        }

        return Encoding.UTF8.GetString(block.Slice(offset, length));
    }

    private static int AlignUp(int pos, int limit, string what)
    {
        int aligned = (pos + 3) & ~3;
        if (aligned > limit)
        {
            throw Error($"padding after {what} runs past the end of the structure block");
        }

        return aligned;
    }

    private static uint ReadU32(ReadOnlySpan<byte> fdt, int offset) => BinaryPrimitives.ReadUInt32BigEndian(fdt[offset..]);

    private static FormatException Error(string problem) => new($"FDT: {problem}");
}
