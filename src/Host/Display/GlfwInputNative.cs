using System.Runtime.InteropServices;

namespace Emulator.Host.Display;

/// <summary>The GLFW 3 input functions for picking a pixel (glfw3.h names), from the display's own thread only.</summary>
internal static unsafe partial class GlfwInputNative
{
    public const int GLFW_MOUSE_BUTTON_LEFT = 0;
    public const int GLFW_KEY_RIGHT = 262;
    public const int GLFW_KEY_LEFT = 263;
    public const int GLFW_KEY_DOWN = 264;
    public const int GLFW_KEY_UP = 265;
    public const int GLFW_KEY_ENTER = 257;
    public const int GLFW_KEY_E = 69;

    [LibraryImport(GlfwNative.Library)]
    public static partial nint glfwSetMouseButtonCallback(nint window, delegate* unmanaged<nint, int, int, int, void> callback);

    [LibraryImport(GlfwNative.Library)]
    public static partial void glfwGetCursorPos(nint window, out double x, out double y);

    [LibraryImport(GlfwNative.Library)]
    public static partial void glfwGetWindowSize(nint window, out int width, out int height);
}
