using System.IO.Compression;
using System.Text;
using Emulator.Devices.Vga;
using Emulator.Mmu.Caches.Provenance;

namespace Emulator.Host.Provenance;

/// <summary>
/// One recorded frame's provenance: DIR/provenance/frame-NNNNNN.prov, gzip-compressed binary
/// (little-endian): the magic "EMUPROV" and a format version, the frame's geometry, the pixel
/// states, the shown and oracle values of every pixel that differs, then the histories of the lines
/// holding stale pixels and the store records they name. <c>emulator explain</c> reads it back.
/// </summary>
public sealed class ProvenanceFile
{
    public const string Magic = "EMUPROV";
    public const int Version = 2;

    /// <summary>The oldest format read (1: without the machine-wide events).</summary>
    public const int OldestVersion = 1;
    public const string DirectoryName = "provenance";

    public required ProvenanceFrame Frame { get; init; }

    public required byte[] PixelState { get; init; }

    /// <summary>Pixel index to (shown, oracle) for every pixel that differs from the oracle.</summary>
    public required Dictionary<int, (uint Shown, uint Oracle)> Differences { get; init; }

    public required HistorySnapshot History { get; init; }

    public static string FileName(long number) => FormattableString.Invariant($"frame-{number:D6}.prov");

    public static string PathOf(string runDirectory, long number) => Path.Combine(runDirectory, DirectoryName, FileName(number));

