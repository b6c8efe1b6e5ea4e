using Haris.Operations.Crowd;
using Haris.Operations.Planning;

namespace Haris.Operations.Tests.Planning;

public sealed class OccupancyCrossingsTests
{
    private static readonly DateTimeOffset s_at = new(2026, 6, 18, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public void For_TurnstileGate_CrossesTheInnerPerimeterAndTheTicketsZoneOnly()
    {
        var crossings = new OccupancyCrossings(SampleTournament.Dunes.Venue);

        var scan = crossings.For(s_at, "n1", "north-upper", ScanDirection.Entry);

        Assert.Equal((s_at, "n1", PerimeterRing.Inner, ScanDirection.Entry), (scan.Time, scan.GateId, scan.Perimeter, scan.Direction));
        Assert.Equal(["north-upper"], scan.Zones);
    }

    [Fact]
    public void For_SameZoneTwice_SharesOneZoneList()
    {
        var crossings = new OccupancyCrossings(SampleTournament.Dunes.Venue);

        Assert.Same(crossings.For(s_at, "n1", "north-upper", ScanDirection.Entry).Zones, crossings.For(s_at, "n2", "north-upper", ScanDirection.Exit).Zones);
    }

    [Theory]
    // A gate or zone of another venue is a caller's mistake, not a crossing to count somewhere.
    [InlineData("z9", "north-upper")]
    [InlineData("n1", "west")]
    public void For_UnknownGateOrZone_Throws(string gate, string zone) =>
        Assert.Throws<ArgumentException>(() => new OccupancyCrossings(SampleTournament.Dunes.Venue).For(s_at, gate, zone, ScanDirection.Entry));
}
