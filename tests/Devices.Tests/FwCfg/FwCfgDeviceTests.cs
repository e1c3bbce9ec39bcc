using System.Buffers.Binary;
using System.Text;
using Emulator.Devices.FwCfg;

namespace Emulator.Devices.Tests.FwCfg;

/// <summary>fw_cfg's MMIO interface as QEMU's (hw/nvram/fw_cfg.c, docs/specs/fw_cfg.rst).</summary>
public sealed class FwCfgDeviceTests
{
    private sealed class Memory : IDmaMemory
    {
        public const ulong Base = 0x4000_0000;
        public readonly byte[] Bytes = new byte[0x10000];

        public bool Read(ulong pa, Span<byte> destination)
        {
            if (pa < Base || pa + (ulong)destination.Length > Base + (ulong)Bytes.Length)
                return false;
            Bytes.AsSpan((int)(pa - Base), destination.Length).CopyTo(destination);
            return true;
        }

        public bool Write(ulong pa, ReadOnlySpan<byte> source)
        {
            if (pa < Base || pa + (ulong)source.Length > Base + (ulong)Bytes.Length)
                return false;
            source.CopyTo(Bytes.AsSpan((int)(pa - Base)));
            return true;
        }
    }

    private readonly Memory _memory = new();

    private static void Select(FwCfgDevice d, ushort key) => Assert.True(d.Write(8, 2, BinaryPrimitives.ReverseEndianness(key)));

