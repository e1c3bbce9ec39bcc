namespace Emulator.Host.Loading;

/// <summary>
/// A guest image could not be loaded. The message is one line of the form
/// <c>"&lt;file&gt;: &lt;what is wrong&gt;"</c>, where the file is named exactly as the user gave it.
/// </summary>
public sealed class ImageLoadException : Exception
{
    public ImageLoadException(string fileName, string problem)
        : base($"{fileName}: {problem}")
    {
        FileName = fileName;
        Problem = problem;
    }

    public ImageLoadException(string fileName, string problem, Exception innerException)
        : base($"{fileName}: {problem}", innerException)
    {
        FileName = fileName;
        Problem = problem;
    }

    /// <summary>The file name as the user typed it.</summary>
    public string FileName { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }
}
