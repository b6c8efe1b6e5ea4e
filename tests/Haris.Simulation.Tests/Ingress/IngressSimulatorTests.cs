using Haris.Operations.Crowd;
using Haris.Simulation.Ingress;
using TicketDirection = Haris.Operations.Tickets.ScanDirection;

namespace Haris.Simulation.Tests.Ingress;

public sealed class IngressSimulatorTests
{
    private static IngressFixture Run => IngressFixture.Shared;

    [Fact]
    public void Run_SameSeedAndTickets_WritesIdenticalBytes()
    {
        var again = Run.Generate(new IngressOptions { Seed = IngressFixture.Seed });

        Assert.Equal(Run.ScanBytes, again.Scans);
        Assert.Equal(Run.LabelBytes, again.Labels);
    }

    [Fact]
    public void Run_AnotherSeed_WritesOtherScans()
    {
        var other = Run.Generate(new IngressOptions { Seed = IngressFixture.Seed + 1 });

        Assert.NotEqual(Run.ScanBytes, other.Scans);
    }

    [Fact]
    public void Scans_AreInTimeOrder_AtTheVenuesGates_AndOneLinePerCount()
    {
        Assert.Equal(Run.Summary.Scans, Run.Scans.Count);
        Assert.All(Run.Scans.Zip(Run.Scans.Skip(1)), pair => Assert.True(pair.First.Time <= pair.Second.Time, $"{pair.First.Time:O} after {pair.Second.Time:O}"));
        Assert.All(Run.Scans, s => Assert.NotNull(Run.Venue.Gate(s.Gate)));
        Assert.All(Run.Scans, s => Assert.Equal(0, s.Time.Ticks % TimeSpan.TicksPerMillisecond));
        Assert.Contains(Run.Scans, s => s.Direction == TicketDirection.Out);

        // No one is scanned before the gates open.
        Assert.True(Run.Scans[0].Time >= Run.Match.GatesOpenUtc);
    }

    [Fact]
    public void Scans_WriteTheDocumentedJson()
    {
        var first = IngressFixture.Lines(Run.ScanBytes).First();

        Assert.Matches("""^\{"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z","gate":"[a-z0-9_-]+","token":"[^"]+","direction":"(in|out)"\}$""", first);
    }

    [Fact]
    public void Summary_CountsAddUpToTheScans()
    {
        var s = Run.Summary;

        Assert.Equal(s.Scans, s.Entered + s.Exited + s.Counterfeit + s.Duplicate + s.WrongGate + s.WrongMatch + s.OutsideValidity);
        Assert.Equal(IngressFixture.Fans, s.Tickets);
        Assert.InRange(s.Fans, IngressFixture.Fans * 95 / 100, IngressFixture.Fans);
        Assert.Equal(0, s.OutsideValidity);
    }

    [Fact]
    public void Labels_CoverEveryKind_InOrderOfStart()
    {
        string[] every =
        [
            IngressLabelKinds.Ingress, IngressLabelKinds.WrongGate, IngressLabelKinds.Duplicate, IngressLabelKinds.WrongMatch,
            IngressLabelKinds.CounterfeitWave, IngressLabelKinds.CounterfeitScattered, IngressLabelKinds.GateFailure,
            IngressLabelKinds.ZonePressure, IngressLabelKinds.Reentry, IngressLabelKinds.Egress,
        ];

        Assert.Equal(every.Order(StringComparer.Ordinal), Run.Labels.Select(l => l.Kind).Order(StringComparer.Ordinal));
        Assert.Equal(Run.Labels.OrderBy(l => l.Start).Select(l => l.Kind), Run.Labels.Select(l => l.Kind));
        Assert.Equal(Run.Summary.Labels, Run.Labels.Count);
    }

    [Fact]
    public void FailingGate_ScansNothingInItsWindow_ButBeforeAndAfter()
    {
        var failure = Run.Label(IngressLabelKinds.GateFailure);
        var atGate = Run.Scans.Where(s => s.Gate == failure.Gate).ToList();

        Assert.True(failure.End - failure.Start >= TimeSpan.FromMinutes(10));
        Assert.InRange(failure.Start, Run.Match.GatesOpenUtc, Run.Match.KickOffUtc);
        Assert.DoesNotContain(atGate, s => s.Time >= failure.Start && s.Time < failure.End);
        Assert.Contains(atGate, s => s.Time < failure.Start);
        Assert.Contains(atGate, s => s.Time >= failure.End && s.Time < Run.Match.KickOffUtc);
        Assert.True(failure.Fans > 0, "nobody was sent to another gate");
    }