    private static byte[] ReadBytes(FwCfgDevice d, int n)
    {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++)
        {
            Assert.True(d.Read(0, 1, out ulong v));
            b[i] = (byte)v;
        }
        return b;
    }

    private FwCfgDevice Create()
    {
        var d = new FwCfgDevice(_memory);
        d.AddFile("etc/boot-fail-wait", [0xFF, 0xFF, 0xFF, 0xFF]);
        d.AddFile("bootorder", []);
        return d;
    }

    [Fact]
    public void Signature_is_selected_at_reset_and_reads_QEMU_in_order()
    {
        FwCfgDevice d = Create();
        Assert.True(d.Read(0, 4, out ulong v)); // a 4-byte load sees the bytes as in memory
        Assert.Equal("QEMU", Encoding.ASCII.GetString(BitConverter.GetBytes((uint)v)));
        Assert.True(d.Read(0, 8, out v));       // past the end: zeros
        Assert.Equal(0ul, v);
    }

    [Fact]
    public void Id_has_the_traditional_and_dma_bits()
    {
        FwCfgDevice d = Create();
        Select(d, FwCfgKeys.Id);
        Assert.Equal(new byte[] { 3, 0, 0, 0 }, ReadBytes(d, 4));
    }

    [Fact]
    public void File_directory_lists_the_files_sorted_with_their_keys()
    {
        FwCfgDevice d = Create();
        Select(d, FwCfgKeys.FileDir);
        byte[] dir = ReadBytes(d, 4 + 2 * 64);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(dir));
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32BigEndian(dir.AsSpan(4)));            // bootorder: empty
        Assert.Equal(0x20, BinaryPrimitives.ReadUInt16BigEndian(dir.AsSpan(8)));
        Assert.Equal("bootorder", Encoding.ASCII.GetString(dir, 12, 9));
        Assert.Equal(4u, BinaryPrimitives.ReadUInt32BigEndian(dir.AsSpan(68)));
        Assert.Equal(0x21, BinaryPrimitives.ReadUInt16BigEndian(dir.AsSpan(72)));
        Assert.Equal("etc/boot-fail-wait", Encoding.ASCII.GetString(dir, 76, 18));
        Select(d, 0x21);
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0 }, ReadBytes(d, 5));
    }

    [Fact]
    public void Absent_keys_read_as_zeros()
    {
        FwCfgDevice d = Create();
        Select(d, FwCfgKeys.RamSize); // not set on Arm
        Assert.True(d.Read(0, 8, out ulong v));
        Assert.Equal(0ul, v);
        Select(d, 0x3000);            // beyond every slot
        Assert.True(d.Read(0, 4, out v));
        Assert.Equal(0ul, v);
    }

    [Fact]
    public void Dma_register_reads_QEMU_CFG_and_the_selector_is_write_only_16_bit()
    {
        FwCfgDevice d = Create();
        Assert.True(d.Read(0x10, 8, out ulong v));
        Assert.Equal("QEMU CFG", Encoding.ASCII.GetString(BitConverter.GetBytes(v)));
        Assert.True(d.Read(0x14, 4, out v));
        Assert.Equal(" CFG", Encoding.ASCII.GetString(BitConverter.GetBytes((uint)v)));
        Assert.False(d.Read(8, 2, out _));
        Assert.False(d.Write(8, 4, 0));
    }

    [Fact]
    public void Dma_select_and_read_copies_the_item_and_zero_fills_past_its_end()
    {
        FwCfgDevice d = Create();
        ulong desc = Memory.Base + 0x100, buffer = Memory.Base + 0x200;
        _memory.Bytes.AsSpan(0x200, 16).Fill(0xEE);
        WriteDescriptor(desc, (uint)FwCfgKeys.Signature << 16 | FwCfgKeys.DmaSelect | FwCfgKeys.DmaRead, 8, buffer);
        Assert.True(d.Write(0x10, 8, BinaryPrimitives.ReverseEndianness(desc)));
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32BigEndian(_memory.Bytes.AsSpan(0x100))); // control: done, no error
        Assert.Equal("QEMU\0\0\0\0", Encoding.ASCII.GetString(_memory.Bytes, 0x200, 8));
        Assert.Equal(0xEE, _memory.Bytes[0x208]);
    }

    [Fact]
    public void Dma_in_two_halves_skip_and_write_error()
    {
        FwCfgDevice d = Create();
        ulong desc = Memory.Base + 0x100, buffer = Memory.Base + 0x200;
        WriteDescriptor(desc, (uint)FwCfgKeys.FileDir << 16 | FwCfgKeys.DmaSelect | FwCfgKeys.DmaSkip, 4, 0);
        Assert.True(d.Write(0x10, 4, BinaryPrimitives.ReverseEndianness((uint)(desc >> 32))));
        Assert.True(d.Write(0x14, 4, BinaryPrimitives.ReverseEndianness((uint)desc)));
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32BigEndian(_memory.Bytes.AsSpan(0x100)));
        Assert.True(d.Read(0, 2, out ulong next)); // the skip moved past the count
        Assert.Equal(0ul, next);                   // first file's size, high bytes
        WriteDescriptor(desc, FwCfgKeys.DmaWrite, 4, buffer);
        Assert.True(d.Write(0x10, 8, BinaryPrimitives.ReverseEndianness(desc)));
        Assert.Equal(FwCfgKeys.DmaError, BinaryPrimitives.ReadUInt32BigEndian(_memory.Bytes.AsSpan(0x100)));
        Assert.Equal(2ul, d.DmaTransfers);
    }

    [Fact]
    public void Dma_from_a_descriptor_outside_memory_does_nothing_visible()
    {
        FwCfgDevice d = Create();
        Assert.True(d.Write(0x10, 8, BinaryPrimitives.ReverseEndianness(0x1000UL)));
        Assert.Equal(1ul, d.DmaTransfers);
    }

    private void WriteDescriptor(ulong at, uint control, uint length, ulong address)
    {
        Span<byte> s = _memory.Bytes.AsSpan((int)(at - Memory.Base), 16);
        BinaryPrimitives.WriteUInt32BigEndian(s, control);
        BinaryPrimitives.WriteUInt32BigEndian(s[4..], length);
        BinaryPrimitives.WriteUInt64BigEndian(s[8..], address);
    }
}
