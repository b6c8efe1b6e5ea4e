using Haris.Operations.Crowd;
using Haris.Operations.Planning;

namespace Haris.Operations.Tests.Planning;

public sealed class IngressScenarioBuilderTests
{
    [Fact]
    public void Build_SharesTheFansAmongSpectatorGatesByTurnstiles_FromGatesOpen()
    {
        var (venue, match) = SampleTournament.Dunes;

        var scenario = IngressScenarioBuilder.Build(venue, match, 72_000);

        var gates = CrowdMatchBuilder.SpectatorGates(venue);
        Assert.Equal(gates.Select(g => g.Id), scenario.Stages.Select(s => s.Id));
        Assert.All(scenario.Stages, s => Assert.Equal(QueueStageKind.Gate, s.Kind));
        Assert.Equal(gates.Select(g => g.Turnstiles * 11.0), scenario.Stages.Select(s => s.ServicePerMinute));
        Assert.Equal((match.GatesOpenUtc, match.KickOffUtc), (scenario.Start, scenario.KickOff));
        var window = (match.KickOffUtc - TimeSpan.FromHours(3), match.KickOffUtc);
        var arrivals = scenario.Streams.Select(s => s.Arrivals.Between(window.Item1, window.Item2)).ToList();
        Assert.Equal(72_000, arrivals.Sum(), 6);
        var turnstiles = gates.Sum(g => g.Turnstiles);
        for (var i = 0; i < gates.Count; i++)
        {
            Assert.Equal([gates[i].Id], scenario.Streams[i].Path);
            Assert.Equal(72_000.0 * gates[i].Turnstiles / turnstiles, arrivals[i], 6);
        }
    }

    [Fact]
    public void Forecast_OfASoldOutDunes_GetsEveryoneInByKickOff_ButNotWithAThirdOfItsTurnstiles()
    {
        var (venue, match) = SampleTournament.Dunes;
        var shortOfStaff = new Haris.Operations.Tournaments.Venue
        {
            Id = venue.Id,
            Name = venue.Name,
            City = venue.City,
            TimeZone = venue.TimeZone,
            Capacity = venue.Capacity,
            Outer = venue.Outer,
            Inner = venue.Inner,
            Zones = venue.Zones,
            Gates = [.. venue.Gates.Select(g => g with { Turnstiles = Math.Max(1, g.Turnstiles / 3) })],
        };

        var planned = IngressForecaster.Forecast(IngressScenarioBuilder.Build(venue, match, venue.Capacity));
        var short3 = IngressForecaster.Forecast(IngressScenarioBuilder.Build(shortOfStaff, match, venue.Capacity));

        Assert.Equal(venue.Capacity, planned.ArrivedByKickOff, 6);
        Assert.True(planned.EveryoneInByKickOff, $"{planned.OutsideAtKickOff:F0} still outside at kick-off");
        Assert.False(short3.EveryoneInByKickOff);
        Assert.True(short3.Bottleneck.PeakQueue > 1000, $"peak queue {short3.Bottleneck.PeakQueue:F0}");
        Assert.NotNull(short3.Bottleneck.WaitExceededAt);
    }
}
