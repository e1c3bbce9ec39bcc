namespace Emulator.Host.Display;

/// <summary>
/// A display where the user can pick a pixel to explain (a click, or the keyboard cursor and
/// Enter): the pick comes back with <see cref="DisplayCommand.Explain"/>, and the explanation is
/// shown with <see cref="ShowExplanation"/>.
/// </summary>
public interface IPixelPicker
{
    /// <summary>The pixel picked last (frame coordinates), if one is waiting.</summary>
    bool TryTakePick(out int x, out int y);

    /// <summary>Shows a one-line explanation (the window's title).</summary>
    void ShowExplanation(string text);
}
