namespace Emulator.Host.Provenance;

/// <summary>Why a displayed pixel differs from the coherent oracle (docs/provenance.md, "Causes").</summary>
public enum StaleCause : byte
{
    /// <summary>Not stale.</summary>
    None = 0,

    /// <summary>The VMM read a clean copy its cache filled on an earlier read; the guest's store went around it to memory, and no maintenance came between.</summary>
    StaleCleanLine,

    /// <summary>As <see cref="StaleCleanLine"/>, but the copy was filled speculatively (random fill or next-line prefetch), not by a read.</summary>
    SpeculativeFill,

    /// <summary>The line was cleaned and invalidated (the fix's maintenance), then filled again by a read before the guest's store: the maintenance came too early.</summary>
    CleanTooEarly,

    /// <summary>The VMM read its own dirty line (its memset of VRAM) that hides the guest's newer store in memory.</summary>
    DirtyHostLine,

    /// <summary>The VMM's dirty line was written back to memory over the guest's newer store, and the VMM read memory.</summary>
    DirtyHostLineEvicted,

    /// <summary>A dirty line of the guest's own (a cacheable store through another mapping) was written back over its newer Non-cacheable store.</summary>
    DirtyGuestLineEvicted,

    /// <summary>The VMM read the right data, and the guest changed it later without its page being reported dirty.</summary>
    UnloggedWrite,

    /// <summary>No rule fits the history kept (too old, or a path the explainer does not know).</summary>
    Unknown,
}

/// <summary>The report and command-line spelling of <see cref="StaleCause"/>.</summary>
public static class StaleCauses
{
    /// <summary>Every cause that a stale pixel can have, in report order.</summary>
    public static readonly StaleCause[] All =
    [
        StaleCause.StaleCleanLine, StaleCause.SpeculativeFill, StaleCause.CleanTooEarly, StaleCause.DirtyHostLine,
        StaleCause.DirtyHostLineEvicted, StaleCause.DirtyGuestLineEvicted, StaleCause.UnloggedWrite, StaleCause.Unknown,
    ];

    public static string Name(StaleCause cause) => cause switch
    {
        StaleCause.None => "none",
        StaleCause.StaleCleanLine => "stale-clean-line",
        StaleCause.SpeculativeFill => "speculative-fill",
        StaleCause.CleanTooEarly => "clean-too-early",
        StaleCause.DirtyHostLine => "dirty-host-line",
        StaleCause.DirtyHostLineEvicted => "dirty-host-line-evicted",
        StaleCause.DirtyGuestLineEvicted => "dirty-guest-line-evicted",
        StaleCause.UnloggedWrite => "unlogged-write",
        _ => "unknown",
    };

    /// <summary>Every spelling a scenario may name: "none" and the causes.</summary>
    public static IEnumerable<string> Names => [Name(StaleCause.None), .. All.Select(Name)];

    public static StaleCause? Parse(string name)
    {
        if (name == "none")
            return StaleCause.None;
        foreach (StaleCause c in All)
        {
            if (Name(c) == name)
                return c;
        }
        return null;
    }
}
