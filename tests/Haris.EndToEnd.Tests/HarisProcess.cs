using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Haris.EndToEnd.Tests;

/// <summary>Starts the built <c>haris</c> program (<c>dotnet haris.dll …</c>) as a real process and collects what it printed.</summary>
internal static class HarisProcess
{
    // A guard against a hung process, not a wait for a condition: a healthy run takes well under a second.
    private static readonly TimeSpan s_guard = TimeSpan.FromMinutes(2);

    /// <summary>The built <c>haris.dll</c>, from the path the project file recorded at build time.</summary>
    public static string DllPath { get; } = FindDll();

    public static async Task<ProcessResult> RunAsync(string workingDirectory, byte[]? stdin, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(s_guard);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        if (stdin is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(stdin, timeout.Token);
        }

        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    public static string DotnetHost()
    {
        // Set by the dotnet CLI for the processes it starts (test hosts included): the same SDK that built haris.dll.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return string.IsNullOrEmpty(host) ? "dotnet" : host;
    }

    private static string FindDll()
    {
        var recorded = typeof(HarisProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "HarisCliDll").Value!;
        var path = Path.GetFullPath(recorded);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"haris.dll not found at {path}; build src/Haris.Cli in the same configuration first", path);
    }
}

internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
