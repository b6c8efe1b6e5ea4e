using Haris.Operations.Tournaments;

namespace Haris.Operations.Tests.Tournaments;

/// <summary>One theory per family of checks: each row breaks the minimal tournament in one place and names the line and reason expected.</summary>
public sealed class TournamentValidationTests
{
    [Theory]
    // Thousands separators are how people write capacities; the loader must refuse them, not read 40.
    [InlineData("capacity: 40000\n", "capacity: 40,000\n", 7, "venues[0].capacity: must be a positive whole number (got '40,000')")]
    // A negative zone capacity would make the occupancy alarm fire at once, or never.
    [InlineData("capacity: 20000", "capacity: -5", 16, "venues[0].zones[0].capacity: must be a positive whole number (got '-5')")]
    // A gate without turnstiles admits nobody; it is a typo, not a closed gate.
    [InlineData("turnstiles: 24", "turnstiles: 0", 34, "venues[1].gates[0].turnstiles: must be a positive whole number (got '0')")]
    [InlineData("lanes: 12", "lanes: many", 11, "venues[0].perimeters.outer.check_points[0].lanes: must be a positive whole number (got 'many')")]
    [InlineData("size: 400", "size: 0", 39, "units[0].size: must be a positive whole number (got '0')")]
    // A missing key is reported at the map that lacks it.
    [InlineData("    city: Doha\n", "", 3, "venues[0].city: is required")]
    [InlineData("name: Test Cup\n", "", 1, "name: is required")]
    // A misspelt optional key would otherwise be ignored and the zone would have no holding capacity.
    [InlineData("holding_capacity: 7000", "holding_capacty: 7000", 18, "venues[0].zones[2]: unknown key 'holding_capacty'")]
    // Ids are lower-case so that M1 and m1 can never be two matches.
    [InlineData("id: m1,", "id: M1,", 36, "matches[0].id: 'M1' is not a valid id")]
    [InlineData("zones: [bowl]", "zones: bowl", 34, "venues[1].gates[0].zones: must be a list")]
    [InlineData("teams: [Qatar, Morocco]", "teams: [Qatar]", 36, "matches[0].teams: must name exactly two teams, not 1")]
    [InlineData("teams: [Qatar, Morocco]", "teams: [Qatar, qatar]", 36, "matches[0].teams: 'Qatar' cannot play itself")]
    public void LoadText_BadValueOrKey_ReportsPathAndLine(string find, string replace, int line, string reason) =>
        AssertError(TournamentYaml.With(find, replace), line, reason);

    [Theory]
    // The operations room works in Arabic, French and English; a venue must be named in all three.
    [InlineData("ar: ملعب الميناء, ", "", 4, "venues[0].names.ar: is required: the Arabic name")]
    [InlineData("fr: Stade du Port, ", "", 4, "venues[0].names.fr: is required: the French name")]
    [InlineData("names: {ar: ملعب الميناء, fr: Stade du Port, en: Harbour Stadium}", "name: Harbour Stadium", 3, "venues[0].names: is required: the name in Arabic, French and English")]
    // English pasted into the Arabic slot would be shown right to left to Arabic readers.
    [InlineData("ar: ملعب الواحة", "ar: Oasis", 24, "venues[1].names.ar: must be written in Arabic script (got 'Oasis')")]
    [InlineData("ar: افتح ممراً للنقالة.", "ar: Open a path.", 45, "procedures[0].steps[1].ar: must be written in Arabic script")]
    // A zone needs at least a display name, and one of the two forms only.
    [InlineData("name: North Stand, ", "", 16, "venues[0].zones[0].name: is required")]
    [InlineData("name: Pitch,", "name: Pitch, names: {en: Pitch},", 19, "venues[0].zones[3].name: give either name or names, not both")]
    public void LoadText_MissingOrWrongName_IsAnError(string find, string replace, int line, string reason) =>
        AssertError(TournamentYaml.With(find, replace), line, reason);

    [Theory]
    // Every lookup by id (venue, gate, zone, match, unit) would silently return the first of two.
    [InlineData("id: s1", "id: n1", 22, "venues[0].gates[1].id: duplicate gate id 'n1' (first at line 21)")]
    [InlineData("id: south", "id: north", 17, "venues[0].zones[1].id: duplicate zone id 'north' (first at line 16)")]
    // Check point ids are shared by both perimeters: a steward reports "o-north" without saying which ring.
    [InlineData("id: i-north", "id: o-north", 14, "venues[0].perimeters.inner.check_points[0].id: duplicate check point id 'o-north' (first at line 11)")]
    [InlineData("id: oasis", "id: harbour", 23, "venues[1].id: duplicate venue id 'harbour' (first at line 3)")]
    [InlineData("id: m2", "id: m1", 37, "matches[1].id: duplicate match id 'm1' (first at line 36)")]
    [InlineData("id: cyber-ccc", "id: harbour-stewards", 40, "units[1].id: duplicate unit id 'harbour-stewards' (first at line 39)")]
    // Two checklists for one category leave responders to guess which one applies.
    [InlineData("  - category: medical\n", "  - {category: medical, steps: [Call the doctor.]}\n  - category: medical\n", 43, "procedures[1].category: duplicate procedure for category 'medical' (first at line 42)")]
    public void LoadText_DuplicateId_NamesTheFirst(string find, string replace, int line, string reason) =>
        AssertError(TournamentYaml.With(find, replace), line, reason);

