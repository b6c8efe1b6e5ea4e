using System.Diagnostics;
using System.Text;

namespace Haris.EndToEnd.Tests;

/// <summary>A real <c>haris demo</c> process on a free loopback port: its address and the accounts it printed.</summary>
internal sealed class DemoProcess : IAsyncDisposable
{
    private const string Opening = "Haris demo: open ";

    private readonly Process _process;
    private readonly StringBuilder _stdout;
    private readonly StringBuilder _stderr;

    private DemoProcess(Process process, Uri address, StringBuilder stdout, StringBuilder stderr)
    {
        _process = process;
        Address = address;
        _stdout = stdout;
        _stderr = stderr;
    }

    public Uri Address { get; }

    /// <summary>What the demo printed on stdout so far.</summary>
    public string Stdout => Read(_stdout);

    /// <summary>What the demo printed on stderr so far.</summary>
    public string Stderr => Read(_stderr);

    /// <summary>The accounts the demo printed: user name to password; empty when it printed none.</summary>
    public IReadOnlyDictionary<string, string> Passwords => Stdout.Split('\n')
        .Select(l => l.TrimEnd('\r').Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Where(w => w.Length == 3 && w[0] == w[1])
        .ToDictionary(w => w[0], w => w[2], StringComparer.Ordinal);

    /// <summary>Starts <c>haris demo --urls http://127.0.0.1:0 ARGS</c> and waits until it has printed its address and what follows it.</summary>
    public static async Task<DemoProcess> StartAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(HarisProcess.DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[HarisProcess.DllPath, "demo", "--urls", "http://127.0.0.1:0", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        Uri? address = null;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException("haris demo ended before it was ready:\n" + Read(stdout) + Read(stderr)));
                return;
            }

            Append(stdout, e.Data);
            if (e.Data.StartsWith(Opening, StringComparison.Ordinal))
            {
                address = new Uri(e.Data[Opening.Length..]);
            }

            // The last line of the introduction: the accounts are above it.
            if (address is not null && e.Data.StartsWith("Ctrl+C stops the demo", StringComparison.Ordinal))
            {
                ready.TrySetResult(address);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Append(stderr, e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var uri = await ready.Task.WaitAsync(ServerProcess.Guard, TestContext.Current.CancellationToken);
            return new DemoProcess(process, uri, stdout, stderr);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does, and returns the exit code.</summary>
    public async Task<int> InterruptAsync()
    {
        using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        await _process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(ServerProcess.Guard, TestContext.Current.CancellationToken);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder log, string line)
    {
        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private static string Read(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }
}
