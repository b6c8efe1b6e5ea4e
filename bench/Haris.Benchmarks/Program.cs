using BenchmarkDotNet.Running;

namespace Haris.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project bench/Haris.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks chosen by the command line (see <c>--help</c>), or the scan desk load with <c>scan-desk</c>.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "scan-desk")
        {
            return await ScanDeskLoad.RunAsync(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