    [Theory]
    // A gate leading to a zone that does not exist means its admissions are counted nowhere.
    [InlineData("zones: [north, concourse]", "zones: [north-upper, concourse]", 21, "venues[0].gates[0].zones[0]: gate 'n1' serves unknown zone 'north-upper'")]
    // Crowd flow follows neighbours; a dangling one would send people into a zone the room does not watch.
    [InlineData("neighbours: [north, south]", "neighbours: [north, west]", 19, "venues[0].zones[3].neighbours[1]: zone 'pitch' neighbours unknown zone 'west'")]
    // Zones belong to one venue: a neighbour in another stadium is a copy-paste mistake.
    [InlineData("neighbours: [north, south]", "neighbours: [bowl]", 19, "zone 'pitch' neighbours unknown zone 'bowl'")]
    [InlineData("neighbours: [north, south]", "neighbours: [pitch]", 19, "venues[0].zones[3].neighbours[0]: zone 'pitch' lists itself as a neighbour")]
    [InlineData("venue: oasis", "venue: lusail", 37, "matches[1].venue: match 'm2' is at unknown venue 'lusail'")]
    [InlineData("home_venue: harbour", "home_venue: marina", 39, "units[0].home_venue: unit 'harbour-stewards' is based at unknown venue 'marina'")]
    public void LoadText_UnknownReference_IsAnError(string find, string replace, int line, string reason) =>
        AssertError(TournamentYaml.With(find, replace), line, reason);

    [Theory]
    // Stands summing above the licensed capacity mean a stand figure is wrong and occupancy alarms would come late.
    [InlineData("capacity: 20000", "capacity: 23000", 7, "venues[0].capacity: the stands hold 41,000 together, more than the venue's capacity of 40,000")]
    [InlineData("capacity: 40000\n", "capacity: 30000\n", 7, "venues[0].capacity: the stands hold 38,000 together, more than the venue's capacity of 30,000")]
    public void LoadText_StandsOverVenueCapacity_IsAnError(string find, string replace, int line, string reason) =>
        AssertError(TournamentYaml.With(find, replace), line, reason);

    [Theory]
    // Asia/Doha looks right and does not exist (Qatar is Asia/Qatar): kick-off times would be unplaceable.
    [InlineData("time_zone: Asia/Qatar", "time_zone: Asia/Doha", 6, "venues[0].time_zone: unknown time zone 'Asia/Doha'")]
    // A fixed offset is not a zone: it cannot follow a clock change.
    [InlineData("time_zone: Asia/Qatar", "time_zone: +03:00", 6, "venues[0].time_zone: unknown time zone '+03:00'")]
    // The id names a file of the time zone database; a path must never get that far.
    [InlineData("time_zone: Asia/Qatar", "time_zone: ../../../etc/passwd", 6, "venues[0].time_zone: unknown time zone '../../../etc/passwd'")]
    [InlineData("    time_zone: Asia/Muscat\n", "", 23, "venues[1].time_zone: is required")]
    public void LoadText_BadTimeZone_IsAnError(string find, string replace, int line, string reason) =>
        AssertError(TournamentYaml.With(find, replace), line, reason);

    [Theory]
    // Gates that open at or after kick-off leave the whole crowd outside when the match starts.
    [InlineData("gates_open: 16:30", "gates_open: 20:30", 37, "matches[1].gates_open: gates open at 2026-06-13 20:30, which is not before kick-off at 2026-06-13 20:00")]
    [InlineData("gates_open: 16:30", "gates_open: 20:00", 37, "which is not before kick-off at 2026-06-13 20:00")]
    [InlineData("gates_open: 16:30", "gates_open: 2026-06-14 16:30", 37, "gates open at 2026-06-14 16:30, which is not before kick-off")]
    // Day-first dates are ambiguous between languages; only the ISO form is accepted.
    [InlineData("kick_off: 2026-06-12 19:00", "kick_off: 12/06/2026 19:00", 36, "matches[0].kick_off: must be a local date and time such as 2026-06-12 19:00 (got '12/06/2026 19:00')")]
    // An offset that is not the venue's means the time was written for somewhere else.
    [InlineData("kick_off: 2026-06-12 19:00", "kick_off: 2026-06-12T19:00+04:00", 36, "matches[0].kick_off: the offset +04:00 is not Asia/Qatar's at that time (+03:00)")]
    [InlineData("kick_off: 2026-06-12 19:00, ", "", 36, "matches[0].kick_off: is required")]
    // Two matches whose crowds would meet at one venue.
    [InlineData("venue: oasis, kick_off: 2026-06-13 20:00", "venue: harbour, kick_off: 2026-06-12 22:30", 37, "matches[1]: match 'm2' opens its gates at 2026-06-12 16:30, while match 'm1' (kick-off 2026-06-12 19:00) still holds venue 'harbour'")]
    public void LoadText_BadMatchTime_IsAnError(string find, string replace, int line, string reason) =>
        AssertError(TournamentYaml.With(find, replace), line, reason);

