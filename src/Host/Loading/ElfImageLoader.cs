using System.Buffers.Binary;

namespace Emulator.Host.Loading;

/// <summary>
/// Loads an ELF64 little-endian AArch64 executable the way QEMU's <c>load_elf</c> does for
/// <c>-kernel</c>: every PT_LOAD segment goes to its physical address (p_paddr), the rest of
/// p_memsz past p_filesz is zero filled, and the entry point is e_entry (translated from the
/// virtual to the physical address when an executable segment has p_vaddr != p_paddr).
/// The file is treated as hostile: every field is checked before it is used, so a malformed file
/// ends in an <see cref="ImageLoadException"/> and never in another exception.
/// Segments are numbered by their program header index, as <c>readelf -l</c> does.
/// </summary>
internal static class ElfImageLoader
{
    private const int ElfHeaderSize = 64;
    private const int ProgramHeaderSize = 56;
    private const byte ElfClass32 = 1;
    private const byte ElfClass64 = 2;
    private const byte ElfDataLittleEndian = 1;
    private const byte ElfDataBigEndian = 2;
    private const byte EvCurrent = 1;
    private const ushort EtExec = 2;
    private const ushort EmAArch64 = 183;
    private const ushort PnXNum = 0xffff;
    private const uint PtLoad = 1;
    private const uint PfX = 1;

    public static bool HasElfMagic(ReadOnlySpan<byte> contents) =>
        contents.Length >= 4 && contents[0] == 0x7f && contents[1] == (byte)'E' && contents[2] == (byte)'L' && contents[3] == (byte)'F';

