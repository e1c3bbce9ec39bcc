using Emulator.Devices.Flash;

namespace Emulator.Devices.Tests.Flash;

/// <summary>
/// The CFI flash bank as QEMU's virt board configures pflash_cfi01 (32-bit bank of two x16
/// devices, 256 KiB sectors): the expected values are QEMU's (hw/block/pflash_cfi01.c) and the
/// CFI/Intel command set's.
/// </summary>
public sealed class CfiFlashTests
{
    private const ulong BankSize = 64UL << 20;

    private sealed class MemoryStorage(ulong size) : IFlashStorage
    {
        public readonly byte[] Bytes = new byte[size];
        public int Writes;

        public void Read(ulong offset, Span<byte> destination) => Bytes.AsSpan((int)offset, destination.Length).CopyTo(destination);

        public void Write(ulong offset, ReadOnlySpan<byte> source)
        {
            Writes++;
            source.CopyTo(Bytes.AsSpan((int)offset));
        }
    }

    private readonly MemoryStorage _storage = new(BankSize);
    private readonly List<bool> _romd = [];

    private CfiFlash Create(bool readOnly = false) => new("flash1", BankSize, _storage, readOnly) { RomdChanged = _romd.Add };

    private static uint Read32(CfiFlash f, ulong offset)
    {
        Assert.True(f.Read(offset, 4, out ulong v));
        return (uint)v;
    }

    private static void Write32(CfiFlash f, ulong offset, uint value) => Assert.True(f.Write(offset, 4, value));

    [Fact]
    public void Cfi_query_answers_QRY_and_the_geometry_from_each_device()
    {
        CfiFlash f = Create();
        Write32(f, 0x55 * 4, 0x0098_0098);
        Assert.False(f.Romd);
        Assert.Equal(new[] { 'Q', 'R', 'Y' }, new[] { 0x10, 0x11, 0x12 }.Select(i => (char)(Read32(f, (ulong)i * 4) & 0xFF)).ToArray());
        Assert.Equal(0x0051_0051u, Read32(f, 0x10 * 4)); // replicated for the two x16 devices
        Assert.Equal(0x0001_0001u, Read32(f, 0x13 * 4)); // Intel command set
        Assert.Equal(25u, Read32(f, 0x27 * 4) & 0xFF);   // each device 2^25 = 32 MiB
        Assert.Equal(0x0Bu, Read32(f, 0x2A * 4) & 0xFF); // write buffer 2^11 bytes per device
        Assert.Equal(1u, Read32(f, 0x2C * 4) & 0xFF);    // one erase region
        Assert.Equal(255u, Read32(f, 0x2D * 4) & 0xFF);  // 256 blocks per device ...
        Assert.Equal(0u, Read32(f, 0x2E * 4) & 0xFF);
        Assert.Equal(0x00u, Read32(f, 0x2F * 4) & 0xFF); // ... of 128 KiB each (0x0200 * 256)
        Assert.Equal(0x02u, Read32(f, 0x30 * 4) & 0xFF);
        Assert.Equal((uint)'P', Read32(f, 0x31 * 4) & 0xFF);
        Assert.Equal(0u, Read32(f, 0x60 * 4));           // past the table
        Assert.Equal(4096, f.WriteBufferSize);
        Write32(f, 0, 0x00FF_00FF);                       // read array
        Assert.True(f.Romd);
        Assert.Equal([false, true], _romd);
    }

    [Fact]
    public void Read_identifier_gives_Intel_0x89_and_device_0x18()
    {
        CfiFlash f = Create();
        Write32(f, 0, 0x0090_0090);
        Assert.Equal(0x0089_0089u, Read32(f, 0));
        Assert.Equal(0x0018_0018u, Read32(f, 4));
        Assert.Equal(0u, Read32(f, 8)); // block lock status: not modelled, reads 0
        Assert.True(f.Read(0, 2, out ulong half));
        Assert.Equal(0x0089ul, half);
    }

