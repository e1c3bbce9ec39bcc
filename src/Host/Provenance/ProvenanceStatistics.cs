using System.Text.Json;

namespace Emulator.Host.Provenance;

/// <summary>Stale pixels by cause, per frame and in total, for the report's <c>provenance</c> object.</summary>
public sealed class ProvenanceStatistics
{
    private readonly long[] _total = new long[StaleCauses.All.Length + 1];
    private readonly List<(long Frame, int Stale, int[] ByCause)> _frames = [];

    public long Total(StaleCause cause) => _total[(int)cause];

    /// <summary>The cause with the most stale pixels over the run (the first in report order on a tie), or None without any.</summary>
    public StaleCause Dominant
    {
        get
        {
            StaleCause best = StaleCause.None;
            long most = 0;
            foreach (StaleCause c in StaleCauses.All)
            {
                if (_total[(int)c] > most)
                {
                    most = _total[(int)c];
                    best = c;
                }
            }
            return best;
        }
    }

    public long Events { get; set; }

    public long StoreRecords { get; set; }

    public void AddFrame(long frame, int[] byCause)
    {
        int stale = 0;
        for (int i = 0; i < byCause.Length; i++)
        {
            _total[i] += byCause[i];
            stale += byCause[i];
        }
        if (stale > 0)
            _frames.Add((frame, stale, byCause));
    }

    /// <summary>
    /// Writes <c>"provenance": { dominant_cause, stale_pixels_by_cause { cause: n, ... }, events,
    /// store_records, frames: [ { frame, stale_pixels, by_cause { cause: n (non-zero only) } } ] }</c>;
    /// frames lists the frames with stale pixels.
    /// </summary>
    public void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject("provenance");
        json.WriteString("dominant_cause", StaleCauses.Name(Dominant));
        json.WriteStartObject("stale_pixels_by_cause");
        foreach (StaleCause c in StaleCauses.All)
            json.WriteNumber(StaleCauses.Name(c), _total[(int)c]);
        json.WriteEndObject();
        json.WriteNumber("events", Events);
        json.WriteNumber("store_records", StoreRecords);
        json.WriteStartArray("frames");
        foreach ((long frame, int stale, int[] byCause) in _frames)
        {
            json.WriteStartObject();
            json.WriteNumber("frame", frame);
            json.WriteNumber("stale_pixels", stale);
            json.WriteStartObject("by_cause");
            foreach (StaleCause c in StaleCauses.All)
            {
                if (byCause[(int)c] > 0)
                    json.WriteNumber(StaleCauses.Name(c), byCause[(int)c]);
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
