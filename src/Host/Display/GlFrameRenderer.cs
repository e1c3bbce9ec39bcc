using Silk.NET.OpenGL;

namespace Emulator.Host.Display;

/// <summary>
/// Puts an RGBA image on the current OpenGL context's window through Silk.NET.OpenGL: the image
/// is uploaded into a texture attached to a framebuffer object, and blitted (glBlitFramebuffer,
/// nearest filtering) onto the window's framebuffer, scaled to fit with its aspect kept and
/// centred, exactly 1:1 when the window has the image's size, on the background colour. It knows
/// nothing of the window system: the window back end (<see cref="GlfwDisplay"/>, GLFW bound
/// directly) makes its context current and hands in a <see cref="GL"/> loaded through its own
/// proc-address function, so another back end (Silk.NET.Windowing, say) needs only its own
/// window file. Needs OpenGL 3.0 (framebuffer objects and blits), in a core or compatibility
/// profile. Every call must come from the thread the context is current on.
/// </summary>
internal sealed unsafe class GlFrameRenderer : IDisposable
{
    private readonly GL _gl;
    private uint _texture;
    private uint _framebuffer;
    private (int Width, int Height) _textureSize;

    /// <summary>Sets up the texture and framebuffer; throws <see cref="DisplayUnavailableException"/> below OpenGL 3.0.</summary>
    public GlFrameRenderer(GL gl, uint backgroundRgba)
    {
        _gl = gl;
        Version = gl.GetStringS(StringName.Version) ?? "?";
        Renderer = gl.GetStringS(StringName.Renderer) ?? "?";
        if (MajorVersion(Version) < 3)
            throw new DisplayUnavailableException($"OpenGL {Version} on {Renderer}: the window needs OpenGL 3.0 or later (framebuffer blits)");
        _texture = gl.GenTexture();
        gl.BindTexture(TextureTarget.Texture2D, _texture);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMinFilter, (int)TextureMinFilter.Nearest);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMagFilter, (int)TextureMagFilter.Nearest);
        gl.PixelStore(PixelStoreParameter.UnpackAlignment, 4);
        _framebuffer = gl.GenFramebuffer();
        gl.ClearColor((backgroundRgba & 0xFF) / 255f, ((backgroundRgba >> 8) & 0xFF) / 255f, ((backgroundRgba >> 16) & 0xFF) / 255f, 1f);
    }

    /// <summary>The context's GL_VERSION.</summary>
    public string Version { get; }

    /// <summary>The context's GL_RENDERER.</summary>
    public string Renderer { get; }

    /// <summary>
    /// Draws <paramref name="image"/> (row-major RGBA, first row at the top, <paramref name="width"/> x
    /// <paramref name="height"/>) into the window's framebuffer of <paramref name="framebufferWidth"/> x
    /// <paramref name="framebufferHeight"/> pixels. The caller swaps the buffers.
    /// </summary>
    public void Draw(ReadOnlySpan<uint> image, int width, int height, int framebufferWidth, int framebufferHeight)
    {
        GL gl = _gl;
        gl.BindTexture(TextureTarget.Texture2D, _texture);
        fixed (uint* pixels = image)
        {
            if (_textureSize != (width, height))
            {
                gl.TexImage2D(TextureTarget.Texture2D, 0, InternalFormat.Rgba8, (uint)width, (uint)height, 0, PixelFormat.Rgba, PixelType.UnsignedByte, pixels);
                gl.BindFramebuffer(FramebufferTarget.ReadFramebuffer, _framebuffer);
                gl.FramebufferTexture2D(FramebufferTarget.ReadFramebuffer, FramebufferAttachment.ColorAttachment0, TextureTarget.Texture2D, _texture, 0);
                GLEnum status = gl.CheckFramebufferStatus(FramebufferTarget.ReadFramebuffer);
                if (status != GLEnum.FramebufferComplete)
                    throw new InvalidOperationException($"the frame's framebuffer object is not complete ({status}) on {Renderer}");
                _textureSize = (width, height);
            }
            else
            {
                gl.TexSubImage2D(TextureTarget.Texture2D, 0, 0, 0, (uint)width, (uint)height, PixelFormat.Rgba, PixelType.UnsignedByte, pixels);
            }
        }

        gl.BindFramebuffer(FramebufferTarget.DrawFramebuffer, 0);
        gl.Viewport(0, 0, (uint)framebufferWidth, (uint)framebufferHeight);
        gl.Clear(ClearBufferMask.ColorBufferBit);
        // Scale to fit, aspect kept, centred; exactly 1:1 when the window has the image's size.
        double scale = Math.Min((double)framebufferWidth / width, (double)framebufferHeight / height);
        int w = (int)Math.Round(width * scale);
        int h = (int)Math.Round(height * scale);
        int x0 = (framebufferWidth - w) / 2;
        int y0 = (framebufferHeight - h) / 2;
        gl.BindFramebuffer(FramebufferTarget.ReadFramebuffer, _framebuffer);
        // The texture's first row is the image's top row; the window's origin is its bottom-left
        // corner, so the destination rectangle is given upside down (the blit mirrors it).
        gl.BlitFramebuffer(0, 0, width, height, x0, framebufferHeight - y0, x0 + w, framebufferHeight - y0 - h,
            ClearBufferMask.ColorBufferBit, BlitFramebufferFilter.Nearest);
        gl.BindFramebuffer(FramebufferTarget.ReadFramebuffer, 0);
    }

    public void Dispose()
    {
        if (_framebuffer != 0)
        {
            _gl.DeleteFramebuffer(_framebuffer);
            _framebuffer = 0;
        }
        if (_texture != 0)
        {
            _gl.DeleteTexture(_texture);
            _texture = 0;
        }
    }

    /// <summary>The major version at the start of a GL_VERSION string ("4.5 (Compatibility Profile) Mesa ..." gives 4), or 0.</summary>
    internal static int MajorVersion(string version)
    {
        int major = 0;
        foreach (char c in version)
        {
            if (c is < '0' or > '9')
                break;
            major = (major * 10) + (c - '0');
        }
        return major;
    }
}