    [Fact]
    public void Word_program_and_block_erase_change_the_array_and_report_ready()
    {
        CfiFlash f = Create();
        _storage.Bytes.AsSpan(0x40000, 0x40000).Fill(0xAA);
        Write32(f, 0x40000, 0x0020_0020); // erase the second sector (256 KiB) ...
        Write32(f, 0x40000, 0x00D0_00D0); // ... confirmed
        Assert.Equal(0x0080_0080u, Read32(f, 0x40000)); // status: ready
        Assert.True(_storage.Bytes.AsSpan(0x40000, 0x40000).IndexOfAnyExcept((byte)0xFF) < 0);
        Assert.Equal(0, _storage.Bytes[0x3FFFF]); // the sector before is untouched
        Write32(f, 0x40010, 0x0040_0040);
        Write32(f, 0x40010, 0x1234_5678);
        Assert.Equal(0x0080_0080u, Read32(f, 0));
        Write32(f, 0, 0xFF);
        Assert.True(f.Romd);
        Assert.Equal(0x1234_5678u, Read32(f, 0x40010));
        Assert.Equal(0xFFFF_FFFFu, Read32(f, 0x40014));
    }

    [Fact]
    public void Buffered_program_writes_the_block_only_on_confirm()
    {
        CfiFlash f = Create();
        Write32(f, 0x1000, 0x00E8_00E8);
        Assert.Equal(0x0080_0080u, Read32(f, 0x1000)); // buffer available
        Write32(f, 0x1000, 0x0001_0001);                // 2 words (count - 1 per device)
        Write32(f, 0x1000, 0xAAAA_5555);
        Write32(f, 0x1004, 0x1111_2222);
        Assert.Equal(0u, _storage.Bytes[0x1000]);       // not yet in the array
        Write32(f, 0x1000, 0x00D0_00D0);
        Assert.Equal(0x0080_0080u, Read32(f, 0x1000));
        Write32(f, 0, 0xFF);
        Assert.Equal(0xAAAA_5555u, Read32(f, 0x1000));
        Assert.Equal(0x1111_2222u, Read32(f, 0x1004));
    }

    [Fact]
    public void Clear_status_and_read_status()
    {
        CfiFlash f = Create();
        Write32(f, 0, 0x50);
        Assert.True(f.Romd);
        Assert.Equal(0, f.Status);
        Write32(f, 0, 0x70);
        Assert.Equal(0u, Read32(f, 0));
        Write32(f, 0, 0x40);
        Write32(f, 0, 0);
        Assert.Equal(0x0080_0080u, Read32(f, 0));
    }

    [Fact]
    public void Lock_and_unlock_are_accepted_and_leave_status_mode()
    {
        CfiFlash f = Create();
        Write32(f, 0x40000, 0x60);
        Write32(f, 0x40000, 0xD0); // unlock
        Assert.Equal(0x0080_0080u, Read32(f, 0x40000));
        Write32(f, 0x40000, 0x60);
        Write32(f, 0x40000, 0x01); // lock
        Assert.Equal(0x0080_0080u, Read32(f, 0x40000));
    }

    [Fact]
    public void A_read_only_bank_reports_program_and_erase_errors_and_changes_nothing()
    {
        CfiFlash f = Create(readOnly: true);
        Write32(f, 0, 0x20);
        Write32(f, 0, 0xD0);
        Assert.Equal(CfiFlash.StatusReady | CfiFlash.StatusEraseError, f.Status);
        Write32(f, 0, 0x40);
        Write32(f, 0, 0x1234);
        Assert.Equal(CfiFlash.StatusReady | CfiFlash.StatusEraseError | CfiFlash.StatusProgramError, f.Status);
        Assert.Equal(0, _storage.Writes);
    }

    [Fact]
    public void Unknown_commands_return_to_read_array_and_reset_restores_rom_mode()
    {
        CfiFlash f = Create();
        _storage.Bytes[8] = 0x5A;
        Write32(f, 0, 0x12); // not a command
        Assert.True(f.Romd);
        Assert.Equal(0x5Au, Read32(f, 8));
        Write32(f, 0, 0x98);
        Assert.False(f.Romd);
        f.Reset();
        Assert.True(f.Romd);
        Assert.Equal(0, f.Command);
        Assert.Equal(CfiFlash.StatusReady, f.Status);
    }

    [Fact]
    public void An_8_byte_access_is_two_4_byte_cycles()
    {
        CfiFlash f = Create();
        Assert.True(f.Write(0, 8, 0x0098_0098_0098_0098)); // two query commands
        Assert.True(f.Read(0x10 * 4, 8, out ulong v));
        Assert.Equal(0x0052_0052_0051_0051ul, v);           // 'Q' then 'R'
    }

    [Fact]
    public void Bank_size_must_be_whole_sectors() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CfiFlash("x", 1000, _storage));
}
