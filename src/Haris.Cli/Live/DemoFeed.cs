using System.Text;
using Haris.Operations.Planning;
using Haris.Operations.Tickets;
using Haris.Operations.Tournaments;
using Haris.Simulation;
using Haris.Simulation.Ingress;

namespace Haris.Cli.Live;

/// <summary>
/// Keeps a demo server busy through its own API, paced by its clock: web traffic with attack campaigns, the ingress of
/// one match with its trouble (a counterfeit wave among it), and field incidents reported by the operations room.
/// </summary>
internal sealed class DemoFeed
{
    /// <summary>The most fans the demo sends through the gates: enough to fill the screens, few enough for a laptop.</summary>
    public const int MaxFans = 20_000;

    /// <summary>Web traffic is simulated in windows of this many minutes, each with every kind of attack campaign.</summary>
    public const int WebWindowMinutes = 30;

    // Half the simulator's usual fan traffic: the campaigns are what the demo shows, and a laptop runs it.
    private const double WebScale = 0.5;
    private const int ScanConnections = 8;

    private readonly Uri _address;
    private readonly string _sensorKey;
    private readonly string _reporterKey;
    private readonly TimeProvider _time;
    private readonly Action<string> _warn;

    /// <summary>A feed of the server at <paramref name="address"/>; problems are told to <paramref name="warn"/>.</summary>
    public DemoFeed(Uri address, string sensorKey, string reporterKey, TimeProvider time, Action<string> warn)
    {
        _address = address;
        _sensorKey = sensorKey;
        _reporterKey = reporterKey;
        _time = time;
        _warn = warn;
    }

    /// <summary>Runs every feed until <paramref name="cancellationToken"/> is cancelled or they are done.</summary>
    /// <param name="tournament">The server's tournament.</param>
    /// <param name="match">The match whose ingress is sent.</param>
    /// <param name="seed">Seeds the tickets, the ingress and the web traffic, so each run of a demo differs.</param>
    /// <param name="keyDirectory">The server's ticket keys, to sign the match's tickets with.</param>
    /// <param name="cancellationToken">Stops the feeds.</param>
    public async Task RunAsync(Tournament tournament, Match match, int seed, string keyDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(match);
        using var sensors = HarisApiClient.Create(_address, _sensorKey, ScanConnections + 1, _time);
        using var reporter = HarisApiClient.Create(_address, _reporterKey, 1, _time);
        var web = GuardAsync("web traffic", () => RunWebAsync(sensors, match.KickOff.Offset, seed, cancellationToken), cancellationToken);

        // The tickets are signed with a ring of their own, loaded from the server's key folder: the server's ring is
        // busy verifying, and ECDSA key objects are not meant for use from several threads at once.
        var (scans, labels) = await Task.Run(() => Simulate(tournament, match, seed, keyDirectory, cancellationToken), cancellationToken).ConfigureAwait(false);
        var venue = tournament.VenueOf(match);
        var gates = GuardAsync("turnstile scans", async () =>
        {
            var clock = new ServerClock(sensors.GetClockAsync, _time);
            var tally = await new ScanDriver(sensors, clock, ScanConnections).RunAsync(venue.Id, scans, cancellationToken).ConfigureAwait(false);
            foreach (var error in tally.FirstErrors)
            {
                _warn(error);
            }
        }, cancellationToken);
        var field = GuardAsync("field reports", () => ReportAsync(reporter, FieldReports.Plan(venue, match, labels), cancellationToken), cancellationToken);
        await Task.WhenAll(web, gates, field).ConfigureAwait(false);
    }

    private static (IReadOnlyList<TurnstileScan> Scans, IReadOnlyList<IngressLabel> Labels) Simulate(
        Tournament tournament, Match match, int seed, string keyDirectory, CancellationToken cancellationToken)
    {
        var venue = tournament.VenueOf(match);
        var fans = Math.Min(MaxFans, IngressSetup.DefaultFans(venue));
        using var keys = TicketKeyRing.Load(keyDirectory);
        var (ingress, _) = IngressPlan.Create(tournament, match, fans, seed, keys);
        using var scans = new MemoryStream();
        using var labels = new MemoryStream();
        IngressSimulator.Run(ingress, new IngressOptions { Seed = seed }, scans, labels, cancellationToken);
        return ([.. Lines(scans).Select(TurnstileScan.Parse)], [.. Lines(labels).Select(IngressLabel.Parse)]);
    }

