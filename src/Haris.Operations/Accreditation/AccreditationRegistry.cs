using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Haris.Operations.Accreditation;

/// <summary>The accredited people by badge id, and the badges revoked. Thread-safe.</summary>
/// <remarks>
/// Revocations are kept apart from the people: a badge stays revoked when its holder is imported again, replaced or
/// removed, and a badge reported stolen can be revoked before the list that names it is imported. Only
/// <see cref="Reinstate"/> lifts a revocation.
/// </remarks>
public sealed class AccreditationRegistry
{
    private readonly ConcurrentDictionary<string, AccreditedPerson> _people = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BadgeRevocation> _revocations = new(StringComparer.Ordinal);

    /// <summary>How many people are registered.</summary>
    public int Count => _people.Count;

    /// <summary>The revocations in force, in no particular order.</summary>
    public IReadOnlyList<BadgeRevocation> Revocations => [.. _revocations.Values];

    /// <summary>Registers a person.</summary>
    /// <returns>False when a person with that badge id is already registered (the first one stays).</returns>
    /// <exception cref="ArgumentException">The person's fields break the rules (docs/accreditation.md).</exception>
    public bool TryAdd(AccreditedPerson person) => _people.TryAdd(Checked(person).BadgeId, person);

    /// <summary>Registers a person, replacing whoever held the badge id before (a re-imported list); a revocation stays.</summary>
    /// <exception cref="ArgumentException">The person's fields break the rules (docs/accreditation.md).</exception>
    public void AddOrReplace(AccreditedPerson person) => _people[Checked(person).BadgeId] = person;

    /// <summary>Registers every person whose badge id is not registered yet.</summary>
    /// <returns>The badge ids that were already registered and so were skipped.</returns>
    /// <exception cref="ArgumentException">A person's fields break the rules; the people before it are registered.</exception>
    public IReadOnlyList<string> AddRange(IEnumerable<AccreditedPerson> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        var skipped = new List<string>();
        foreach (var person in people)
        {
            if (!TryAdd(person))
            {
                skipped.Add(person.BadgeId);
            }
        }

        return skipped;
    }

    /// <summary>The person registered with this badge id.</summary>
    public bool TryGet(string badgeId, [MaybeNullWhen(false)] out AccreditedPerson person)
    {
        ArgumentNullException.ThrowIfNull(badgeId);
        return _people.TryGetValue(badgeId, out person);
    }

    /// <summary>Removes a person; a revocation of the badge stays.</summary>
    public bool Remove(string badgeId)
    {
        ArgumentNullException.ThrowIfNull(badgeId);
        return _people.TryRemove(badgeId, out _);
    }

    /// <summary>Revokes a badge, registered or not: from now on every checkpoint denies it.</summary>
    /// <param name="badgeId">The badge.</param>
    /// <param name="revokedAt">When it was revoked, for the record; a revoked badge is denied whatever the time of a scan.</param>
    /// <param name="reason">Why, for the operations room.</param>
    /// <returns>False when the badge was already revoked (the first revocation stays).</returns>
    /// <exception cref="ArgumentException">The badge id or the reason breaks the rules.</exception>
    public bool Revoke(string badgeId, DateTimeOffset revokedAt, string? reason = null)
    {
        var problem = AccreditationFieldRules.CheckBadgeId(badgeId)
            ?? AccreditationFieldRules.CheckText("reason", reason, AccreditationFieldRules.MaxTextLength, required: false);
        if (problem is not null)
        {
            throw new ArgumentException($"Cannot revoke: {problem}.", nameof(badgeId));
        }

        return _revocations.TryAdd(badgeId, new BadgeRevocation(badgeId, revokedAt, string.IsNullOrWhiteSpace(reason) ? null : reason));
    }

    /// <summary>Lifts the revocation of a badge.</summary>
    /// <returns>False when the badge was not revoked.</returns>
    public bool Reinstate(string badgeId)
    {
        ArgumentNullException.ThrowIfNull(badgeId);
        return _revocations.TryRemove(badgeId, out _);
    }

    /// <summary>Whether the badge is revoked.</summary>
    public bool IsRevoked(string badgeId)
    {
        ArgumentNullException.ThrowIfNull(badgeId);
        return _revocations.ContainsKey(badgeId);
    }

    /// <summary>The revocation of the badge, or null when it is not revoked.</summary>
    public BadgeRevocation? Revocation(string badgeId)
    {
        ArgumentNullException.ThrowIfNull(badgeId);
        return _revocations.GetValueOrDefault(badgeId);
    }

    private static AccreditedPerson Checked(AccreditedPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (AccreditationFieldRules.Check(person) is { } problem)
        {
            throw new ArgumentException($"Badge '{AccreditationFieldRules.Clip(person.BadgeId ?? "")}': {problem}.", nameof(person));
        }

        return person;
    }
}
