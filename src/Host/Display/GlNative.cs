namespace Emulator.Host.Display;

/// <summary>
/// The legacy (OpenGL 1.1 / 2.1 compatibility profile) functions <see cref="GlfwDisplay"/> draws
/// with, loaded through glfwGetProcAddress once the window's context is current: upload the frame
/// as a GL_RGBA texture, draw it as one textured quad. Names and constants are OpenGL's (gl.h).
/// </summary>
internal sealed unsafe class GlNative
{
    public const uint GL_COLOR_BUFFER_BIT = 0x4000;
    public const uint GL_TEXTURE_2D = 0x0DE1;
    public const uint GL_TEXTURE_MIN_FILTER = 0x2801;
    public const uint GL_TEXTURE_MAG_FILTER = 0x2800;
    public const uint GL_TEXTURE_WRAP_S = 0x2802;
    public const uint GL_TEXTURE_WRAP_T = 0x2803;
    public const int GL_NEAREST = 0x2600;
    public const int GL_CLAMP_TO_EDGE = 0x812F;
    public const uint GL_RGBA = 0x1908;
    public const int GL_RGBA8 = 0x8058;
    public const uint GL_UNSIGNED_BYTE = 0x1401;
    public const uint GL_UNPACK_ALIGNMENT = 0x0CF5;
    public const uint GL_TEXTURE_ENV = 0x2300;
    public const uint GL_TEXTURE_ENV_MODE = 0x2200;
    public const int GL_REPLACE = 0x1E01;
    public const uint GL_PROJECTION = 0x1701;
    public const uint GL_MODELVIEW = 0x1700;
    public const uint GL_QUADS = 0x0007;
    public const uint GL_RENDERER = 0x1F01;
    public const uint GL_VERSION = 0x1F02;

    public readonly delegate* unmanaged<int, int, int, int, void> Viewport;
    public readonly delegate* unmanaged<float, float, float, float, void> ClearColor;
    public readonly delegate* unmanaged<uint, void> Clear;
    public readonly delegate* unmanaged<int, uint*, void> GenTextures;
    public readonly delegate* unmanaged<int, uint*, void> DeleteTextures;
    public readonly delegate* unmanaged<uint, uint, void> BindTexture;
    public readonly delegate* unmanaged<uint, uint, int, void> TexParameteri;
    public readonly delegate* unmanaged<uint, int, int, int, int, int, uint, uint, void*, void> TexImage2D;
    public readonly delegate* unmanaged<uint, int, int, int, int, int, uint, uint, void*, void> TexSubImage2D;
    public readonly delegate* unmanaged<uint, int, void> PixelStorei;
    public readonly delegate* unmanaged<uint, void> Enable;
    public readonly delegate* unmanaged<uint, uint, int, void> TexEnvi;
    public readonly delegate* unmanaged<uint, void> MatrixMode;
    public readonly delegate* unmanaged<void> LoadIdentity;
    public readonly delegate* unmanaged<double, double, double, double, double, double, void> Ortho;
    public readonly delegate* unmanaged<uint, void> Begin;
    public readonly delegate* unmanaged<void> End;
    public readonly delegate* unmanaged<float, float, void> TexCoord2f;
    public readonly delegate* unmanaged<float, float, void> Vertex2f;
    public readonly delegate* unmanaged<uint> GetError;
    public readonly delegate* unmanaged<uint, byte*> GetString;

    /// <summary>Loads every entry point from the current context; throws when one is missing.</summary>
    public GlNative()
    {
        Viewport = (delegate* unmanaged<int, int, int, int, void>)Load("glViewport");
        ClearColor = (delegate* unmanaged<float, float, float, float, void>)Load("glClearColor");
        Clear = (delegate* unmanaged<uint, void>)Load("glClear");
        GenTextures = (delegate* unmanaged<int, uint*, void>)Load("glGenTextures");
        DeleteTextures = (delegate* unmanaged<int, uint*, void>)Load("glDeleteTextures");
        BindTexture = (delegate* unmanaged<uint, uint, void>)Load("glBindTexture");
        TexParameteri = (delegate* unmanaged<uint, uint, int, void>)Load("glTexParameteri");
        TexImage2D = (delegate* unmanaged<uint, int, int, int, int, int, uint, uint, void*, void>)Load("glTexImage2D");
        TexSubImage2D = (delegate* unmanaged<uint, int, int, int, int, int, uint, uint, void*, void>)Load("glTexSubImage2D");
        PixelStorei = (delegate* unmanaged<uint, int, void>)Load("glPixelStorei");
        Enable = (delegate* unmanaged<uint, void>)Load("glEnable");
        TexEnvi = (delegate* unmanaged<uint, uint, int, void>)Load("glTexEnvi");
        MatrixMode = (delegate* unmanaged<uint, void>)Load("glMatrixMode");
        LoadIdentity = (delegate* unmanaged<void>)Load("glLoadIdentity");
        Ortho = (delegate* unmanaged<double, double, double, double, double, double, void>)Load("glOrtho");
        Begin = (delegate* unmanaged<uint, void>)Load("glBegin");
        End = (delegate* unmanaged<void>)Load("glEnd");
        TexCoord2f = (delegate* unmanaged<float, float, void>)Load("glTexCoord2f");
        Vertex2f = (delegate* unmanaged<float, float, void>)Load("glVertex2f");
        GetError = (delegate* unmanaged<uint>)Load("glGetError");
        GetString = (delegate* unmanaged<uint, byte*>)Load("glGetString");
    }

    /// <summary>A GL string (GL_RENDERER, GL_VERSION), or "?".</summary>
    public string String(uint name)
    {
        byte* text = GetString(name);
        return text is null ? "?" : System.Runtime.InteropServices.Marshal.PtrToStringUTF8((nint)text) ?? "?";
    }

    private static nint Load(string name)
    {
        nint address = GlfwNative.glfwGetProcAddress(name);
        if (address == 0)
            throw new DisplayUnavailableException($"the OpenGL context has no {name}: a legacy (compatibility profile) OpenGL is needed");
        return address;
    }
}
