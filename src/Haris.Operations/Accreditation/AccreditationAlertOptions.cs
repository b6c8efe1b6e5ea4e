namespace Haris.Operations.Accreditation;

/// <summary>The thresholds of the accreditation alerts and the travel times between checkpoints (docs/accreditation.md).</summary>
/// <remarks>
/// The defaults are Haris's choices for a control room: walking times inside a stadium, and road times between venues
/// through match-day traffic and security cordons. A badge seen at two checkpoints in less than the travel time between
/// them raises the impossible-travel alert, so a larger travel time means more alerts.
/// </remarks>
public sealed record AccreditationAlertOptions
{
    /// <summary>The options with every default.</summary>
    public static AccreditationAlertOptions Default { get; } = new();

    /// <summary>Denials of one badge within <see cref="BadgeDenialWindow"/> that raise the badge alert; default 3.</summary>
    public int BadgeDenials { get; init; } = 3;

    /// <summary>The window of <see cref="BadgeDenials"/>; default 10 minutes.</summary>
    public TimeSpan BadgeDenialWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Denials at one checkpoint within <see cref="CheckpointDenialWindow"/> that raise the checkpoint alert; default 10.</summary>
    public int CheckpointDenials { get; init; } = 10;

    /// <summary>The window of <see cref="CheckpointDenials"/>; default 5 minutes.</summary>
    public TimeSpan CheckpointDenialWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Travel time between two checkpoints into the same zone or into neighbouring zones; default 1 minute.</summary>
    public TimeSpan SameZoneTravel { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Travel time between two checkpoints of one venue otherwise; default 5 minutes.</summary>
    public TimeSpan SameVenueTravel { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Travel time between two venues in the same city; default 30 minutes.</summary>
    public TimeSpan SameCityTravel { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Travel time between venues in different cities; default 90 minutes.</summary>
    public TimeSpan OtherCityTravel { get; init; } = TimeSpan.FromMinutes(90);

    /// <summary>What is wrong with the options; empty when they can be used.</summary>
    /// <remarks>Counts are at least 1, windows positive, travel times not negative and each at least the one before it.</remarks>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (BadgeDenials < 1)
        {
            problems.Add($"{nameof(BadgeDenials)} must be at least 1 (got {BadgeDenials})");
        }

        if (CheckpointDenials < 1)
        {
            problems.Add($"{nameof(CheckpointDenials)} must be at least 1 (got {CheckpointDenials})");
        }

        if (BadgeDenialWindow <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(BadgeDenialWindow)} must be positive (got {BadgeDenialWindow})");
        }

        if (CheckpointDenialWindow <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(CheckpointDenialWindow)} must be positive (got {CheckpointDenialWindow})");
        }

        if (SameZoneTravel < TimeSpan.Zero)
        {
            problems.Add($"{nameof(SameZoneTravel)} must not be negative (got {SameZoneTravel})");
        }

        if (SameVenueTravel < SameZoneTravel)
        {
            problems.Add($"{nameof(SameVenueTravel)} ({SameVenueTravel}) must be at least {nameof(SameZoneTravel)} ({SameZoneTravel})");
        }

        if (SameCityTravel < SameVenueTravel)
        {
            problems.Add($"{nameof(SameCityTravel)} ({SameCityTravel}) must be at least {nameof(SameVenueTravel)} ({SameVenueTravel})");
        }

        if (OtherCityTravel < SameCityTravel)
        {
            problems.Add($"{nameof(OtherCityTravel)} ({OtherCityTravel}) must be at least {nameof(SameCityTravel)} ({SameCityTravel})");
        }

        return problems;
    }
}
