using System.Runtime.InteropServices;

namespace Emulator.Host.Display;

/// <summary>
/// The GLFW 3 functions <see cref="GlfwDisplay"/> uses, bound directly to libglfw.so.3 (Debian
/// package libglfw3). Every call must come from the display's own thread, the one that called
/// <see cref="glfwInit"/>. Names and constants are GLFW's (glfw3.h).
/// </summary>
internal static unsafe partial class GlfwNative
{
    public const string Library = "libglfw.so.3";

    public const int GLFW_TRUE = 1;
    public const int GLFW_FALSE = 0;
    public const int GLFW_RESIZABLE = 0x00020003;
    public const int GLFW_VISIBLE = 0x00020004;
    public const int GLFW_FOCUSED = 0x00020001;
    public const int GLFW_DOUBLEBUFFER = 0x00021010;
    public const int GLFW_PRESS = 1;

    public const int GLFW_KEY_SPACE = 32;
    public const int GLFW_KEY_H = 72;
    public const int GLFW_KEY_N = 78;
    public const int GLFW_KEY_O = 79;
    public const int GLFW_KEY_P = 80;
    public const int GLFW_KEY_S = 83;
    public const int GLFW_KEY_V = 86;
    public const int GLFW_KEY_W = 87;
    public const int GLFW_KEY_ESCAPE = 256;
    public const int GLFW_KEY_F1 = 290;
    public const int GLFW_KEY_F2 = 291;

    [LibraryImport(Library)]
    public static partial int glfwInit();

    [LibraryImport(Library)]
    public static partial void glfwTerminate();

    /// <summary>The last error's code, and its UTF-8 description in <paramref name="description"/> (0 when none).</summary>
    [LibraryImport(Library)]
    public static partial int glfwGetError(out nint description);

    [LibraryImport(Library)]
    public static partial nint glfwGetVersionString();

    [LibraryImport(Library)]
    public static partial void glfwWindowHint(int hint, int value);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint glfwCreateWindow(int width, int height, string title, nint monitor, nint share);

    [LibraryImport(Library)]
    public static partial void glfwDestroyWindow(nint window);

    [LibraryImport(Library)]
    public static partial void glfwMakeContextCurrent(nint window);

    [LibraryImport(Library)]
    public static partial void glfwSwapInterval(int interval);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint glfwGetProcAddress(string name);

    [LibraryImport(Library)]
    public static partial void glfwSetWindowPos(nint window, int x, int y);

    [LibraryImport(Library)]
    public static partial void glfwSetWindowSize(nint window, int width, int height);

    [LibraryImport(Library)]
    public static partial void glfwGetFramebufferSize(nint window, out int width, out int height);

    [LibraryImport(Library)]
    public static partial void glfwShowWindow(nint window);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void glfwSetWindowTitle(nint window, string title);

    [LibraryImport(Library)]
    public static partial int glfwWindowShouldClose(nint window);

    [LibraryImport(Library)]
    public static partial void glfwSetWindowShouldClose(nint window, int value);

    [LibraryImport(Library)]
    public static partial void glfwWaitEventsTimeout(double timeout);

    [LibraryImport(Library)]
    public static partial void glfwSwapBuffers(nint window);

    [LibraryImport(Library)]
    public static partial void glfwSetWindowUserPointer(nint window, nint pointer);

    [LibraryImport(Library)]
    public static partial nint glfwGetWindowUserPointer(nint window);

    /// <summary>Sets the key callback: void (GLFWwindow*, int key, int scancode, int action, int mods).</summary>
    [LibraryImport(Library)]
    public static partial nint glfwSetKeyCallback(nint window, delegate* unmanaged<nint, int, int, int, int, void> callback);

    /// <summary>Sets the framebuffer-size callback: void (GLFWwindow*, int width, int height).</summary>
    [LibraryImport(Library)]
    public static partial nint glfwSetFramebufferSizeCallback(nint window, delegate* unmanaged<nint, int, int, void> callback);

    /// <summary>Sets the refresh (expose) callback: void (GLFWwindow*).</summary>
    [LibraryImport(Library)]
    public static partial nint glfwSetWindowRefreshCallback(nint window, delegate* unmanaged<nint, void> callback);

    /// <summary>GLFW's last error as text, or <paramref name="fallback"/>.</summary>
    public static string LastError(string fallback)
    {
        int code = glfwGetError(out nint description);
        if (code == 0 || description == 0)
            return fallback;
        return $"{Marshal.PtrToStringUTF8(description)} (GLFW error 0x{code:X5})";
    }

    /// <summary>
    /// Sets an environment variable in the C library's environment, where GLFW (Xlib's
    /// XOpenDisplay) reads DISPLAY; <see cref="Environment.SetEnvironmentVariable(string, string)"/>
    /// changes only .NET's copy on Unix.
    /// </summary>
    public static void SetNativeEnvironment(string name, string value)
    {
        if (setenv(name, value, 1) != 0)
            throw new DisplayUnavailableException($"could not set {name}={value} for GLFW");
        Environment.SetEnvironmentVariable(name, value);
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}