    public void Write(string path)
    {
        string temporary = path + ".tmp";
        using (FileStream file = File.Create(temporary))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var w = new BinaryWriter(gzip, Encoding.UTF8))
        {
            w.Write(Encoding.ASCII.GetBytes(Magic));
            w.Write(Version);
            ProvenanceFrame f = Frame;
            w.Write(f.Number);
            w.Write(f.StartCycle);
            w.Write(f.EndCycle);
            w.Write(f.Width);
            w.Write(f.Height);
            w.Write(f.Bpp);
            w.Write(f.BytesPerPixel);
            w.Write(f.StrideBytes);
            w.Write(f.StartOffset);
            w.Write(f.VramBase);
            w.Write(History.LineShift);
            w.Write(History.HostAgent);
            w.Write(History.CacheNames.Count);
            foreach (string name in History.CacheNames)
                w.Write(name);
            w.Write(PixelState);
            w.Write(Differences.Count);
            foreach ((int index, (uint shown, uint oracle)) in Differences)
            {
                w.Write(index);
                w.Write(shown);
                w.Write(oracle);
            }
            w.Write(History.Lines.Count);
            foreach ((ulong line, LineEvent[] events) in History.Lines)
            {
                w.Write(line);
                w.Write(events.Length);
                foreach (LineEvent e in events)
                {
                    w.Write(e.Cycle);
                    w.Write(e.LastCycle);
                    w.Write(e.Mask);
                    w.Write(e.Store);
                    w.Write(e.Frame);
                    w.Write(e.Count);
                    w.Write((byte)e.Kind);
                    w.Write(e.Agent);
                    w.Write(e.Cache);
                    w.Write(e.Detail);
                    w.Write((byte)e.Action);
                    w.Write(e.Dirty);
                    w.Write(e.Stale);
                }
            }
            w.Write(History.Stores.Count);
            foreach ((long sequence, StoreRecord s) in History.Stores)
            {
                w.Write(sequence);
                w.Write(s.Pc);
                w.Write(s.Va);
                w.Write(s.Ipa);
                w.Write(s.Pa);
                w.Write(s.Cycle);
                w.Write(s.Instruction);
                w.Write(s.Size);
                w.Write(s.Agent);
                w.Write(s.Stage1Attr);
                w.Write(s.Stage2MemAttr);
                w.Write(s.CombinedAttr);
                w.Write(s.Described);
                w.Write(s.Fwb);
            }
            // Format 2: the machine-wide events (dirty-log collections, set/way traps) and, per page of the lines kept, which collections reported it dirty.
            w.Write(History.HostEventList.Count);
            foreach (HostEvent e in History.HostEventList)
            {
                w.Write(e.Cycle);
                w.Write(e.LastCycle);
                w.Write(e.Frame);
                w.Write(e.Count);
                w.Write((byte)e.Kind);
                w.Write(e.Agent);
                w.Write(e.Detail);
            }
            w.Write(History.DirtyMasks.Count);
            foreach ((ulong page, ulong mask) in History.DirtyMasks)
            {
                w.Write(page);
                w.Write(mask);
            }
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a file written by <see cref="Write"/>; <see cref="InvalidDataException"/> names what is wrong.</summary>
    public static ProvenanceFile Read(string path)
    {
        try
        {
            using FileStream file = File.OpenRead(path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var r = new BinaryReader(gzip, Encoding.UTF8);
            byte[] magic = r.ReadBytes(Magic.Length);
            if (Encoding.ASCII.GetString(magic) != Magic)
                throw new InvalidDataException($"{path}: not a provenance file");
            int version = r.ReadInt32();
            if (version is < OldestVersion or > Version)
                throw new InvalidDataException($"{path}: provenance format {version}, this emulator reads formats {OldestVersion} to {Version} (record the run again)");
            var frame = new ProvenanceFrame(r.ReadInt64(), r.ReadUInt64(), r.ReadUInt64(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(),
                r.ReadInt32(), r.ReadUInt64(), r.ReadUInt64());
            if (frame.Width <= 0 || frame.Height <= 0 || (long)frame.Width * frame.Height > VgaScanout.MaxPixels)
                throw new InvalidDataException($"{path}: a frame of {frame.Width}x{frame.Height} pixels");
            int lineShift = r.ReadInt32();
            int hostAgent = r.ReadInt32();
            int names = r.ReadInt32();
            if (lineShift is < 4 or > 12 || names is < 0 or > 64)
                throw new InvalidDataException($"{path}: corrupt header");
            var cacheNames = new string[names];
            for (int i = 0; i < names; i++)
                cacheNames[i] = r.ReadString();
            byte[] state = r.ReadBytes(frame.Width * frame.Height);
            if (state.Length != frame.Width * frame.Height)
                throw new EndOfStreamException();
            int differences = r.ReadInt32();
            var diff = new Dictionary<int, (uint, uint)>();
            for (int i = 0; i < differences; i++)
                diff[r.ReadInt32()] = (r.ReadUInt32(), r.ReadUInt32());
            var history = new HistorySnapshot(lineShift, hostAgent, cacheNames);
            int lines = r.ReadInt32();
            for (int i = 0; i < lines; i++)
            {
                ulong line = r.ReadUInt64();
                int n = r.ReadInt32();
                if (n is < 0 or > ProvenanceRecorder.Depth)
                    throw new InvalidDataException($"{path}: corrupt line history");
                var events = new LineEvent[n];
                for (int k = 0; k < n; k++)
                {
                    events[k] = new LineEvent
                    {
                        Cycle = r.ReadUInt64(), LastCycle = r.ReadUInt64(), Mask = r.ReadUInt64(), Store = r.ReadInt64(), Frame = r.ReadInt32(),
                        Count = r.ReadInt32(), Kind = (LineEventKind)r.ReadByte(), Agent = r.ReadByte(), Cache = r.ReadByte(), Detail = r.ReadByte(),
                        Action = (HostAction)r.ReadByte(), Dirty = r.ReadBoolean(), Stale = r.ReadBoolean(),
                    };
                }
                history.AddLine(line, events);
            }
            int stores = r.ReadInt32();
            for (int i = 0; i < stores; i++)
            {
                long sequence = r.ReadInt64();
                history.AddStore(sequence, new StoreRecord
                {
                    Pc = r.ReadUInt64(), Va = r.ReadUInt64(), Ipa = r.ReadUInt64(), Pa = r.ReadUInt64(), Cycle = r.ReadUInt64(), Instruction = r.ReadUInt32(),
                    Size = r.ReadInt32(), Agent = r.ReadByte(), Stage1Attr = r.ReadByte(), Stage2MemAttr = r.ReadByte(), CombinedAttr = r.ReadByte(),
                    Described = r.ReadBoolean(), Fwb = r.ReadBoolean(),
                });
            }
            if (version >= 2)
            {
                int hostEvents = r.ReadInt32();
                if (hostEvents is < 0 or > 64)
                    throw new InvalidDataException($"{path}: corrupt machine-wide events");
                for (int i = 0; i < hostEvents; i++)
                {
                    history.AddHostEvent(new HostEvent
                    {
                        Cycle = r.ReadUInt64(), LastCycle = r.ReadUInt64(), Frame = r.ReadInt32(), Count = r.ReadInt32(), Kind = (HostEventKind)r.ReadByte(),
                        Agent = r.ReadByte(), Detail = r.ReadByte(),
                    });
                }
                int pages = r.ReadInt32();
                if (pages < 0)
                    throw new InvalidDataException($"{path}: corrupt dirty-page masks");
                for (int i = 0; i < pages; i++)
                    history.SetDirtyMask(r.ReadUInt64(), r.ReadUInt64());
            }
            return new ProvenanceFile { Frame = frame, PixelState = state, Differences = diff, History = history };
        }
        catch (Exception e) when (e is EndOfStreamException or IOException and not FileNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path}: truncated or corrupt ({e.Message})", e);
        }
    }
}
