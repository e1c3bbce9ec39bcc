using BenchmarkDotNet.Running;

namespace Emulator.Bench.Caches;

/// <summary>dotnet run -c Release --project bench/CacheBench -- --filter '*' --job short</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
