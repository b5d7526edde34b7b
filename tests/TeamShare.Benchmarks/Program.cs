using BenchmarkDotNet.Running;

namespace TeamShare.Benchmarks;

/// <summary>dotnet run -c Release --project tests/TeamShare.Benchmarks -- --filter '*' --job short</summary>
public static class BenchmarkMain
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkMain).Assembly).Run(args);
}
