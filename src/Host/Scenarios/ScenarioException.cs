namespace Emulator.Host.Scenarios;

/// <summary>A scenario file that cannot be used; the message is one line naming the file and the field.</summary>
public sealed class ScenarioException(string message) : Exception(message)
{
    public static ScenarioException Field(string file, string field, string problem) => new($"{file}: {field}: {problem}");
}
