using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Haris.Simulation.Ingress;

namespace Haris.Cli.Live;

/// <summary>
/// The endpoints of a running Haris server that the simulator and the demo drive: the clock, turnstile scans, log
/// ingest and incident reports. Answers that say "busy, try again" (503 for scans, 429 or 503 for ingest) are retried
/// after their <c>Retry-After</c>; any other error is a <see cref="LiveTargetException"/>.
/// </summary>
internal sealed class HarisApiClient : IDisposable
{
    /// <summary>How many times one request is sent again while the server says it is busy, before giving up.</summary>
    public const int MaxRetries = 120;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private static readonly TimeSpan s_defaultRetryAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_longestRetryAfter = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private long _retries;

    /// <summary>A client over <paramref name="http"/>, whose base address and API key header are already set.</summary>
    public HarisApiClient(HttpClient http, TimeProvider time)
    {
        _http = http;
        _time = time;
    }

    /// <summary>The server's address.</summary>
    public Uri Target => _http.BaseAddress!;

    /// <summary>How many requests were sent again because the server was busy.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>A client of <paramref name="target"/> presenting <paramref name="apiKey"/>, with up to <paramref name="connections"/> connections.</summary>
    public static HarisApiClient Create(Uri target, string apiKey, int connections, TimeProvider time)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        };
        var http = new HttpClient(handler) { BaseAddress = target, Timeout = TimeSpan.FromSeconds(100) };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return new HarisApiClient(http, time);
    }

    /// <summary>Reads the server's clock: <c>GET /api/v1/clock</c>.</summary>
    public async Task<ClockReading> GetClockAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "api/v1/clock"), "reading the server's clock", cancellationToken).ConfigureAwait(false);
        return await ReadAsync<ClockReading>(response, "the server's clock", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends one turnstile scan at <paramref name="venue"/>: <c>POST /api/v1/scans</c>, and returns the verdict.</summary>
    public async Task<ScanResult> SubmitScanAsync(string venue, TurnstileScan scan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var body = new ScanBody(scan.Gate, scan.Token, scan.DirectionName, venue);
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, "api/v1/scans") { Content = JsonContent.Create(body, options: s_json) },
            "sending a scan", cancellationToken).ConfigureAwait(false);
        return await ReadAsync<ScanResult>(response, "a scan's verdict", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pushes raw log lines for live detection: <c>POST /api/v1/ingest/{dataset}?format=...</c>; returns the lines accepted.</summary>
    public async Task<int> PushAsync(string dataset, string format, ReadOnlyMemory<byte> lines, CancellationToken cancellationToken)
    {
        var path = $"api/v1/ingest/{Uri.EscapeDataString(dataset)}?format={Uri.EscapeDataString(format)}";
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, path) { Content = new ReadOnlyMemoryContent(lines) { Headers = { ContentType = new MediaTypeHeaderValue("text/plain") } } },
            "pushing log lines", cancellationToken).ConfigureAwait(false);
        return (await ReadAsync<IngestReceipt>(response, "an ingest receipt", cancellationToken).ConfigureAwait(false)).Accepted;
    }

    /// <summary>Reports an incident: <c>POST /api/v1/incidents</c>; returns its number.</summary>
    public async Task<long> ReportIncidentAsync(IncidentReport report, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, "api/v1/incidents") { Content = JsonContent.Create(report, options: s_json) },
            "reporting an incident", cancellationToken).ConfigureAwait(false);
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
        return document.RootElement.GetProperty("incident").GetProperty("id").GetInt64();
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    // Sends the request made by `create` (a request cannot be sent twice) until the server is not busy.
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, string what, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            using (var request = create())
            {
                try
                {
                    response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException ex)
                {
                    throw new LiveTargetException(null, $"{what}: cannot reach {_http.BaseAddress}: {ex.Message}");
                }
                catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new LiveTargetException(null, $"{what}: {_http.BaseAddress} did not answer in {_http.Timeout.TotalSeconds:F0} s", ex);
                }
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            var busy = response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests;
            if (busy && attempt < MaxRetries)
            {
                var wait = RetryAfter(response);
                response.Dispose();
                Interlocked.Increment(ref _retries);
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                var detail = await ProblemDetailAsync(response, cancellationToken).ConfigureAwait(false);
                throw new LiveTargetException((int)response.StatusCode, string.Create(
                    CultureInfo.InvariantCulture, $"{what}: {(int)response.StatusCode} {response.ReasonPhrase}{(detail is null ? "" : ": " + detail)}"));
            }
        }
    }

    private TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - _time.GetUtcNow() : s_defaultRetryAfter);
        return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait > s_longestRetryAfter ? s_longestRetryAfter : wait;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(s_json, cancellationToken).ConfigureAwait(false)
                ?? throw new LiveTargetException((int)response.StatusCode, $"the server answered {what} with null");
        }
        catch (JsonException ex)
        {
            throw new LiveTargetException((int)response.StatusCode, $"the server's answer is not {what}: {ex.Message}");
        }
    }

    // The problem's detail says what was wrong; it is the server's text, printed as plain text by the caller.
    private static async Task<string?> ProblemDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(text);
            return document.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record ScanBody(string Gate, string Token, string Direction, string Venue);

    private sealed record IngestReceipt(int Accepted, int TooLong);
}

/// <summary>The server's time as <c>GET /api/v1/clock</c> answers it.</summary>
/// <param name="Now">The server's time.</param>
/// <param name="Exercise">Whether the server runs on an exercise clock.</param>
/// <param name="Start">When the exercise clock started, or null.</param>
/// <param name="Speed">Server seconds per real second.</param>
internal sealed record ClockReading(DateTimeOffset Now, bool Exercise, DateTimeOffset? Start, double Speed);

/// <summary>A scan's verdict as <c>POST /api/v1/scans</c> answers it.</summary>
internal sealed record ScanResult(string Verdict, string Reason, string? RedirectGate, string? TicketId, string? Match, long ScanId, DateTimeOffset At);

/// <summary>An incident as <c>POST /api/v1/incidents</c> takes it.</summary>
internal sealed record IncidentReport(string Title, string Category, string Severity, string? Venue, string? Zone, string? Gate, string? Description);

/// <summary>The server refused a request or could not be reached; <see cref="Status"/> is null when no answer came.</summary>
internal sealed class LiveTargetException : Exception
{
    public LiveTargetException(int? status, string message, Exception? inner = null)
        : base(message, inner)
    {
        Status = status;
    }

    /// <summary>The HTTP status of the answer, or null when there was none.</summary>
    public int? Status { get; }

    /// <summary>Whether every later request would fail the same way: a wrong key, a missing role, no such endpoint.</summary>
    public bool IsFatal => Status is null or 401 or 403 or 404;
}
