using System.Buffers.Binary;
using Emulator.Host.DeviceTree;

namespace Emulator.Host.Tests.DeviceTree;

public sealed class FdtWriterReaderTests
{
    [Fact]
    public void Header_HasVersion17AndConsistentLayout()
    {
        byte[] blob = SmallTree();

        Assert.Equal(0xd00dfeedu, U32(blob, 0));
        Assert.Equal((uint)blob.Length, U32(blob, 4));
        uint structOffset = U32(blob, 8);
        uint stringsOffset = U32(blob, 12);
        uint reservationOffset = U32(blob, 16);
        Assert.Equal(17u, U32(blob, 20));
        Assert.Equal(16u, U32(blob, 24));
        Assert.Equal(0u, U32(blob, 28));
        uint stringsSize = U32(blob, 32);
        uint structSize = U32(blob, 36);
        Assert.Equal(0u, reservationOffset % 8);
        Assert.Equal(0u, structOffset % 4);
        Assert.Equal(new byte[16], blob.AsSpan((int)reservationOffset, 16).ToArray());  // empty map, zero entry
        Assert.Equal(structOffset + structSize, stringsOffset);
        Assert.Equal((uint)blob.Length, stringsOffset + stringsSize);
        Assert.Equal(9u, U32(blob, (int)(structOffset + structSize - 4)));  // FDT_END last
    }

    [Fact]
    public void RoundTrip_PreservesNodesAndProperties()
    {
        var w = new FdtWriter();
        w.BeginNode("");
        w.PropertyU32("#address-cells", 2);
        w.PropertyU32("#size-cells", 2);
        w.PropertyString("compatible", "test,board");
        w.BeginNode("chosen");
        w.PropertyString("bootargs", "console=ttyAMA0 earlycon");
        w.EndNode();
        w.BeginNode("dev@9000000");
        w.PropertyU64("reg", 0x900_0000, 0x1000);
        w.PropertyStringList("compatible", "arm,pl011", "arm,primecell");
        w.PropertyU32("interrupts", 0, 1, 4);
        w.PropertyEmpty("dma-coherent");
        w.Property("blob", new byte[] { 1, 2, 3 });
        w.BeginNode("child");
        w.PropertyU32("x", 0xdeadbeef);
        w.EndNode();
        w.EndNode();
        w.EndNode();
        byte[] blob = w.Finish();

        FdtReader fdt = FdtReader.Parse(blob);

        Assert.Equal(17u, fdt.Version);
        Assert.Equal(16u, fdt.LastCompatibleVersion);
        Assert.Empty(fdt.MemoryReservations);
        Assert.Equal("/", fdt.Root.Path);
        Assert.Equal(new[] { "#address-cells", "#size-cells", "compatible" }, fdt.Root.PropertyNames);
        Assert.Equal(2u, fdt.Root.GetU32("#address-cells"));
        Assert.Equal("test,board", fdt.Root.GetString("compatible"));
        Assert.Equal("console=ttyAMA0 earlycon", fdt.FindNode("/chosen")!.GetString("bootargs"));

        FdtNode dev = fdt.FindNode("/dev@9000000")!;
        Assert.Same(dev, fdt.FindNode("/dev"));  // unit address may be omitted
        Assert.Equal(new ulong[] { 0x900_0000, 0x1000 }, dev.GetCells("reg", 2));
        Assert.Equal(new (ulong, ulong)[] { (0x900_0000, 0x1000) }, dev.GetReg());
        Assert.Equal(new[] { "arm,pl011", "arm,primecell" }, dev.GetStringList("compatible"));
        Assert.Equal(new uint[] { 0, 1, 4 }, dev.GetU32Array("interrupts"));
        Assert.Empty(dev.GetProperty("dma-coherent")!);
        Assert.Equal(new byte[] { 1, 2, 3 }, dev.GetProperty("blob"));
        Assert.Null(dev.GetProperty("missing"));
        Assert.Equal(0xdeadbeefu, fdt.FindNode("/dev@9000000/child")!.GetU32("x"));
        Assert.Equal("/dev@9000000/child", fdt.FindNode("/dev/child")!.Path);
        Assert.Null(fdt.FindNode("/nope"));
        Assert.Null(fdt.FindNode("chosen"));
    }

