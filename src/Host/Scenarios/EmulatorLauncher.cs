using System.Reflection;

namespace Emulator.Host.Scenarios;

/// <summary>
/// How to start the `emulator` program as a child: the apphost itself, or the .NET host with
/// emulator.dll as its first argument (`dotnet emulator.dll`).
/// </summary>
public sealed record EmulatorLauncher(string FileName, IReadOnlyList<string> LeadingArguments)
{
    /// <summary>The program this process is running: the same apphost, or the same dotnet with the same entry assembly.</summary>
    public static EmulatorLauncher ForCurrentProcess()
    {
        string process = Environment.ProcessPath ?? "dotnet";
        if (!IsDotnetHost(process))
            return new EmulatorLauncher(process, []);
        string? entry = Assembly.GetEntryAssembly()?.Location;
        return ForAssembly(string.IsNullOrEmpty(entry) ? Path.Combine(AppContext.BaseDirectory, "emulator.dll") : entry, process);
    }

    /// <summary><c>dotnet ASSEMBLY</c>, with the .NET host this process uses (or the one on PATH).</summary>
    public static EmulatorLauncher ForAssembly(string assemblyPath, string? dotnet = null)
    {
        dotnet ??= Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
            : Environment.ProcessPath is { } p && IsDotnetHost(p) ? p : "dotnet";
        return new EmulatorLauncher(dotnet, [assemblyPath]);
    }

    private static bool IsDotnetHost(string path) =>
        Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
}
