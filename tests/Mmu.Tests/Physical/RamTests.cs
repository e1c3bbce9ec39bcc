using Emulator.Mmu.Physical;

namespace Emulator.Mmu.Tests.Physical;

/// <summary>Guest RAM: lazy chunk allocation and byte-exact reads and writes.</summary>
public sealed class RamTests
{
    private const ulong Base = 0x4000_0000;
    private const ulong Size = 16 * Ram.ChunkSize;   // 1 MiB

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(Ram.ChunkSize + 1UL)]
    [InlineData(Ram.ChunkSize / 2UL)]
    public void Constructor_RejectsSizesThatAreNotAPositiveMultipleOfTheChunk(ulong size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ram(Base, size));
    }

    [Fact]
    public void NewRam_HasNothingAllocated()
    {
        var ram = new Ram(Base, Size);
        Assert.Equal(Base, ram.BaseAddress);
        Assert.Equal(Size, ram.Size);
        Assert.Equal(0, ram.AllocatedChunks);
        Assert.Null(ram.ChunkForRead(0));
        Assert.Null(ram.ChunkForRead(Size - 1));
    }

    [Fact]
    public void ReadingUntouchedRam_ReturnsZeros_AndAllocatesNothing()
    {
        var ram = new Ram(Base, Size);
        byte[] buffer = new byte[3 * Ram.ChunkSize + 17];
        buffer.AsSpan().Fill(0xCC);
        ram.Read(Base + 5, buffer);
        Assert.All(buffer, b => Assert.Equal(0, b));
        byte[] whole = new byte[Size];
        ram.Read(Base, whole);
        Assert.Equal(0, ram.AllocatedChunks);
    }

    [Fact]
    public void WritingZerosToUntouchedChunks_AllocatesNothing()
    {
        var ram = new Ram(Base, Size);
        ram.Write(Base, new byte[8]);
        ram.Write(Base + Ram.ChunkSize - 3, new byte[2 * Ram.ChunkSize + 9]);   // spans three chunks
        ram.Write(Base + Size - 1, new byte[1]);
        Assert.Equal(0, ram.AllocatedChunks);
        Assert.Null(ram.ChunkForRead(Ram.ChunkSize));
    }

    [Fact]
    public void WritingNonZeroData_AllocatesOnlyTheChunksItTouches()
    {
        var ram = new Ram(Base, Size);
        ram.Write(Base + 3 * Ram.ChunkSize + 100, [1, 2, 3]);
        Assert.Equal(1, ram.AllocatedChunks);
        Assert.NotNull(ram.ChunkForRead(3 * Ram.ChunkSize));
        Assert.Null(ram.ChunkForRead(2 * Ram.ChunkSize));
        Assert.Null(ram.ChunkForRead(4 * Ram.ChunkSize));

        byte[] back = new byte[5];
        ram.Read(Base + 3 * Ram.ChunkSize + 99, back);
        Assert.Equal([0, 1, 2, 3, 0], back);
    }

    [Fact]
    public void WriteAcrossAChunkBoundary_LandsInBothChunks()
    {
        var ram = new Ram(Base, Size);
        byte[] data = [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88];
        ram.Write(Base + Ram.ChunkSize - 4, data);
        Assert.Equal(2, ram.AllocatedChunks);
        byte[] back = new byte[8];
        ram.Read(Base + Ram.ChunkSize - 4, back);
        Assert.Equal(data, back);
        Assert.Equal(0x44, ram.ChunkForRead(0)![Ram.ChunkSize - 1]);
        Assert.Equal(0x55, ram.ChunkForRead(Ram.ChunkSize)![0]);
    }

    [Fact]
    public void MixedWrite_AllocatesOnlyWhereNonZeroBytesLand()
    {
        var ram = new Ram(Base, Size);
        byte[] data = new byte[Ram.ChunkSize + 8];
        data[^1] = 0xAB;                                   // only the part in the second chunk is non-zero
        ram.Write(Base + 5 * Ram.ChunkSize, data);
        Assert.Equal(1, ram.AllocatedChunks);
        Assert.Null(ram.ChunkForRead(5 * Ram.ChunkSize));
        Assert.NotNull(ram.ChunkForRead(6 * Ram.ChunkSize));
        byte[] back = new byte[1];
        ram.Read(Base + 6 * Ram.ChunkSize + 7, back);
        Assert.Equal(0xAB, back[0]);
    }

    [Fact]
    public void WritingZerosToAnAllocatedChunk_OverwritesTheData()
    {
        var ram = new Ram(Base, Size);
        ram.Write(Base + 10, [0xFF, 0xFF, 0xFF, 0xFF]);
        ram.Write(Base + 11, [0, 0]);
        Assert.Equal(1, ram.AllocatedChunks);
        byte[] back = new byte[4];
        ram.Read(Base + 10, back);
        Assert.Equal([0xFF, 0, 0, 0xFF], back);
    }

    [Fact]
    public void ZeroWriteSpanningAnAllocatedAndAnUntouchedChunk_ClearsOneAndLeavesTheOtherUnallocated()
    {
        var ram = new Ram(Base, Size);
        ram.Write(Base + Ram.ChunkSize - 2, [9, 9]);
        ram.Write(Base + Ram.ChunkSize - 2, new byte[4]);
        Assert.Equal(1, ram.AllocatedChunks);
        Assert.Null(ram.ChunkForRead(Ram.ChunkSize));
        Assert.Equal(0, ram.ChunkForRead(0)![Ram.ChunkSize - 1]);
    }

    [Fact]
    public void ChunkForWrite_AllocatesOnce()
    {
        var ram = new Ram(Base, Size);
        byte[] a = ram.ChunkForWrite(7 * Ram.ChunkSize + 3);
        byte[] b = ram.ChunkForWrite(7 * Ram.ChunkSize + Ram.ChunkSize - 1);
        Assert.Same(a, b);
        Assert.Equal(Ram.ChunkSize, a.Length);
        Assert.Equal(1, ram.AllocatedChunks);
        Assert.Same(a, ram.ChunkForRead(7 * Ram.ChunkSize));
    }

    [Fact]
    public void LargeRam_CostsNothingUntilTouched()
    {
        var ram = new Ram(Base, 4UL << 30);   // 4 GiB
        ram.Write(Base + (4UL << 30) - 8, [1, 2, 3, 4, 5, 6, 7, 8]);
        Assert.Equal(1, ram.AllocatedChunks);
    }

    [Theory]
    [InlineData(Base, Size, true)]
    [InlineData(Base, Size + 1, false)]
    [InlineData(Base - 1, 1UL, false)]
    [InlineData(Base + Size - 1, 1UL, true)]
    [InlineData(Base + Size - 8, 8UL, true)]
    [InlineData(Base + Size - 4, 8UL, false)]
    [InlineData(Base + Size, 1UL, false)]
    [InlineData(ulong.MaxValue, 2UL, false)]
    [InlineData(Base + 8, ulong.MaxValue, false)]
    [InlineData(0UL, 4UL, false)]
    public void Contains(ulong pa, ulong length, bool expected)
    {
        Assert.Equal(expected, new Ram(Base, Size).Contains(pa, length));
    }
}
