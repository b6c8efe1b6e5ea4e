using Haris.Core.Incidents;
using Haris.Operations.Tournaments;

namespace Haris.Operations.Tests.Tournaments;

public sealed class TournamentLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("haris-tournament-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void LoadText_MinimalTournament_BuildsTheModel()
    {
        var tournament = Load(TournamentYaml.Minimal);

        Assert.Equal("Test Cup", tournament.Name.En);
        Assert.Equal(["harbour", "oasis"], tournament.Venues.Select(v => v.Id));
        var harbour = tournament.Venue("harbour")!;
        Assert.Equal(new LocalizedText("Harbour Stadium", "Stade du Port", "ملعب الميناء"), harbour.Name);
        Assert.Equal(("Doha", "Asia/Qatar", 40000), (harbour.City, harbour.TimeZone.Id, harbour.Capacity));
        Assert.Equal(PerimeterKind.Outer, harbour.Outer.Kind);
        Assert.Equal(["o-north"], harbour.Outer.CheckPoints.Select(c => c.Id));
        Assert.Equal(8, harbour.Inner.Lanes);
        Assert.Equal(["north", "south", "concourse", "pitch"], harbour.Zones.Select(z => z.Id));
        Assert.Equal(["n1", "s1"], harbour.Gates.Select(g => g.Id));
        Assert.Equal(["m1", "m2"], tournament.Matches.Select(m => m.Id));
        Assert.Equal([UnitKind.Stewards, UnitKind.Cyber], tournament.Units.Select(u => u.Kind));
        Assert.Null(tournament.Unit("cyber-ccc")!.HomeVenue);
        var medical = tournament.Procedure(IncidentCategory.Medical)!;
        Assert.Equal(["Send the nearest first-aid team.", "Clear a path for the stretcher."], medical.Steps.Select(s => s.En));
        Assert.Equal("افتح ممراً للنقالة.", medical.Steps[1].In("ar"));
        Assert.Equal("Send the nearest first-aid team.", medical.Steps[0].In("fr"));
    }

    [Fact]
    public void Lookups_FindByIdAndReturnNullForUnknown()
    {
        var tournament = Load(TournamentYaml.Minimal);
        var harbour = tournament.Venue("harbour")!;

        Assert.Null(tournament.Venue("lusail"));
        Assert.Null(tournament.Match("m9"));
        Assert.Null(tournament.Procedure(IncidentCategory.Fire));
        Assert.Null(harbour.Gate("e1"));
        Assert.Null(harbour.Zone("bowl"));
        Assert.Equal("Gate N1", harbour.Gate("n1")!.Name.En);
        Assert.Equal(ZoneType.Concourse, harbour.Zone("concourse")!.Type);
        Assert.Equal("o-north", harbour.CheckPoint("o-north")!.Id);
        Assert.Equal(["north", "concourse"], harbour.ZonesServedBy("n1").Select(z => z.Id));
        Assert.Empty(harbour.ZonesServedBy("nope"));
        Assert.Equal(["n1", "s1"], harbour.GatesServing("concourse").Select(g => g.Id));
        Assert.Equal("harbour", tournament.VenueOf(tournament.Match("m1")!).Id);
        Assert.Equal(["m1"], tournament.MatchesAt("harbour").Select(m => m.Id));
        Assert.Equal(["harbour-stewards"], tournament.UnitsAt("harbour").Select(u => u.Id));
    }

    [Fact]
    public void Neighbours_ListedOnOneSide_GoBothWays()
    {
        var harbour = Load(TournamentYaml.Minimal).Venue("harbour")!;

        Assert.Equal(["concourse", "pitch"], harbour.Zone("north")!.Neighbours);
        Assert.Equal(["north", "south"], harbour.Zone("concourse")!.Neighbours);
        Assert.Equal(["concourse", "pitch"], harbour.NeighboursOf("south").Select(z => z.Id));
    }

    [Theory]
    // No Green Guide figures: the zone's capacity stands.
    [InlineData("", 8000)]
    [InlineData(", holding_capacity: 7000", 7000)]
    // The lowest of entry, holding and exit capacity is the safe capacity.
    [InlineData(", entry_capacity: 6500, holding_capacity: 7000, exit_capacity: 7200", 6500)]
    [InlineData(", exit_capacity: 5000", 5000)]
    // A figure above the zone's capacity never raises it.
    [InlineData(", entry_capacity: 9000", 8000)]
    public void SafeCapacity_IsTheLowestGreenGuideFigure(string figures, int safe)
    {
        var yaml = TournamentYaml.With(", holding_capacity: 7000", figures);

        Assert.Equal(safe, Load(yaml).Venue("harbour")!.Zone("concourse")!.SafeCapacity);
    }

    [Fact]
    public void AdmissionPerHour_TakesTheTighterPerimeter()
    {
        // Everyone passes both rings: 24 turnstiles inside and 10 outside admit what 10 admit.
        var yaml = TournamentYaml.With("perimeter: inner, zones: [south, concourse], turnstiles: 12", "perimeter: outer, zones: [south, concourse], turnstiles: 10");
        var harbour = Load(yaml).Venue("harbour")!;

        Assert.Equal((12, 10), (harbour.Turnstiles(PerimeterKind.Inner), harbour.Turnstiles(PerimeterKind.Outer)));
        Assert.Equal(6600, harbour.AdmissionPerHour());
        Assert.Equal(TimeSpan.FromHours(40000 / 6600.0), harbour.TimeToAdmitCapacity());
        Assert.Equal(24 * Venue.TurnstileRatePerHour, Load(TournamentYaml.Minimal).Venue("harbour")!.AdmissionPerHour());
    }

    [Fact]
    public void LocalizedText_FallsBackToEnglish()
    {
        var text = new LocalizedText("Gate", Ar: "بوابة");

        Assert.Equal(("بوابة", "Gate", "Gate", "بوابة"), (text.In("ar"), text.In("fr-FR"), text.In("en"), text.In("AR-qa")));
        Assert.False(text.IsComplete);
    }

    [Fact]
    public void LoadText_EveryIncidentCategory_IsAcceptedInSnakeCase()
    {
        // The spelling is the API's (crowd_pressure, lost_child); the list follows the enum as it grows.
        foreach (var category in Enum.GetValues<IncidentCategory>())
        {
            var name = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(category.ToString());
            var tournament = Load(TournamentYaml.With("category: medical", "category: " + name));
            Assert.Equal(category, Assert.Single(tournament.Procedures).Category);
        }
    }

    [Fact]
    public void LoadText_YamlSyntaxError_ReportsItsLine()
    {
        var yaml = TournamentYaml.With("    city: Muscat\n", "    city: Muscat\n   time_zone: [Asia/Muscat\n");

        var error = Assert.Single(TournamentLoader.LoadText(yaml, "cup.yaml").Errors);

        Assert.Equal("cup.yaml", error.File);
        Assert.Equal(26, error.Line);
        Assert.StartsWith("invalid YAML: ", error.Reason, StringComparison.Ordinal);
        Assert.StartsWith("cup.yaml:26: invalid YAML", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    // YAML forbids a repeated key; the second value must not silently win.
    [InlineData("    city: Muscat\n", "    city: Muscat\n    city: Sohar\n", 26, "invalid YAML")]
    // An unterminated quote swallows the rest of the file; the error points where the quote opened or the file ended.
    [InlineData("city: Doha", "city: \"Doha", null, "invalid YAML")]
    // Nesting this deep is never configuration; it is refused before the YAML library recurses into it.
    [InlineData("name: Test Cup", "name: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", 1, "nested deeper than 32 levels")]
    [InlineData("name: Test Cup\n", "name: Test Cup\n---\nname: Other\n", 3, "expected one YAML document, found 2")]
    public void LoadText_MalformedYaml_IsAnErrorNotAnException(string find, string replace, int? line, string reason)
    {
        var error = TournamentLoader.LoadText(TournamentYaml.With(find, replace), "cup.yaml").Errors[0];

        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        if (line is not null)
        {
            Assert.Equal(line, error.Line);
        }
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("# only a comment\n", "the file is empty")]
    [InlineData("- a list\n", "must be a map")]
    [InlineData("just text\n", "must be a map")]
    [InlineData("venues: []\nname: Cup\n", "venues: must list at least one item")]
    public void LoadText_NotATournament_SaysWhy(string yaml, string reason) =>
        Assert.Contains(reason, Assert.Single(TournamentLoader.LoadText(yaml, "cup.yaml").Errors).Reason, StringComparison.Ordinal);

    [Fact]
    public void Load_ReadsTheFile()
    {
        var path = Path.Combine(_dir, "cup.yaml");
        File.WriteAllText(path, TournamentYaml.Minimal);

        var result = TournamentLoader.Load(path);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Tournament.Venues.Count);
    }

    [Fact]
    public void Load_ErrorsNameTheFile()
    {
        var path = Path.Combine(_dir, "cup.yaml");
        File.WriteAllText(path, TournamentYaml.With("kind: cyber", "kind: army"));

        var error = Assert.Single(TournamentLoader.Load(path).Errors);

        Assert.Equal((path, 40), (error.File, error.Line));
        Assert.Equal($"{path}:40: units[1].kind: unknown unit kind 'army' (expected police, stewards, medical, fire, cyber)", error.ToString());
    }

    [Fact]
    public void Load_MissingFile_IsAnErrorWithoutLine()
    {
        var path = Path.Combine(_dir, "none.yaml");

        var error = Assert.Single(TournamentLoader.Load(path).Errors);

        Assert.Equal((path, null, "no such file"), (error.File, error.Line, error.Reason));
    }

    private static Tournament Load(string yaml)
    {
        var result = TournamentLoader.LoadText(yaml, "cup.yaml");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Tournament;
    }
}
