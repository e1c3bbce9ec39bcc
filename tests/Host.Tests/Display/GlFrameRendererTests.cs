using Emulator.Host.Display;

namespace Emulator.Host.Tests.Display;

/// <summary>The renderer's own logic; what it draws is checked on screen by <see cref="GlfwDisplayTests"/> under Xvfb.</summary>
public sealed class GlFrameRendererTests
{
    [Theory]
    [InlineData("4.5 (Compatibility Profile) Mesa 22.3.6", 4)]
    [InlineData("3.0 Mesa 22.3.6", 3)]
    [InlineData("2.1 Mesa 10.0", 2)]
    [InlineData("10.2", 10)]
    [InlineData("OpenGL ES 3.2", 0)]
    [InlineData("", 0)]
    public void Major_version_is_read_from_the_start_of_GL_VERSION(string version, int major) =>
        Assert.Equal(major, GlFrameRenderer.MajorVersion(version));
}