    [Theory]
    // Dispatch picks units by kind; an unknown kind would never be dispatched.
    [InlineData("kind: cyber", "kind: army", 40, "units[1].kind: unknown unit kind 'army' (expected police, stewards, medical, fire, cyber)")]
    [InlineData("type: pitch", "type: field", 19, "venues[0].zones[3].type: unknown zone type 'field' (expected stand, concourse, pitch, hospitality, media, staff)")]
    [InlineData("perimeter: inner, zones: [bowl]", "perimeter: middle, zones: [bowl]", 34, "venues[1].gates[0].perimeter: unknown perimeter 'middle' (expected outer, inner)")]
    // A procedure for a category incidents never carry would never be shown to a responder.
    [InlineData("category: medical", "category: riot", 42, "procedures[0].category: unknown incident category 'riot' (expected web_attack, ddos,")]
    // Categories are written as the API writes them (snake_case), not as the C# enum member.
    [InlineData("category: medical", "category: CrowdPressure", 42, "unknown incident category 'CrowdPressure'")]
    public void LoadText_UnknownKindOrCategory_IsAnError(string find, string replace, int line, string reason) =>
        AssertError(TournamentYaml.With(find, replace), line, reason);

    [Theory]
    // FIFA requires two concentric secure perimeters; a venue with one has no fallback line when the outer one is overrun.
    [InlineData("      inner:\n        check_points:\n          - {id: i-north, name: North ticket check, lanes: 8}\n", "", 9, "venues[0].perimeters.inner: is required: FIFA requires two concentric secure perimeters")]
    [InlineData("outer: {check_points: [{id: o-east, name: East plaza, lanes: 10}]}", "outer: {check_points: []}", 29, "venues[1].perimeters.outer.check_points: must list at least one item")]
    [InlineData("    perimeters:\n      outer: {check", "    perimeter:\n      outer: {check", 28, "venues[1]: unknown key 'perimeter'")]
    public void LoadText_MissingPerimeter_IsAnError(string find, string replace, int line, string reason) =>
        AssertError(TournamentYaml.With(find, replace), line, reason);

    [Theory]
    // One mistake gives one error: a reader fixing the file should not chase echoes of it.
    [InlineData("capacity: 20000", "capacity: -5")]
    [InlineData("time_zone: Asia/Qatar", "time_zone: Asia/Doha")]
    [InlineData("kind: cyber", "kind: army")]
    [InlineData("zones: [north, concourse]", "zones: [north-upper, concourse]")]
    [InlineData("capacity: 40000\n", "capacity: 40,000\n")]
    public void LoadText_OneMistake_GivesOneError(string find, string replace) =>
        Assert.Single(TournamentLoader.LoadText(TournamentYaml.With(find, replace), "t.yaml").Errors);

    [Fact]
    public void LoadText_SeveralMistakes_AreAllReportedInLineOrder()
    {
        var yaml = TournamentYaml.With("kind: cyber", "kind: army").Edit("capacity: 20000", "capacity: -5").Edit("time_zone: Asia/Muscat", "time_zone: Oman");

        var result = TournamentLoader.LoadText(yaml, "t.yaml");

        Assert.False(result.Succeeded);
        Assert.Equal([16, 26, 40], result.Errors.Select(e => e.Line));
        Assert.All(result.Errors, e => Assert.Equal("t.yaml", e.File));
    }

    [Fact]
    public void LoadText_NonStandZones_DoNotCountAgainstVenueCapacity() =>
        // Concourse and pitch people are already counted in the stands, or are staff.
        Assert.True(TournamentLoader.LoadText(TournamentYaml.With("capacity: 8000", "capacity: 30000"), "t.yaml").Succeeded);

    private static void AssertError(string yaml, int line, string reason)
    {
        var result = TournamentLoader.LoadText(yaml, "cup.yaml");

        Assert.False(result.Succeeded);
        Assert.Null(result.Tournament);
        Assert.True(
            result.Errors.Any(e => e.Line == line && e.Reason.Contains(reason, StringComparison.Ordinal) && e.File == "cup.yaml"),
            "expected an error at line " + line + " saying: " + reason + "\nbut got:\n" + string.Join("\n", result.Errors));
    }
}
