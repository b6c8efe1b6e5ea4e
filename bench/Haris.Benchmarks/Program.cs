using BenchmarkDotNet.Running;

namespace Haris.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project bench/Haris.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks chosen by the command line (see <c>--help</c>).</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
