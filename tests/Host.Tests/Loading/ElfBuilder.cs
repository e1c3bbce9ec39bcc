using System.Buffers.Binary;

namespace Emulator.Host.Tests.Loading;

/// <summary>
/// Builds small ELF64 files in memory for loader tests. Every header field can be overridden, so
/// tests can produce exactly the malformed file they need. Layout: ELF header (64 bytes), program
/// headers, then the data of each segment added with <see cref="AddLoad"/>, 16-byte aligned.
/// </summary>
internal sealed class ElfBuilder
{
    public const uint PtLoad = 1;
    public const uint PtNote = 4;
    public const uint PfX = 1;
    public const uint PfW = 2;
    public const uint PfR = 4;

    public byte Class { get; set; } = 2;

    public byte DataEncoding { get; set; } = 1;

    public byte IdentVersion { get; set; } = 1;

    public ushort Type { get; set; } = 2;

    public ushort Machine { get; set; } = 183;

    public ulong Entry { get; set; }

    public ushort PhEntSize { get; set; } = 56;

    /// <summary>Overrides e_phoff (default: right after the ELF header).</summary>
    public ulong? PhOff { get; set; }

    /// <summary>Overrides e_phnum (default: the number of program headers added).</summary>
    public ushort? PhNum { get; set; }

    public List<ProgramHeader> ProgramHeaders { get; } = new();

    /// <summary>Adds a PT_LOAD whose data is placed in the file by <see cref="Build"/>.</summary>
    public ElfBuilder AddLoad(ulong paddr, byte[] data, ulong? memSize = null, ulong? vaddr = null, uint flags = PfR | PfX)
    {
        ProgramHeaders.Add(new ProgramHeader
        {
            Type = PtLoad,
            Flags = flags,
            VAddr = vaddr ?? paddr,
            PAddr = paddr,
            Data = data,
            FileSize = (ulong)data.Length,
            MemSize = memSize ?? (ulong)data.Length,
        });
        return this;
    }

    /// <summary>Adds a program header with every field given; no data is placed for it.</summary>
    public ElfBuilder AddRaw(uint type, ulong offset, ulong paddr, ulong fileSize, ulong memSize, uint flags = PfR | PfX)
    {
        ProgramHeaders.Add(new ProgramHeader
        {
            Type = type,
            Flags = flags,
            Offset = offset,
            VAddr = paddr,
            PAddr = paddr,
            FileSize = fileSize,
            MemSize = memSize,
        });
        return this;
    }

    public byte[] Build()
    {
        const int ehSize = 64;
        const int phSize = 56;
        int dataStart = Align(ehSize + (ProgramHeaders.Count * phSize), 16);
        var placed = new List<(ProgramHeader Header, int Offset)>();
        int end = dataStart;
        foreach (ProgramHeader ph in ProgramHeaders)
        {
            if (ph.Data is not null)
            {
                placed.Add((ph, end));
                end = Align(end + ph.Data.Length, 16);
            }
        }

        var file = new byte[end];
        Span<byte> s = file;
        s[0] = 0x7f;
        s[1] = (byte)'E';
        s[2] = (byte)'L';
        s[3] = (byte)'F';
        s[4] = Class;
        s[5] = DataEncoding;
        s[6] = IdentVersion;
        BinaryPrimitives.WriteUInt16LittleEndian(s[16..], Type);
        BinaryPrimitives.WriteUInt16LittleEndian(s[18..], Machine);
        BinaryPrimitives.WriteUInt32LittleEndian(s[20..], 1);
        BinaryPrimitives.WriteUInt64LittleEndian(s[24..], Entry);
        BinaryPrimitives.WriteUInt64LittleEndian(s[32..], PhOff ?? ehSize);
        BinaryPrimitives.WriteUInt16LittleEndian(s[52..], ehSize);
        BinaryPrimitives.WriteUInt16LittleEndian(s[54..], PhEntSize);
        BinaryPrimitives.WriteUInt16LittleEndian(s[56..], PhNum ?? (ushort)ProgramHeaders.Count);

        for (int i = 0; i < ProgramHeaders.Count; i++)
        {
            ProgramHeader ph = ProgramHeaders[i];
            ulong offset = ph.Offset;
            foreach (var (header, dataOffset) in placed)
            {
                if (ReferenceEquals(header, ph))
                {
                    offset = (ulong)dataOffset;
                    ph.Data!.CopyTo(s[dataOffset..]);
                }
            }

            Span<byte> p = s.Slice(ehSize + (i * phSize), phSize);
            BinaryPrimitives.WriteUInt32LittleEndian(p, ph.Type);
            BinaryPrimitives.WriteUInt32LittleEndian(p[4..], ph.Flags);
            BinaryPrimitives.WriteUInt64LittleEndian(p[8..], offset);
            BinaryPrimitives.WriteUInt64LittleEndian(p[16..], ph.VAddr);
            BinaryPrimitives.WriteUInt64LittleEndian(p[24..], ph.PAddr);
            BinaryPrimitives.WriteUInt64LittleEndian(p[32..], ph.FileSize);
            BinaryPrimitives.WriteUInt64LittleEndian(p[40..], ph.MemSize);
            BinaryPrimitives.WriteUInt64LittleEndian(p[48..], 0x1000);
        }

        return file;
    }

    private static int Align(int value, int alignment) => (value + alignment - 1) & -alignment;

    internal sealed class ProgramHeader
    {
        public uint Type { get; set; }

        public uint Flags { get; set; }

        public ulong Offset { get; set; }

        public ulong VAddr { get; set; }

        public ulong PAddr { get; set; }

        public ulong FileSize { get; set; }

        public ulong MemSize { get; set; }

        public byte[]? Data { get; set; }
    }
}
