namespace Emulator.Host.Display;

/// <summary>A window could not be opened (no display server, no GLFW, no OpenGL); the message says which.</summary>
public sealed class DisplayUnavailableException : Exception
{
    public DisplayUnavailableException(string message)
        : base(message)
    {
    }

    public DisplayUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
