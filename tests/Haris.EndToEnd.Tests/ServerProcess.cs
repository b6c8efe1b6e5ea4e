using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Haris.EndToEnd.Tests;

/// <summary>A real <c>haris serve</c> process on a free loopback port, found from the address it prints.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    // Guards against a hung process or a condition that never comes, not waits for one: each is reached in seconds.
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>What the server printed so far, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<ServerProcess> StartAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(HarisProcess.DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HarisProcess.DllPath);
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new StringBuilder();
        void Collect(string? line)
        {
            if (line is null)
            {
                listening.TrySetException(new InvalidOperationException("haris serve ended before listening:\n" + log));
                return;
            }

            lock (log)
            {
                log.AppendLine(line);
            }

            const string Marker = "haris serve: listening on ";
            if (line.StartsWith(Marker, StringComparison.Ordinal))
            {
                listening.TrySetResult(new Uri(line[Marker.Length..]));
            }
        }

        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Collect(e.Data);
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            var address = await listening.Task.WaitAsync(Guard, TestContext.Current.CancellationToken);
            var server = new ServerProcess(process, address);
            lock (log)
            {
                server._log.Append(log);
            }

            return server;
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>A client presenting <paramref name="apiKey"/>.</summary>
    public HttpClient Client(string apiKey)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = Guard };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> holds, failing with the last value after the guard.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Guard;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {Guard.TotalSeconds} s; last seen: {value}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The total of <c>accepted</c> over every source the server reports.</summary>
    public static async Task<long> AcceptedAsync(HttpClient client)
    {
        var sources = await client.GetFromJsonAsync<JsonElement>("/api/v1/ingest/sources", TestContext.Current.CancellationToken);
        return sources.EnumerateArray().Sum(s => s.GetProperty("accepted").GetInt64());
    }

    /// <summary>Ends the process at once, as <c>kill -9</c> does: nothing is flushed, nothing is saved.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }
}
