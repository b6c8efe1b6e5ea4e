using System.Diagnostics;
using System.Globalization;
using Haris.Core.Alerts;
using Haris.Operations.Crowd;
using Haris.Operations.Planning;
using Haris.Operations.Tickets;
using Haris.Simulation.Ingress;
using Microsoft.Extensions.Time.Testing;
using CrowdDirection = Haris.Operations.Crowd.ScanDirection;
using TicketDirection = Haris.Operations.Tickets.ScanDirection;

namespace Haris.Simulation.Tests.Ingress;

/// <summary>
/// The proof that the parts hang together: a 60,000-fan ingress at the Dunes Stadium goes through the real ticket
/// validator, occupancy tracker, gate activity tracker and crowd alerts, and what they report is what was injected.
/// </summary>
public sealed class IngressProofTests
{
    private const int Fans = 60_000;
    private const int Seed = 2026;
    private static readonly TimeSpan s_evaluateEvery = TimeSpan.FromSeconds(10);

    [Fact]
    public void SixtyThousandFans_ThroughValidatorAndCrowdAlerts_FindWhatWasInjected()
    {
        var clock = Stopwatch.StartNew();
        var tournament = SampleTournament.Value;
        var match = tournament.Match("m09")!;
        var venue = tournament.VenueOf(match);
        using var keys = TicketKeyRing.Generate("proof");
        var issued = IngressSetup.Issue(tournament, match, Fans, Seed, new TicketIssuer(keys));
        var issuedIn = clock.Elapsed;
        var ingress = new MatchIngress
        {
            Tournament = tournament,
            Match = match,
            Tickets = issued.Tickets,
            OtherMatchTickets = issued.OtherMatchTickets,
            Arrivals = ArrivalCurve.TypicalPreMatch(Fans, match.KickOffUtc),
            PressuredZone = issued.PressuredZone,
        };
        using var scanStream = new MemoryStream();
        using var labelStream = new MemoryStream();
        var expected = IngressSimulator.Run(ingress, new IngressOptions { Seed = Seed }, scanStream, labelStream, TestContext.Current.CancellationToken);
        var generatedIn = clock.Elapsed;
        var labels = Lines(labelStream).Select(IngressLabel.Parse).ToList();

        var time = new FakeTimeProvider(match.GatesOpenUtc - TimeSpan.FromHours(1));
        var presence = new InMemoryTicketPresence();
        var validator = new TicketValidator(keys, new TicketRegistry(), TicketGatePlanBuilder.Build(venue, match), new InMemoryTicketRevocations(), presence, time);
        var crowd = CrowdMatchBuilder.Build(venue, match);
        var occupancy = new OccupancyTracker(venue.Id, match.Id, crowd.Zones.Select(z => z.Id));
        var gates = new GateActivityTracker();
        var evaluator = new CrowdAlertEvaluator(crowd, time);
        var crossings = new OccupancyCrossings(venue);
        var zoneOf = issued.Tickets.ToDictionary(t => t.TicketId, t => t.ZoneId, StringComparer.Ordinal);
        var inside = new HashSet<string>(StringComparer.Ordinal);
        var verdicts = new Dictionary<ScanReason, long>();
        var alerts = new List<Alert>();
        long admittedIn = 0, admittedOut = 0, scans = 0;
        DateTimeOffset? nextEvaluation = null;

        foreach (var line in Lines(scanStream))
        {
            var scan = TurnstileScan.Parse(line);
            scans++;
            nextEvaluation ??= Ceiling(scan.Time, s_evaluateEvery);
            while (nextEvaluation <= scan.Time)
            {
                time.SetUtcNow(nextEvaluation.Value);
                var snapshot = occupancy.Snapshot();
                Assert.Equal(admittedIn - admittedOut, snapshot.Inner.Inside);
                alerts.AddRange(evaluator.Evaluate(snapshot, gates));
                nextEvaluation += s_evaluateEvery;
            }

            time.SetUtcNow(scan.Time);
            var verdict = validator.Validate(scan.ToRequest());
            verdicts[verdict.Reason] = verdicts.GetValueOrDefault(verdict.Reason) + 1;
            if (scan.Direction == TicketDirection.In)
            {
                gates.Record(new GateScan(scan.Time, scan.Gate, Outcome(verdict.Reason)));
            }

            if (verdict.Reason == ScanReason.Entered)
            {
                Assert.True(inside.Add(verdict.TicketId!), $"ticket {verdict.TicketId} admitted while already inside at {scan.Time:O}");
                admittedIn++;
                Assert.True(occupancy.Record(crossings.For(scan.Time, scan.Gate, zoneOf[verdict.TicketId!], CrowdDirection.Entry)));
            }
            else if (verdict.Reason == ScanReason.Exited)
            {
                Assert.True(inside.Remove(verdict.TicketId!));
                admittedOut++;
                Assert.True(occupancy.Record(crossings.For(scan.Time, scan.Gate, zoneOf[verdict.TicketId!], CrowdDirection.Exit)));
            }
        }

        var replayedIn = clock.Elapsed;
        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"issued {issued.Tickets.Count:N0} in {issuedIn.TotalSeconds:F1} s, generated {scans:N0} scans in {(generatedIn - issuedIn).TotalSeconds:F1} s, replayed in {(replayedIn - generatedIn).TotalSeconds:F1} s"));
        foreach (var (reason, count) in verdicts.OrderBy(v => v.Key))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {reason,-16} {count,8:N0}"));
        }

        foreach (var group in alerts.GroupBy(a => a.RuleName).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {group.Key}: {string.Join(", ", group.Select(a => $"{Subject(a)} {a.Timestamp:HH:mm:ss}"))}");
        }

        foreach (var label in labels)
        {
            output.WriteLine($"  label {label.Kind} {label.Gate ?? label.Zone} {label.Start:HH:mm:ss}-{label.End:HH:mm:ss} scans {label.Scans} fans {label.Fans}");
        }

        // The validator agrees, scan for scan, with what the generator says it injected; every kind of refusal occurs.
        Assert.Equal(expected.Scans, scans);
        Assert.Equal(expected.Entered, verdicts.GetValueOrDefault(ScanReason.Entered));
        Assert.Equal(expected.Exited, verdicts.GetValueOrDefault(ScanReason.Exited));
        Assert.Equal(expected.Counterfeit, verdicts.GetValueOrDefault(ScanReason.Counterfeit));
        Assert.Equal(expected.Duplicate, verdicts.GetValueOrDefault(ScanReason.Duplicate));
        Assert.Equal(expected.WrongGate, verdicts.GetValueOrDefault(ScanReason.WrongGate));
        Assert.Equal(expected.WrongMatch, verdicts.GetValueOrDefault(ScanReason.WrongMatch));
        Assert.All(new[] { ScanReason.Counterfeit, ScanReason.Duplicate, ScanReason.WrongGate, ScanReason.WrongMatch }, r => Assert.True(verdicts.GetValueOrDefault(r) > 0, r.ToString()));
        Assert.Equal(Label(labels, IngressLabelKinds.Duplicate).Scans, verdicts[ScanReason.Duplicate]);
        Assert.Equal(Label(labels, IngressLabelKinds.WrongGate).Scans, verdicts[ScanReason.WrongGate]);
        Assert.Equal(
            Label(labels, IngressLabelKinds.CounterfeitWave).Scans + Label(labels, IngressLabelKinds.CounterfeitScattered).Scans,
            verdicts[ScanReason.Counterfeit]);

        // Occupancy is admitted minus exited, matches who the presence holds, and every exit found someone inside.
        var final = occupancy.Snapshot();
        Assert.Equal(admittedIn - admittedOut, final.Inner.Inside);
        Assert.Equal(presence.Count, final.Inner.Inside);
        Assert.Equal(final.Inner.Inside, final.Zones.Values.Sum(z => z.Inside));
        Assert.Equal(0, final.UnmatchedExits);

        // The counterfeit wave is seen at its gate, inside its window, and nowhere else.
        var wave = Label(labels, IngressLabelKinds.CounterfeitWave);
        var waveAlerts = Fired(alerts, CrowdAlertRules.CounterfeitWave);
        Assert.NotEmpty(waveAlerts);
        Assert.All(waveAlerts, a => Assert.Equal(wave.Gate, Subject(a)));
        Assert.Contains(waveAlerts, a => a.Timestamp >= wave.Start && a.Timestamp <= wave.End);

        // The failing gate is reported silent within its silent window; no other spectator gate goes quiet during ingress.
        var failure = Label(labels, IngressLabelKinds.GateFailure);
        var silent = Fired(alerts, CrowdAlertRules.GateSilent);
        Assert.Contains(silent, a => Subject(a) == failure.Gate && a.Timestamp >= failure.Start + CrowdAlertRules.SilenceLimit && a.Timestamp <= failure.End);
        Assert.All(silent, a => Assert.Equal(failure.Gate, Subject(a)));

        // The pressured stand reaches 90% of its safe capacity in the last half hour, as labelled, and is the only one.
        var pressure = Label(labels, IngressLabelKinds.ZonePressure);
        Assert.NotNull(pressure.ReachesNinetyAt);
        Assert.InRange(pressure.ReachesNinetyAt.Value, pressure.Start, pressure.End);
        var nearFull = Fired(alerts, CrowdAlertRules.ZoneNearCapacity);
        var pressured = Assert.Single(nearFull);
        Assert.Equal(pressure.Zone, Subject(pressured));
        Assert.InRange(pressured.Timestamp!.Value, pressure.ReachesNinetyAt.Value, pressure.ReachesNinetyAt.Value + s_evaluateEvery);
    }

    private static List<Alert> Fired(List<Alert> alerts, CrowdAlertRule rule) => [.. alerts.Where(a => a.RuleId == rule.Id)];

    private static IngressLabel Label(List<IngressLabel> labels, string kind) => Assert.Single(labels, l => l.Kind == kind);

    private static string? Subject(Alert alert) =>
        alert.Fields.FirstOrDefault(f => f.Key is CrowdAlertFields.Gate or CrowdAlertFields.Zone).Value as string;

    private static GateScanOutcome Outcome(ScanReason reason) => reason switch
    {
        ScanReason.Entered => GateScanOutcome.Admitted,
        ScanReason.Counterfeit => GateScanOutcome.Counterfeit,
        ScanReason.Duplicate => GateScanOutcome.Duplicate,
        _ => GateScanOutcome.Rejected,
    };

    private static DateTimeOffset Ceiling(DateTimeOffset time, TimeSpan step) =>
        new(((time.UtcTicks + step.Ticks - 1) / step.Ticks) * step.Ticks, TimeSpan.Zero);

    private static IEnumerable<string> Lines(MemoryStream stream)
    {
        stream.Position = 0;
        using var reader = new StreamReader(stream, leaveOpen: true);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }
}
