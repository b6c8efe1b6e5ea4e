using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Haris.Cli.Live;

namespace Haris.Cli.Tests.Live;

/// <summary>
/// Answers the requests of <see cref="HarisApiClient"/> in memory: the clock (far past every time the tests use, so
/// nothing waits), scans (admitted, or what <see cref="Answer"/> says) and ingest pushes, recording what came.
/// </summary>
internal sealed class FakeHarisServer : HttpMessageHandler
{
    public static readonly DateTimeOffset Now = new(2026, 6, 18, 20, 0, 0, TimeSpan.Zero);

    /// <summary>The scans received, in the order they were answered: gate, token, direction.</summary>
    public ConcurrentQueue<(string Gate, string Token, string Direction)> Scans { get; } = new();

    /// <summary>The bodies of the ingest pushes, in order.</summary>
    public ConcurrentQueue<string> Pushes { get; } = new();

    /// <summary>Chooses the answer to a scan by its token and how many times it was sent before; null admits it.</summary>
    public Func<string, int, HttpStatusCode?> Answer { get; init; } = (_, _) => null;

    /// <summary>Makes lanes overlap: each scan takes a little while, a different while for each token.</summary>
    public bool Jitter { get; init; }

    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    public HarisApiClient Client() =>
        new(new HttpClient(this) { BaseAddress = new Uri("http://haris.test/") }, TimeProvider.System);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path == "/api/v1/clock")
        {
            return Json(HttpStatusCode.OK, new { now = Now, exercise = true, start = Now, speed = 1.0 });
        }

        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        if (path == "/api/v1/scans")
        {
            using var scan = JsonDocument.Parse(body);
            var token = scan.RootElement.GetProperty("token").GetString()!;
            var attempt = _attempts.AddOrUpdate(token, 0, (_, n) => n + 1);
            if (Jitter)
            {
                await Task.Delay(token[^1] % 3, cancellationToken);
            }

            if (Answer(token, attempt) is { } status)
            {
                var refused = Json(status, new { detail = "refused by the test" });
                refused.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero);
                return refused;
            }

            var direction = scan.RootElement.GetProperty("direction").GetString()!;
            Scans.Enqueue((scan.RootElement.GetProperty("gate").GetString()!, token, direction));
            return Json(HttpStatusCode.OK, new
            {
                verdict = "admit",
                reason = direction == "in" ? "entered" : "exited",
                redirect_gate = (string?)null,
                ticket_id = token,
                match = "m09",
                scan_id = Scans.Count,
                at = Now,
            });
        }

        if (path.StartsWith("/api/v1/ingest/", StringComparison.Ordinal))
        {
            Pushes.Enqueue(body);
            return Json(HttpStatusCode.Accepted, new { accepted = body.Count(c => c == '\n'), too_long = 0 });
        }

        return Json(HttpStatusCode.NotFound, new { detail = "no such endpoint" });
    }

    private static HttpResponseMessage Json(HttpStatusCode status, object body) =>
        new(status) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
}
