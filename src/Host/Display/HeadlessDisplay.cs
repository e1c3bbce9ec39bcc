using Emulator.Devices.Vga;

namespace Emulator.Host.Display;

/// <summary>No window: accepts every frame, keeps the last one (for the report and snapshots), gives no commands.</summary>
public sealed class HeadlessDisplay : IDisplay
{
    private VgaFrame? _last;
    private long _presented;

    public string Name => "headless";

    /// <summary>The most recent frame presented, or null before the first.</summary>
    public VgaFrame? LastFrame => Volatile.Read(ref _last);

    /// <summary>The status that came with the most recent frame.</summary>
    public DisplayStatus LastStatus { get; private set; }

    /// <summary>How many frames were presented.</summary>
    public long FramesPresented => Interlocked.Read(ref _presented);

    public void Present(VgaFrame frame, DisplayStatus status)
    {
        ArgumentNullException.ThrowIfNull(frame);
        LastStatus = status;
        Volatile.Write(ref _last, frame);
        Interlocked.Increment(ref _presented);
    }

    public bool TryGetCommand(out DisplayCommand command)
    {
        command = default;
        return false;
    }

    public void Dispose()
    {
    }
}