    [Fact]
    public void PropertyNames_AreStoredOnceInTheStringsBlock()
    {
        byte[] blob = SmallTree();
        uint stringsOffset = U32(blob, 12);
        uint stringsSize = U32(blob, 32);
        string strings = System.Text.Encoding.ASCII.GetString(blob, (int)stringsOffset, (int)stringsSize);

        // "compatible" is used by two nodes and "reg" by two, each stored once.
        Assert.Equal("compatible\0reg\0", strings);
    }

    [Fact]
    public void Output_IsDeterministic()
    {
        Assert.Equal(SmallTree(), SmallTree());
    }

    [Fact]
    public void Writer_RejectsMisuse()
    {
        var w = new FdtWriter();
        Assert.Throws<InvalidOperationException>(() => w.PropertyU32("x", 1));
        Assert.Throws<ArgumentException>(() => w.BeginNode("root"));
        w.BeginNode("");
        Assert.Throws<ArgumentException>(() => w.BeginNode("a/b"));
        w.PropertyU32("x", 1);
        Assert.Throws<InvalidOperationException>(() => w.PropertyU32("x", 2));
        Assert.Throws<InvalidOperationException>(() => w.Finish());
        w.EndNode();
        Assert.Throws<InvalidOperationException>(() => w.EndNode());
        Assert.Throws<InvalidOperationException>(() => w.BeginNode(""));
        w.Finish();
        Assert.Throws<InvalidOperationException>(() => w.Finish());
    }

    // ---- hostile input ----

    [Fact]
    public void Reader_RejectsBadMagic()
    {
        byte[] blob = SmallTree();
        blob[0] = 0xde;
        var e = Assert.Throws<FormatException>(() => FdtReader.Parse(blob));
        Assert.Contains("bad magic", e.Message);
    }

    [Fact]
    public void Reader_RejectsTruncatedBlob()
    {
        byte[] blob = SmallTree();
        var e = Assert.Throws<FormatException>(() => FdtReader.Parse(blob.AsSpan(0, blob.Length - 1)));
        Assert.Contains("truncated", e.Message);
        Assert.Contains("totalsize", e.Message);

        Assert.Throws<FormatException>(() => FdtReader.Parse(blob.AsSpan(0, 3)));
        Assert.Throws<FormatException>(() => FdtReader.Parse(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void Reader_RejectsStructureBlockOutOfBounds()
    {
        byte[] blob = SmallTree();
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(36), 0xffff_fff0);  // size_dt_struct
        var e = Assert.Throws<FormatException>(() => FdtReader.Parse(blob));
        Assert.Contains("structure block", e.Message);
        Assert.Contains("outside the blob", e.Message);
    }

    [Fact]
    public void Reader_RejectsStringsBlockOutOfBounds()
    {
        byte[] blob = SmallTree();
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(12), 0xffff_ff00);  // off_dt_strings
        var e = Assert.Throws<FormatException>(() => FdtReader.Parse(blob));
        Assert.Contains("strings block", e.Message);
    }

    [Fact]
    public void Reader_RejectsMemoryReservationMapOutOfBounds()
    {
        byte[] blob = SmallTree();
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(16), (uint)blob.Length + 8);
        var e = Assert.Throws<FormatException>(() => FdtReader.Parse(blob));
        Assert.Contains("memory reservation map", e.Message);
    }