    public static LoadedImage Load(string fileName, byte[] contents, RamRange ram)
    {
        ReadOnlySpan<byte> file = contents;
        ulong fileSize = (ulong)file.Length;

        if (file.Length < 5)
        {
            throw Error(fileName, $"truncated: ELF header needs {ElfHeaderSize} bytes, file has {file.Length}");
        }

        byte elfClass = file[4];
        if (elfClass != ElfClass64)
        {
            string what = elfClass == ElfClass32 ? "32-bit" : "invalid";
            throw Error(fileName, $"not an ELF64 file (ELF class {elfClass}, {what})");
        }

        if (file.Length < ElfHeaderSize)
        {
            throw Error(fileName, $"truncated: ELF header needs {ElfHeaderSize} bytes, file has {file.Length}");
        }

        byte data = file[5];
        if (data == ElfDataBigEndian)
        {
            throw Error(fileName, "ELF file is big-endian (EI_DATA 2); only little-endian AArch64 is supported");
        }

        if (data != ElfDataLittleEndian)
        {
            throw Error(fileName, $"invalid ELF data encoding (EI_DATA {data})");
        }

        if (file[6] != EvCurrent)
        {
            throw Error(fileName, $"invalid ELF version (EI_VERSION {file[6]}, expected 1)");
        }

        ushort type = BinaryPrimitives.ReadUInt16LittleEndian(file[16..]);
        ushort machine = BinaryPrimitives.ReadUInt16LittleEndian(file[18..]);
        ulong entry = BinaryPrimitives.ReadUInt64LittleEndian(file[24..]);
        ulong phoff = BinaryPrimitives.ReadUInt64LittleEndian(file[32..]);
        ushort phentsize = BinaryPrimitives.ReadUInt16LittleEndian(file[54..]);
        ushort phnum = BinaryPrimitives.ReadUInt16LittleEndian(file[56..]);

        if (machine != EmAArch64)
        {
            throw Error(fileName, $"ELF machine is {MachineName(machine)} ({machine}), expected AArch64 ({EmAArch64})");
        }

        if (type != EtExec)
        {
            throw Error(fileName, $"ELF type is {TypeName(type)}; only EXEC (a statically linked, non-PIE executable) can be loaded");
        }

        if (phnum == 0)
        {
            throw Error(fileName, "ELF file has no program headers");
        }

        if (phnum == PnXNum)
        {
            throw Error(fileName, "ELF file uses extended program header numbering (e_phnum = PN_XNUM), which is not supported");
        }

        if (phentsize != ProgramHeaderSize)
        {
            throw Error(fileName, $"ELF program header size is {phentsize}, expected {ProgramHeaderSize}");
        }

        // Find the first program header that does not fit; phnum * 56 cannot overflow.
        if (phoff > fileSize || (ulong)phnum * ProgramHeaderSize > fileSize - phoff)
        {
            ulong fitting = phoff > fileSize ? 0 : (fileSize - phoff) / ProgramHeaderSize;
            throw Error(fileName, $"truncated: program header {fitting} lies beyond end of file (size {fileSize})");
        }

        // A list of a class, not of value tuples: the framework's shared (ahead-of-time) code for
        // reference types serves it, where value tuples had the JIT compile List, OrderBy and Any
        // for them at every start (about 50 methods).
        var loads = new List<LoadSegment>();
        ulong? physicalEntry = null;
        for (int i = 0; i < phnum; i++)
        {
            ReadOnlySpan<byte> ph = file.Slice((int)phoff + (i * ProgramHeaderSize), ProgramHeaderSize);
            uint pType = BinaryPrimitives.ReadUInt32LittleEndian(ph);
            if (pType != PtLoad)
            {
                continue;
            }

            uint pFlags = BinaryPrimitives.ReadUInt32LittleEndian(ph[4..]);
            ulong pOffset = BinaryPrimitives.ReadUInt64LittleEndian(ph[8..]);
            ulong pVaddr = BinaryPrimitives.ReadUInt64LittleEndian(ph[16..]);
            ulong pPaddr = BinaryPrimitives.ReadUInt64LittleEndian(ph[24..]);
            ulong pFilesz = BinaryPrimitives.ReadUInt64LittleEndian(ph[32..]);
            ulong pMemsz = BinaryPrimitives.ReadUInt64LittleEndian(ph[40..]);

            if (pFilesz > pMemsz)
            {
                throw Error(fileName, $"segment {i}: file size 0x{pFilesz:x} is larger than memory size 0x{pMemsz:x}");
            }

            if (pMemsz == 0)
            {
                continue;
            }

            if (pOffset > fileSize || pFilesz > fileSize - pOffset)
            {
                throw Error(fileName,
                    $"truncated: segment {i} data (offset 0x{pOffset:x}, 0x{pFilesz:x} bytes) extends beyond end of file (size {fileSize})");
            }

            ram.Check(fileName, $"segment {i}", pPaddr, pMemsz);
            loads.Add(new LoadSegment(i, pPaddr, pMemsz, pOffset, pFilesz));

            // QEMU (include/hw/elf_ops.h): e_entry is virtual; when the executable segment that
            // holds it is linked at a different physical address, move the entry along with it.
            if (physicalEntry is null && (pFlags & PfX) != 0 && pVaddr != pPaddr
                && entry >= pVaddr && entry - pVaddr < pFilesz)
            {
                physicalEntry = entry - pVaddr + pPaddr;
            }
        }

        if (loads.Count == 0)
        {
            throw Error(fileName, "ELF file has no loadable segment (no PT_LOAD with nonzero memory size)");
        }

        var sorted = new List<LoadSegment>(loads.Count);
        foreach (LoadSegment load in loads) // insertion sort by address, then index (a handful of segments)
        {
            int at = sorted.Count;
            while (at > 0 && (sorted[at - 1].Address > load.Address || (sorted[at - 1].Address == load.Address && sorted[at - 1].Index > load.Index)))
                at--;
            sorted.Insert(at, load);
        }
        for (int k = 1; k < sorted.Count; k++)
        {
            var previous = sorted[k - 1];
            var current = sorted[k];
            if (current.Address < previous.Address + previous.MemSize)
            {
                int first = Math.Min(previous.Index, current.Index);
                int second = Math.Max(previous.Index, current.Index);
                throw Error(fileName, $"segments {first} and {second} overlap at 0x{current.Address:x}");
            }
        }

        ulong entryPoint = physicalEntry ?? entry;
        bool entryLoaded = false;
        foreach (LoadSegment l in loads)
            entryLoaded |= entryPoint >= l.Address && entryPoint - l.Address < l.MemSize;
        if (!entryLoaded)
        {
            throw Error(fileName, $"entry point 0x{entryPoint:x} is not inside any loaded segment");
        }

        // Everything is validated; only now copy the data (each copy is at most the file size).
        var segments = new List<LoadedSegment>(loads.Count);
        foreach (var load in loads)
        {
            byte[] bytes = file.Slice((int)load.Offset, (int)load.FileSize).ToArray();
            segments.Add(new LoadedSegment(load.Address, bytes, load.MemSize));
        }

        return new LoadedImage(ImageFormat.Elf, entryPoint, segments, IsLinuxKernel: false);
    }

    private static ImageLoadException Error(string fileName, string problem) => new(fileName, problem);

    private static string TypeName(ushort type) => type switch
    {
        0 => "NONE (0)",
        1 => "REL (1, a relocatable object file, not linked)",
        2 => "EXEC (2)",
        3 => "DYN (3, a shared object or position-independent executable; link with -static -no-pie)",
        4 => "CORE (4, a core dump)",
        _ => $"unknown ({type})",
    };

    private static string MachineName(ushort machine) => machine switch
    {
        0 => "none",
        3 => "Intel 80386",
        8 => "MIPS",
        20 => "PowerPC",
        21 => "PowerPC64",
        22 => "S/390",
        40 => "ARM (32-bit)",
        50 => "IA-64",
        62 => "x86-64",
        183 => "AArch64",
        243 => "RISC-V",
        258 => "LoongArch",
        _ => "unknown",
    };
}

/// <summary>A PT_LOAD program header as the loader checks it: its index, physical address, sizes and file offset.</summary>
internal sealed record LoadSegment(int Index, ulong Address, ulong MemSize, ulong Offset, ulong FileSize);
