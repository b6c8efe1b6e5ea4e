using Haris.Core.Alerts;

namespace Haris.Operations.Accreditation;

/// <summary>How far apart two checkpoints are, in the steps the travel times are set for.</summary>
public enum CheckpointDistance
{
    /// <summary>The same checkpoint of the same venue: no travel at all (<c>same_checkpoint</c>).</summary>
    SameCheckpoint,

    /// <summary>Two checkpoints into the same zone (<c>same_zone</c>).</summary>
    SameZone,

    /// <summary>Checkpoints into two zones that are neighbours in the tournament configuration (<c>neighbouring_zone</c>).</summary>
    NeighbouringZone,

    /// <summary>Two checkpoints of one venue otherwise (<c>same_venue</c>).</summary>
    SameVenue,

    /// <summary>Two venues in the same city (<c>same_city</c>).</summary>
    SameCity,

    /// <summary>Venues in different cities (<c>other_city</c>).</summary>
    OtherCity,
}

public sealed partial class AccreditationAlertEvaluator
{
    private readonly Dictionary<string, TravelTrack> _sightings = new(StringComparer.Ordinal);

    /// <summary>How far apart the checkpoints of two scans are, or null when the tournament lacks either venue.</summary>
    public CheckpointDistance? DistanceBetween(CheckpointScan from, CheckpointScan to)
    {
        var fromVenue = _tournament.Venue(from.VenueId);
        var toVenue = _tournament.Venue(to.VenueId);
        if (fromVenue is null || toVenue is null)
        {
            return null;
        }

        if (!ReferenceEquals(fromVenue, toVenue))
        {
            // City names are typed by people: "Doha" and "doha " are one city.
            return string.Equals(fromVenue.City.Trim(), toVenue.City.Trim(), StringComparison.OrdinalIgnoreCase)
                ? CheckpointDistance.SameCity
                : CheckpointDistance.OtherCity;
        }

        if (string.Equals(from.CheckpointId, to.CheckpointId, StringComparison.Ordinal))
        {
            return CheckpointDistance.SameCheckpoint;
        }

        if (string.Equals(from.ZoneId, to.ZoneId, StringComparison.Ordinal))
        {
            return CheckpointDistance.SameZone;
        }

        // Neighbours go both ways in the loaded tournament; both sides are read so a hand-built one works too.
        return fromVenue.Zone(from.ZoneId)?.Neighbours.Contains(to.ZoneId) == true
            || fromVenue.Zone(to.ZoneId)?.Neighbours.Contains(from.ZoneId) == true
            ? CheckpointDistance.NeighbouringZone
            : CheckpointDistance.SameVenue;
    }

    /// <summary>The shortest believable time between two scans of one badge, or null when the tournament lacks either venue.</summary>
    public TimeSpan? MinimumTravelTime(CheckpointScan from, CheckpointScan to) =>
        DistanceBetween(from, to) is { } distance ? TravelTime(distance) : null;

    /// <summary>The travel time the options set for a distance.</summary>
    public TimeSpan TravelTime(CheckpointDistance distance) => distance switch
    {
        CheckpointDistance.SameCheckpoint => TimeSpan.Zero,
        CheckpointDistance.SameZone or CheckpointDistance.NeighbouringZone => _options.SameZoneTravel,
        CheckpointDistance.SameVenue => _options.SameVenueTravel,
        CheckpointDistance.SameCity => _options.SameCityTravel,
        CheckpointDistance.OtherCity => _options.OtherCityTravel,
        _ => throw new ArgumentOutOfRangeException(nameof(distance), distance, null),
    };

    /// <summary>A distance as alerts spell it (<c>same_venue</c>, <c>other_city</c>, ...).</summary>
    public static string NameOf(CheckpointDistance distance) => distance switch
    {
        CheckpointDistance.SameCheckpoint => "same_checkpoint",
        CheckpointDistance.SameZone => "same_zone",
        CheckpointDistance.NeighbouringZone => "neighbouring_zone",
        CheckpointDistance.SameVenue => "same_venue",
        CheckpointDistance.SameCity => "same_city",
        CheckpointDistance.OtherCity => "other_city",
        _ => throw new ArgumentOutOfRangeException(nameof(distance), distance, null),
    };

    // Every scan counts, admitted or denied: a cloned badge is often denied at the second place (wrong zone, or revoked
    // once the first holder reported it), and that denial is exactly the sighting that gives it away.
    private void ObserveTravel(CheckpointScan scan, AccreditationVerdict verdict, ref List<Alert>? alerts)
    {
        if (_tournament.Venue(scan.VenueId) is null)
        {
            // Nowhere to place the scan: it neither raises nor becomes the badge's last known place.
            return;
        }

        if (!_sightings.TryGetValue(scan.BadgeId, out var track))
        {
            _sightings.Add(scan.BadgeId, new TravelTrack { Last = scan });
            return;
        }

        var previous = track.Last;
        var distance = DistanceBetween(previous, scan)!.Value;
        var required = TravelTime(distance);
        var elapsed = (scan.Time - previous.Time).Duration();
        if (scan.Time >= previous.Time)
        {
            track.Last = scan;
        }

        if (!track.Episode.Begin(elapsed < required, scan.Time, out var bucket))
        {
            return;
        }

        var fields = CommonFields(scan, verdict);
        fields.Add(new(AccreditationAlertFields.Decision, verdict.DecisionName));
        fields.Add(new(AccreditationAlertFields.Reason, verdict.ReasonName));
        fields.Add(new(AccreditationAlertFields.FromVenue, previous.VenueId));
        fields.Add(new(AccreditationAlertFields.FromCheckpoint, previous.CheckpointId));
        fields.Add(new(AccreditationAlertFields.FromZone, previous.ZoneId));
        fields.Add(new(AccreditationAlertFields.FromTime, AlertJsonWriter.FormatTime(previous.Time)));
        fields.Add(new(AccreditationAlertFields.Travel, NameOf(distance)));
        fields.Add(new(AccreditationAlertFields.ElapsedSeconds, Math.Round(elapsed.TotalSeconds, 1)));
        fields.Add(new(AccreditationAlertFields.RequiredSeconds, (long)required.TotalSeconds));
        (alerts ??= []).Add(Create(
            AccreditationAlertRules.ImpossibleTravel,
            BadgeKey(scan.BadgeId),
            bucket,
            scan,
            fields,
            [new(AccreditationAlertFields.Badge, scan.BadgeId)]));
    }

    private int ExpireSightings(DateTimeOffset floor)
    {
        var forgotten = 0;
        foreach (var (badge, track) in _sightings)
        {
            if (track.Last.Time <= floor && track.Episode.CanForget(floor))
            {
                _sightings.Remove(badge);
                forgotten++;
            }
        }

        return forgotten;
    }

    /// <summary>Where a badge was last seen, and its impossible-travel episode.</summary>
    private sealed class TravelTrack
    {
        public required CheckpointScan Last { get; set; }

        public Episode Episode { get; } = new();
    }
}