    [Fact]
    public void Reader_RejectsOldVersion()
    {
        byte[] blob = SmallTree();
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(20), 15);
        var e = Assert.Throws<FormatException>(() => FdtReader.Parse(blob));
        Assert.Contains("version 15", e.Message);
    }

    [Fact]
    public void Reader_RejectsPropertyNameOffsetOutsideStrings()
    {
        byte[] blob = SmallTree();
        int structOffset = (int)U32(blob, 8);
        // Root: BEGIN_NODE "" (8 bytes), then the first FDT_PROP: token, len, nameoff.
        Assert.Equal(3u, U32(blob, structOffset + 8));
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(structOffset + 16), 0x1000);
        var e = Assert.Throws<FormatException>(() => FdtReader.Parse(blob));
        Assert.Contains("outside the strings block", e.Message);
    }

    [Fact]
    public void Reader_RejectsUnbalancedNodes()
    {
        var w = new FdtWriter();
        w.BeginNode("");
        w.BeginNode("a");
        w.EndNode();
        w.EndNode();
        byte[] blob = w.Finish();
        int structOffset = (int)U32(blob, 8);
        // BEGIN "" (8), BEGIN "a" (8), END_NODE (4), END_NODE (4), END (4): drop a's END_NODE by turning it into FDT_NOP.
        Assert.Equal(2u, U32(blob, structOffset + 16));
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(structOffset + 16), 4);
        var e = Assert.Throws<FormatException>(() => FdtReader.Parse(blob));
        Assert.Contains("unbalanced", e.Message);
    }

    [Fact]
    public void Reader_RejectsUnterminatedStrings()
    {
        byte[] blob = SmallTree();
        blob[^1] = (byte)'x';  // the NUL ending the last property name in the strings block
        var e = Assert.Throws<FormatException>(() => FdtReader.Parse(blob));
        Assert.Contains("unterminated", e.Message);
    }

    [Fact]
    public void Reader_MalformedPropertyValues_ThrowFormatException()
    {
        var w = new FdtWriter();
        w.BeginNode("");
        w.Property("odd", new byte[] { 1, 2, 3 });
        w.Property("unterminated", "abc"u8);
        w.EndNode();
        FdtNode root = FdtReader.Parse(w.Finish()).Root;

        Assert.Throws<FormatException>(() => root.GetU32("odd"));
        Assert.Throws<FormatException>(() => root.GetU64("odd"));
        Assert.Throws<FormatException>(() => root.GetU32Array("odd"));
        Assert.Throws<FormatException>(() => root.GetCells("odd", 2));
        Assert.Throws<FormatException>(() => root.GetString("unterminated"));
    }

    [Fact]
    public void Reader_HostileBlobs_OnlyEverThrowFormatException()
    {
        byte[] valid = VirtDeviceTree.Build(new VirtDeviceTreeConfig(0x1000_0000, "console=ttyAMA0", 3, 62_500_000));

        for (int length = 0; length < valid.Length; length += 7)
        {
            TryParse(valid.AsSpan(0, length).ToArray());
        }

        var random = new Random(4242);
        for (int iteration = 0; iteration < 5000; iteration++)
        {
            byte[] blob = (byte[])valid.Clone();
            int changes = random.Next(1, 6);
            for (int c = 0; c < changes; c++)
            {
                // Mostly the header and structure block, where the interesting fields are.
                int at = random.Next(2) == 0 ? random.Next(0, 64) : random.Next(0, blob.Length);
                blob[at] = random.Next(3) == 0 ? (byte)0xff : (byte)random.Next(256);
            }

            TryParse(blob);
        }

        static void TryParse(byte[] blob)
        {
            try
            {
                FdtReader fdt = FdtReader.Parse(blob);
                Visit(fdt.Root);
            }
            catch (FormatException)
            {
            }
        }

        static void Visit(FdtNode node)
        {
            _ = node.Path;
            foreach (FdtNode child in node.Children)
            {
                Visit(child);
            }
        }
    }

    private static byte[] SmallTree()
    {
        var w = new FdtWriter();
        w.BeginNode("");
        w.PropertyString("compatible", "a");
        w.BeginNode("x@1");
        w.PropertyString("compatible", "b");
        w.PropertyU32("reg", 1);
        w.EndNode();
        w.BeginNode("y@2");
        w.PropertyU32("reg", 2);
        w.EndNode();
        w.EndNode();
        return w.Finish();
    }

    private static uint U32(byte[] blob, int offset) => BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(offset));
}
