namespace Haris.Operations.Tournaments;

/// <summary>A match of the tournament at one venue.</summary>
/// <remarks>Times carry the venue's UTC offset at that moment, so they print as the stadium's clocks show them.</remarks>
public sealed record Match
{
    /// <summary>How long before kick-off the gates open unless the configuration says otherwise.</summary>
    public static readonly TimeSpan DefaultGatesOpenBefore = TimeSpan.FromHours(3);

    /// <summary>Unique within the tournament, e.g. <c>m01</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The id of the venue the match is played at.</summary>
    public required string VenueId { get; init; }

    /// <summary>Kick-off, at the venue's offset.</summary>
    public required DateTimeOffset KickOff { get; init; }

    /// <summary>When the gates open, at the venue's offset; always before <see cref="KickOff"/>.</summary>
    public required DateTimeOffset GatesOpen { get; init; }

    /// <summary>The two teams, home side first (or a slot not yet decided, such as "Winner Group A").</summary>
    public required IReadOnlyList<string> Teams { get; init; }

    /// <summary>The stage, e.g. "Group A" or "Final", when given.</summary>
    public string? Stage { get; init; }

    /// <summary>Kick-off in UTC.</summary>
    public DateTimeOffset KickOffUtc => KickOff.ToUniversalTime();

    /// <summary>Gates opening in UTC.</summary>
    public DateTimeOffset GatesOpenUtc => GatesOpen.ToUniversalTime();

    /// <summary>Kick-off as the venue's clocks show it.</summary>
    public DateTime LocalKickOff => KickOff.DateTime;

    /// <summary>Gates opening as the venue's clocks show it.</summary>
    public DateTime LocalGatesOpen => GatesOpen.DateTime;

    /// <summary>The match day at the venue.</summary>
    public DateOnly LocalDate => DateOnly.FromDateTime(KickOff.DateTime);

    /// <inheritdoc />
    public override string ToString() => $"{Id}: {string.Join(" v ", Teams)}";
}
