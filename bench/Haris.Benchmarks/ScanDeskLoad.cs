using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Haris.Core.Security;
using Haris.Operations.Planning;
using Haris.Operations.Tickets;
using Haris.Server.Hosting;
using Haris.Server.Operations.Ticketing;
using Haris.Storage.ApiKeys;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Haris.Benchmarks;

/// <summary>
/// Turnstile scans with durable verdicts: the real server (SQLite on disk, WAL, full sync) on the sample tournament,
/// its clock an hour into the ingress of m09 at the Dunes Stadium, and as many turnstiles as the stadium has, each
/// presenting its own fans' tickets one after the other and waiting for each verdict. Every verdict is stored before it
/// is answered.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project bench/Haris.Benchmarks -- scan-desk [--scans N] [--turnstiles N] [--http] [--barcodes]</c>.
/// Without <c>--http</c> the turnstiles call the scan desk in-process (what the server does behind the endpoint); with
/// it they go through <c>POST /api/v1/scans</c> on loopback. With <c>--barcodes</c> the tickets are unsigned barcodes of an
/// imported list, which measures the desk and its storage without the ECDSA verification.
/// </remarks>
public static class ScanDeskLoad
{
    /// <summary>Runs the load and prints throughput and latency.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var scans = Option(args, "--scans", 100_000);
        var turnstiles = Option(args, "--turnstiles", 144);
        var http = args.Contains("--http");
        var barcodes = args.Contains("--barcodes");
        var root = FindRepository();
        var data = Path.Combine(Path.GetTempPath(), "haris-scan-desk-" + Guid.NewGuid().ToString("N"));
        var tournament = Haris.Operations.Tournaments.TournamentLoader.Load(Path.Combine(root, "samples", "tournament.yaml")).Tournament!;
        var match = tournament.Match("m09")!;
        Directory.CreateDirectory(data);
        var config = Path.Combine(data, "haris.yaml");
        var start = (match.GatesOpenUtc + TimeSpan.FromHours(1)).ToString("O", CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(config, $"Tournament:\n  Path: {Path.Combine(root, "samples", "tournament.yaml")}\nClock:\n  Start: {start}\n");
        var app = HarisServer.Build(
            new ServeSettings { ConfigFile = config, DataDirectory = data, Urls = "http://127.0.0.1:0" },
            builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        try
        {
            await HarisServer.InitializeAsync(app);
            await app.StartAsync();
            var office = app.Services.GetRequiredService<TicketOffice>();
            var desk = app.Services.GetRequiredService<ScanDesk>();
            var venue = tournament.VenueOf(match);
            var stands = CrowdMatchBuilder.SpectatorGates(venue);
            var (from, to) = TicketBatch.Window(match);
            var issuer = new TicketIssuer(office.Keys!);
            var clock = Stopwatch.StartNew();
            var tickets = new IssuedTicket[scans];
            Parallel.For(0, scans, i =>
            {
                var gate = stands[i % stands.Count];
                var id = "T" + i.ToString("D9", CultureInfo.InvariantCulture);
                var seat = "S-" + i.ToString(CultureInfo.InvariantCulture);
                tickets[i] = barcodes
                    ? new IssuedTicket(id, match.Id, gate.Zones[0], gate.Id, seat, from, to, null)
                    : issuer.Issue(id, match.Id, gate.Zones[0], gate.Id, seat, from, to);
            });
            if (barcodes)
            {
                // Unsigned barcodes from an imported list: the same desk and storage without the signature check.
                office.Registry.AddRange(tickets);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"issued {scans:N0} tickets in {clock.Elapsed.TotalSeconds:F1} s; {turnstiles} turnstiles, {(http ? "HTTP" : "in-process")}, {(barcodes ? "barcodes" : "ECDSA tokens")}"));

            HttpClient? client = null;
            if (http)
            {
                var key = await app.Services.GetRequiredService<ApiKeyService>().CreateAsync("bench", Roles.Sensor, venue.Id, "bench");
                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
                client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = turnstiles }) { BaseAddress = new Uri(address) };
                client.DefaultRequestHeaders.Add("X-Api-Key", key.Plaintext);
            }

            var latencies = new long[scans];
            var admitted = 0L;
            clock.Restart();
            await Task.WhenAll(Enumerable.Range(0, turnstiles).Select(lane => Task.Run(async () =>
            {
                for (var i = lane; i < scans; i += turnstiles)
                {
                    var ticket = tickets[i];
                    var start = Stopwatch.GetTimestamp();
                    bool admit;
                    if (client is null)
                    {
                        var decided = await desk.SubmitAsync(venue.Id, new ScanRequest(ticket.GateId, ticket.Token ?? ticket.TicketId), "bench", CancellationToken.None);
                        admit = decided!.Value.Verdict.IsAdmitted;
                    }
                    else
                    {
                        using var response = await client.PostAsJsonAsync("/api/v1/scans", new { gate = ticket.GateId, token = ticket.Token ?? ticket.TicketId });
                        response.EnsureSuccessStatusCode();
                        admit = (await response.Content.ReadFromJsonAsync<Answer>())!.Verdict == "admit";
                    }

                    latencies[i] = Stopwatch.GetTimestamp() - start;
                    if (admit)
                    {
                        Interlocked.Increment(ref admitted);
                    }
                }
            })));
            var elapsed = clock.Elapsed;
            client?.Dispose();
            Array.Sort(latencies);
            double Ms(double q) => latencies[(int)Math.Min(latencies.Length - 1, q * latencies.Length)] * 1000.0 / Stopwatch.Frequency;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{scans:N0} scans ({admitted:N0} admitted, {desk.Decided:N0} stored) in {elapsed.TotalSeconds:F2} s: {scans / elapsed.TotalSeconds:N0} scans/s; latency p50 {Ms(0.50):F2} ms, p99 {Ms(0.99):F2} ms, max {Ms(1):F2} ms"));
            return admitted == scans ? 0 : 1;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    private sealed record Answer(string Verdict);

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Haris.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run from within the repository");
    }
}
