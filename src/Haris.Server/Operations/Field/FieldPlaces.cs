using System.Diagnostics.CodeAnalysis;
using Haris.Core.Incidents;
using Haris.Operations.Tournaments;
using Haris.Server.Api;
using Haris.Storage.Incidents;

namespace Haris.Server.Operations.Field;

/// <summary>Checks where a reported incident is against the tournament, and copies its category's procedure as a checklist.</summary>
internal static class FieldPlaces
{
    /// <summary>The most ids quoted back when listing what would have been valid.</summary>
    private const int MaxIdsQuoted = 20;

    /// <summary>
    /// Resolves <paramref name="venue"/>, <paramref name="zone"/> and <paramref name="gate"/> to the tournament's ids
    /// (ids are lower case; a name written in other case is taken as the id it spells); false with a problem naming
    /// the first that is not the tournament's.
    /// </summary>
    public static bool TryResolve(
        Tournament tournament, ref string? venue, ref string? zone, ref string? gate, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        Venue? place = null;
        if (venue is not null)
        {
            place = Find(tournament.Venues, venue, v => v.Id);
            if (place is null)
            {
                problem = $"venue '{EnumText.Clip(venue)}' is not a venue of the tournament; its venues are {Ids(tournament.Venues, v => v.Id)}";
                return false;
            }

            venue = place.Id;
        }

        return TryResolvePart(place, "zone", "in", p => p.Zones, z => z.Id, ref zone, out problem)
            && TryResolvePart(place, "gate", "at", p => p.Gates, g => g.Id, ref gate, out problem);
    }

    /// <summary>The steps of the tournament's procedure for <paramref name="category"/>, numbered from 1; none when it has none.</summary>
    public static List<IncidentChecklistStep> Checklist(Tournament? tournament, IncidentCategory category)
    {
        if (tournament?.Procedure(category) is not { } procedure)
        {
            return [];
        }

        var steps = new List<IncidentChecklistStep>(procedure.Steps.Count);
        for (var i = 0; i < procedure.Steps.Count; i++)
        {
            var text = procedure.Steps[i];
            steps.Add(new IncidentChecklistStep { Position = i + 1, TextEn = text.En, TextFr = text.Fr, TextAr = text.Ar });
        }

        return steps;
    }

    // A zone or gate: a part of the venue named, spelled as the venue spells it.
    private static bool TryResolvePart<T>(
        Venue? place, string what, string preposition, Func<Venue, IReadOnlyList<T>> partsOf, Func<T, string> idOf, ref string? id,
        [NotNullWhen(false)] out string? problem)
        where T : class
    {
        problem = null;
        if (id is null)
        {
            return true;
        }

        if (place is null)
        {
            problem = $"{what} '{EnumText.Clip(id)}' needs a venue: name the venue the {what} is {preposition}";
            return false;
        }

        var parts = partsOf(place);
        if (Find(parts, id, idOf) is not { } found)
        {
            problem = $"{what} '{EnumText.Clip(id)}' is not a {what} of venue '{place.Id}'; its {what}s are {Ids(parts, idOf)}";
            return false;
        }

        id = idOf(found);
        return true;
    }

    private static T? Find<T>(IReadOnlyList<T> items, string id, Func<T, string> idOf)
        where T : class =>
        items.FirstOrDefault(i => string.Equals(idOf(i), id, StringComparison.OrdinalIgnoreCase));

    private static string Ids<T>(IReadOnlyList<T> items, Func<T, string> idOf) =>
        items.Count <= MaxIdsQuoted
            ? string.Join(", ", items.Select(idOf))
            : string.Join(", ", items.Take(MaxIdsQuoted).Select(idOf)) + $" and {items.Count - MaxIdsQuoted} more";
}
