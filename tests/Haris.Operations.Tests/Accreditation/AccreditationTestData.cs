using Haris.Operations.Accreditation;
using Haris.Operations.Tournaments;

namespace Haris.Operations.Tests.Accreditation;

/// <summary>A small tournament of three venues, two in one city, and people to accredit at them.</summary>
internal static class AccreditationTestData
{
    // harbour and corniche are both in Doha (30 minutes apart); oasis is in Muscat (90 minutes from either).
    // At harbour: north and concourse are neighbours, as are pitch and staff-east; north and staff-west are not.
    public const string Yaml = """
        name: Accreditation Cup
        venues:
          - id: harbour
            names: {ar: ملعب الميناء, fr: Stade du Port, en: Harbour Stadium}
            city: Doha
            time_zone: Asia/Qatar
            capacity: 40000
            perimeters:
              outer: {check_points: [{id: o-north, name: North plaza, lanes: 12}]}
              inner: {check_points: [{id: i-north, name: North ticket check, lanes: 8}]}
            zones:
              - {id: north, type: stand, name: North Stand, capacity: 20000, neighbours: [concourse]}
              - {id: south, type: stand, name: South Stand, capacity: 18000, neighbours: [concourse]}
              - {id: concourse, type: concourse, name: Concourse, capacity: 8000}
              - {id: pitch, type: pitch, name: Pitch, capacity: 300, neighbours: [north, south]}
              - {id: media-tribune, type: media, name: Media tribune, capacity: 400, neighbours: [concourse]}
              - {id: staff-east, type: staff, name: East staff area, capacity: 200, neighbours: [pitch]}
              - {id: staff-west, type: staff, name: West staff area, capacity: 200, neighbours: [concourse]}
            gates:
              - {id: n1, name: Gate N1, perimeter: inner, zones: [north, concourse], turnstiles: 12}
          - id: corniche
            names: {ar: ملعب الكورنيش, fr: Stade de la Corniche, en: Corniche Stadium}
            city: Doha
            time_zone: Asia/Qatar
            capacity: 30000
            perimeters:
              outer: {check_points: [{id: o-west, name: West plaza, lanes: 10}]}
              inner: {check_points: [{id: i-west, name: West ticket check, lanes: 6}]}
            zones:
              - {id: bowl, type: stand, name: Bowl, capacity: 30000}
              - {id: pitch, type: pitch, name: Pitch, capacity: 300, neighbours: [bowl]}
              - {id: staff-room, type: staff, name: Staff room, capacity: 100}
            gates:
              - {id: w1, name: Gate W1, perimeter: inner, zones: [bowl], turnstiles: 20}
          - id: oasis
            names: {ar: ملعب الواحة, fr: Stade de l'Oasis, en: Oasis Stadium}
            city: Muscat
            time_zone: Asia/Muscat
            capacity: 41000
            perimeters:
              outer: {check_points: [{id: o-east, name: East plaza, lanes: 10}]}
              inner: {check_points: [{id: i-east, name: East ticket check, lanes: 6}]}
            zones:
              - {id: bowl, type: stand, name: Bowl, capacity: 40000}
              - {id: staff-room, type: staff, name: Staff room, capacity: 100}
            gates:
              - {id: e1, name: Gate E1, perimeter: inner, zones: [bowl], turnstiles: 24}

        """;

    /// <summary>The first moment of the test badges' validity, 1 June 2026 at midnight UTC.</summary>
    public static readonly DateTimeOffset ValidFrom = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The last moment of the test badges' validity, 20 July 2026 at 23:59:59 UTC.</summary>
    public static readonly DateTimeOffset ValidTo = new(2026, 7, 20, 23, 59, 59, TimeSpan.Zero);

    /// <summary>A match-day moment inside the validity window.</summary>
    public static readonly DateTimeOffset MatchDay = new(2026, 6, 12, 17, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<Tournament> s_tournament = new(() =>
    {
        var result = TournamentLoader.LoadText(Yaml, "accreditation-test.yaml");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Tournament;
    });

    private static readonly Lazy<Tournament> s_sample = new(() =>
    {
        var result = TournamentLoader.Load(Path.Combine(RepositoryRoot(), "samples", "tournament.yaml"));
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Tournament;
    });

    public static Tournament Cup => s_tournament.Value;

    public static Tournament Sample => s_sample.Value;

    /// <summary>A valid person with the given badge and grants.</summary>
    public static AccreditedPerson Person(string badgeId, params VenueAccess[] access) => new()
    {
        BadgeId = badgeId,
        Name = "Layla Haddad",
        Organisation = "Harbour Stewarding Ltd",
        Function = "steward",
        ValidFrom = ValidFrom,
        ValidTo = ValidTo,
        Access = access,
    };

    /// <summary>A scan at harbour of <paramref name="badgeId"/> through <paramref name="checkpoint"/> into <paramref name="zone"/>.</summary>
    public static CheckpointScan Scan(string badgeId, string zone, DateTimeOffset time, string venue = "harbour", string? checkpoint = null) =>
        new(badgeId, venue, checkpoint ?? zone + "-door", zone, time);

    public static string RepositoryRoot()
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