    [Fact]
    public void CounterfeitWave_IsAtItsGate_InItsWindow_AndNotTheFailingGate()
    {
        var wave = Run.Label(IngressLabelKinds.CounterfeitWave);
        var tokens = Run.Issued.Tickets.Select(t => t.Token!).ToHashSet(StringComparer.Ordinal);
        var counterfeits = Run.Scans.Where(s => s.Gate == wave.Gate && !tokens.Contains(s.Token) && s.Time >= wave.Start && s.Time <= wave.End + TimeSpan.FromMinutes(5)).ToList();

        Assert.NotEqual(Run.Label(IngressLabelKinds.GateFailure).Gate, wave.Gate);
        Assert.Equal(Math.Max(60, IngressFixture.Fans * 4 / 1000), wave.Scans);
        Assert.True(counterfeits.Count >= wave.Scans, $"{counterfeits.Count} counterfeits at {wave.Gate}, {wave.Scans} labelled");
    }

    [Fact]
    public void ZonePressure_IsTheSoldOutStand_FilledToNinetyPercentInTheLastHalfHour()
    {
        var pressure = Run.Label(IngressLabelKinds.ZonePressure);
        var zone = Run.Venue.Zone(pressure.Zone!)!;

        Assert.Equal(Run.Issued.PressuredZone, pressure.Zone);
        Assert.Equal(zone.Capacity, pressure.Tickets);
        Assert.Equal(zone.SafeCapacity, pressure.SafeCapacity);
        Assert.Equal(Run.Match.KickOffUtc, pressure.End);
        Assert.Equal(Run.Match.KickOffUtc - TimeSpan.FromMinutes(30), pressure.Start);
        Assert.NotNull(pressure.ReachesNinetyAt);
        Assert.InRange(pressure.ReachesNinetyAt.Value, pressure.Start, pressure.End);
        Assert.True(pressure.Peak * 100 >= 90 * pressure.SafeCapacity);
    }

    [Fact]
    public void Egress_EveryoneWhoCameLeavesOnceAfterTheWhistle()
    {
        var egress = Run.Label(IngressLabelKinds.Egress);
        var ingress = Run.Label(IngressLabelKinds.Ingress);

        Assert.Equal(ingress.Fans, egress.Scans);
        Assert.InRange(egress.Start, Run.Match.KickOffUtc + TimeSpan.FromMinutes(107), Run.Match.KickOffUtc + TimeSpan.FromMinutes(115));
        Assert.True(egress.End <= egress.Start + TimeSpan.FromMinutes(40));
        Assert.Equal(Run.Summary.Exited, egress.Scans + Run.Label(IngressLabelKinds.Reentry).Scans);
    }

    [Fact]
    public void Run_KeepsFewEventsPending_ComparedWithTheCrowd()
    {
        // Streaming: what waits in the queue is the crowd in motion at one moment, not the crowd.
        Run.Ingress.Validate();
        var run = new IngressRun(Run.Ingress, new IngressOptions { Seed = IngressFixture.Seed }, Stream.Null);
        run.Run(TestContext.Current.CancellationToken);

        Assert.InRange(run.PeakPending, 1, IngressFixture.Fans / 20);
    }

    [Fact]
    public void Run_TicketOfAnotherMatch_IsRefused()
    {
        var other = Run.Issued.OtherMatchTickets[0];
        var ingress = new MatchIngress
        {
            Tournament = Run.Tournament,
            Match = Run.Match,
            Tickets = [.. Run.Issued.Tickets.Take(10), other],
            Arrivals = ArrivalCurve.TypicalPreMatch(11, Run.Match.KickOffUtc),
        };

        var error = Assert.Throws<ArgumentException>(() => Run.Generate(new IngressOptions { Seed = 1 }, ingress));
        Assert.Contains(other.TicketId, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    // A share is a probability; anything outside 0..1 is a caller's mistake.
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Run_ShareOutOfRange_IsRefused(double share) =>
        Assert.Throws<ArgumentException>(() => Run.Generate(new IngressOptions { Seed = 1, DuplicateShare = share }));

    [Fact]
    public void Run_SmallCrowd_StillWritesEveryInjection()
    {
        var ingress = new MatchIngress
        {
            Tournament = Run.Tournament,
            Match = Run.Match,
            Tickets = [.. Run.Issued.Tickets.Take(200)],
            Arrivals = ArrivalCurve.TypicalPreMatch(200, Run.Match.KickOffUtc),
        };

        var (summary, _, labels) = Run.Generate(new IngressOptions { Seed = 3 }, ingress);

        Assert.True(summary.Scans > 400);
        var kinds = IngressFixture.Lines(labels).Select(IngressLabel.Parse).Select(l => l.Kind).ToList();
        Assert.Contains(IngressLabelKinds.CounterfeitWave, kinds);
        Assert.Contains(IngressLabelKinds.GateFailure, kinds);
        Assert.Contains(IngressLabelKinds.Egress, kinds);
    }
}
