namespace Haris.Operations.Tests.Tournaments;

/// <summary>A small valid tournament the tests break one line at a time; line numbers in the tests refer to it.</summary>
internal static class TournamentYaml
{
    public const string Minimal = """
        name: Test Cup
        venues:
          - id: harbour
            names: {ar: ملعب الميناء, fr: Stade du Port, en: Harbour Stadium}
            city: Doha
            time_zone: Asia/Qatar
            capacity: 40000
            perimeters:
              outer:
                check_points:
                  - {id: o-north, name: North plaza, lanes: 12}
              inner:
                check_points:
                  - {id: i-north, name: North ticket check, lanes: 8}
            zones:
              - {id: north, type: stand, name: North Stand, capacity: 20000, neighbours: [concourse]}
              - {id: south, type: stand, name: South Stand, capacity: 18000, neighbours: [concourse]}
              - {id: concourse, type: concourse, name: Concourse, capacity: 8000, holding_capacity: 7000}
              - {id: pitch, type: pitch, name: Pitch, capacity: 300, neighbours: [north, south]}
            gates:
              - {id: n1, name: Gate N1, perimeter: inner, zones: [north, concourse], turnstiles: 12}
              - {id: s1, name: Gate S1, perimeter: inner, zones: [south, concourse], turnstiles: 12}
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
            gates:
              - {id: e1, name: Gate E1, perimeter: inner, zones: [bowl], turnstiles: 24}
        matches:
          - {id: m1, venue: harbour, kick_off: 2026-06-12 19:00, teams: [Qatar, Morocco]}
          - {id: m2, venue: oasis, kick_off: 2026-06-13 20:00, gates_open: 16:30, teams: [France, Japan]}
        units:
          - {id: harbour-stewards, kind: stewards, name: Harbour stewards, home_venue: harbour, size: 400}
          - {id: cyber-ccc, kind: cyber, name: Cyber response team, size: 12}
        procedures:
          - category: medical
            steps:
              - Send the nearest first-aid team.
              - {en: Clear a path for the stretcher., fr: Dégager un passage pour le brancard., ar: افتح ممراً للنقالة.}

        """;

    /// <summary>The minimal tournament with one piece of text replaced; the piece must occur exactly once.</summary>
    public static string With(string find, string replace) => Minimal.Edit(find, replace);

    /// <summary>Replaces one piece of text that must occur exactly once, so a test never edits the wrong line.</summary>
    public static string Edit(this string yaml, string find, string replace)
    {
        var at = yaml.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' is not in the document");
        Assert.True(yaml.IndexOf(find, at + 1, StringComparison.Ordinal) < 0, $"'{find}' occurs more than once in the document");
        return string.Concat(yaml.AsSpan(0, at), replace, yaml.AsSpan(at + find.Length));
    }
}