    // One window of web traffic after another, from the server's time when the feed starts, each seeded anew.
    private async Task RunWebAsync(HarisApiClient api, TimeSpan offset, int seed, CancellationToken cancellationToken)
    {
        var clock = new ServerClock(api.GetClockAsync, _time);
        await clock.ReadAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.Now;
        var start = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero).ToOffset(offset);
        var pusher = new LogPusher(api, clock, _time);
        for (var window = 0; ; window++)
        {
            var options = new SimulationOptions
            {
                Seed = unchecked((seed * 7919) + window),
                Start = start.AddMinutes(window * WebWindowMinutes),
                Minutes = WebWindowMinutes,
                Scale = WebScale,
            };
            using var access = new MemoryStream();
            MatchDaySimulator.Run(options, access, Stream.Null, Stream.Null, Stream.Null, cancellationToken);
            access.Position = 0;
            using var reader = new StreamReader(access, Encoding.UTF8);
            await pusher.RunAsync(Commands.SimulateCommand.WebDataset, "combined", reader, LogLineTimes.Combined, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReportAsync(HarisApiClient api, IReadOnlyList<(DateTimeOffset At, IncidentReport Report)> plan, CancellationToken cancellationToken)
    {
        var clock = new ServerClock(api.GetClockAsync, _time);
        foreach (var (at, report) in plan)
        {
            await clock.WaitUntilAsync(at, cancellationToken).ConfigureAwait(false);
            await api.ReportIncidentAsync(report, cancellationToken).ConfigureAwait(false);
        }
    }

    // A feed that fails says so and stops; the others and the server go on.
    private async Task GuardAsync(string what, Func<Task> feed, CancellationToken cancellationToken)
    {
        try
        {
            await feed().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (LiveTargetException ex)
        {
            _warn($"the demo's {what} stopped: {ex.Message}");
        }
    }

    private static IEnumerable<string> Lines(MemoryStream stream)
    {
        stream.Position = 0;
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }
}

/// <summary>The field incidents the demo's operations room reports during a match, placed where the ingress has trouble.</summary>
internal static class FieldReports
{
    /// <summary>The reports, in time order, at the venue's gates and zones; the counterfeit wave and the stand under pressure get theirs.</summary>
    public static IReadOnlyList<(DateTimeOffset At, IncidentReport Report)> Plan(Venue venue, Match match, IReadOnlyList<IngressLabel> labels)
    {
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(match);
        var gates = CrowdMatchBuilder.SpectatorGates(venue);
        var wave = labels.FirstOrDefault(l => l.Kind == IngressLabelKinds.CounterfeitWave);
        var pressure = labels.FirstOrDefault(l => l.Kind == IngressLabelKinds.ZonePressure);
        var first = gates[0];
        var other = gates[gates.Count / 2];
        var kickOff = match.KickOffUtc;
        var plan = new List<(DateTimeOffset, IncidentReport)>
        {
            (kickOff.AddMinutes(-119), Report("Fan collapsed in the queue at gate " + first.Id, "medical", "high", venue, first.Zones[0], first.Id,
                "A man in his sixties collapsed while queuing; a steward is with him and he is conscious.")),
            (kickOff.AddMinutes(-100), Report("Child separated from parents near gate " + other.Id, "lost_child", "medium", venue, other.Zones[0], other.Id,
                "A girl of about seven in a red shirt is with the stewards at the gate; the parents are not in sight.")),
            (kickOff.AddMinutes(40), Report("Scuffle between supporters in " + other.Zones[0], "fight", "medium", venue, other.Zones[^1], null,
                "Two groups exchanging blows in the upper rows; stewards are separating them.")),
            (kickOff.AddMinutes(70), Report("Unattended bag under the seats in " + first.Zones[0], "suspicious_object", "high", venue, first.Zones[0], null,
                "A black backpack left under a seat for twenty minutes; the rows around it are being cleared.")),
        };
        if (wave?.Gate is { } waveGate && venue.Gate(waveGate) is { } counterfeited)
        {
            plan.Add((wave.Start.AddMinutes(4), Report("Counterfeit tickets refused at gate " + waveGate, "ticketing_fraud", "high", venue, counterfeited.Zones[0], waveGate,
                "The turnstiles refuse one ticket after another; the holders say they bought them from a reseller outside.")));
        }

        if (pressure?.Zone is { } zone)
        {
            plan.Add((pressure.Start.AddMinutes(15), Report("Crowd pressure building in " + zone, "crowd_pressure", "critical", venue, zone, null,
                "The stand is close to its safe capacity and fans keep coming through its gates; stewards ask to hold admission.")));
        }

        return [.. plan.OrderBy(p => p.Item1)];
    }

    private static IncidentReport Report(string title, string category, string severity, Venue venue, string zone, string? gate, string description) =>
        new(title, category, severity, venue.Id, zone, gate, description);
}
