using Haris.Core.Incidents;
using Haris.Operations.Tournaments;

namespace Haris.Operations.Tests.Tournaments;

/// <summary>The shipped <c>samples/tournament.yaml</c> loads and has the figures its header claims; the documented example loads too.</summary>
public sealed class SampleTournamentTests
{
    private static readonly Lazy<Tournament> s_sample = new(LoadSample);

    private static Tournament Sample => s_sample.Value;

    [Fact]
    public void Sample_HasEightVenuesOfFortyToEightyEightThousand()
    {
        Assert.Equal(8, Sample.Venues.Count);
        Assert.All(Sample.Venues, v => Assert.InRange(v.Capacity, 40_000, 88_000));
        Assert.Contains(Sample.Venues, v => v.Capacity == 88_000);
    }

    [Fact]
    public void Sample_EveryVenueAdmitsItsCapacityWithinThreeHours()
    {
        // 660 persons per turnstile per hour, the Green Guide's rate; three hours from gates open to kick-off.
        Assert.All(Sample.Venues, v =>
        {
            var turnstiles = v.Gates.Sum(g => g.Turnstiles);
            Assert.True(turnstiles * 660 * 3 >= v.Capacity, $"{v.Id}: {turnstiles} turnstiles cannot admit {v.Capacity} in 3 hours");
            Assert.True(v.TimeToAdmitCapacity() <= TimeSpan.FromHours(3), v.Id);
        });
    }

    [Fact]
    public void Sample_VenuesAreNamedInArabicFrenchAndEnglish()
    {
        Assert.All(Sample.Venues, v =>
        {
            Assert.True(v.Name.IsComplete, v.Id);
            Assert.Contains(v.Name.Ar!, c => c is >= '\u0600' and <= '\u06FF');
        });
        Assert.All(Sample.Venues.SelectMany(v => v.Zones), z => Assert.True(z.Name.IsComplete, z.Id));
    }

    [Fact]
    public void Sample_VenuesHaveTwoPerimetersZonesAndGatesInRange()
    {
        Assert.All(Sample.Venues, v =>
        {
            Assert.NotEmpty(v.Outer.CheckPoints);
            Assert.NotEmpty(v.Inner.CheckPoints);
            Assert.InRange(v.Zones.Count, 8, 14);
            Assert.InRange(v.Gates.Count, 8, 16);
            Assert.All(v.Gates, g => Assert.InRange(g.Turnstiles, 8, 40));
            Assert.All(Enum.GetValues<ZoneType>(), t => Assert.Contains(v.Zones, z => z.Type == t));
            Assert.All(v.Zones, z => Assert.NotEmpty(z.Neighbours));
            Assert.All(v.Zones, z => Assert.NotEmpty(v.GatesServing(z.Id)));
            Assert.InRange(v.Zones.Where(z => z.Type == ZoneType.Stand).Sum(z => z.Capacity), v.Capacity * 9 / 10, v.Capacity);
        });
    }

    [Fact]
    public void Sample_HasSixteenOrMoreMatchesInJuneAndJuly2026AtLocalAfternoonOrEvening()
    {
        Assert.True(Sample.Matches.Count >= 16);
        Assert.All(Sample.Matches, m =>
        {
            Assert.Equal(2026, m.LocalKickOff.Year);
            Assert.InRange(m.LocalKickOff.Month, 6, 7);
            Assert.InRange(m.LocalKickOff.TimeOfDay, TimeSpan.FromHours(16), TimeSpan.FromHours(22));
            Assert.Equal(Sample.VenueOf(m).TimeZone.GetUtcOffset(m.KickOffUtc), m.KickOff.Offset);
        });
        Assert.All(Sample.Venues, v => Assert.NotEmpty(Sample.MatchesAt(v.Id)));
    }

    [Fact]
    public void Sample_HasUnitsOfEveryKind() =>
        Assert.All(Enum.GetValues<UnitKind>(), kind => Assert.Contains(Sample.Units, u => u.Kind == kind));

    [Fact]
    public void Sample_HasAProcedureForEveryFieldCategory()
    {
        var field = Enum.GetValues<IncidentCategory>().Where(c => !c.IsCyber());

        Assert.All(field, c => Assert.NotEmpty(Sample.Procedure(c)?.Steps ?? []));
        Assert.All(Sample.Procedures.SelectMany(p => p.Steps), s => Assert.True(s.IsComplete, s.En));
    }

    [Fact]
    public void DocsExample_Loads()
    {
        // The example in docs/tournament.md is what people copy; it must stay valid as the format evolves.
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "tournament.md"));
        var start = doc.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var yaml = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];

        var result = TournamentLoader.LoadText(yaml, "docs/tournament.md");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(2, result.Tournament.Matches.Count);
    }

    private static Tournament LoadSample()
    {
        var result = TournamentLoader.Load(Path.Combine(RepositoryRoot(), "samples", "tournament.yaml"));
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Tournament;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Haris.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Haris.slnx not found above the test folder");
    }
}
