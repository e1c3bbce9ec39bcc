namespace Emulator.Host.Tests.EndToEnd;

/// <summary>A scratch directory removed when the test ends.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "emulator-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, byte[] contents)
    {
        string path = File(name);
        System.IO.File.WriteAllBytes(path, contents);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
