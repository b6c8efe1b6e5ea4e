using System.Globalization;
using Haris.Core.Alerts;

namespace Haris.Operations.Crowd;

/// <summary>
/// Evaluates the crowd alert conditions of one match (<see cref="CrowdAlertRules"/>) against its occupancy and gate
/// activity, and raises each once per episode as an <see cref="Alert"/> for the same alert and incident path as cyber
/// alerts.
/// </summary>
/// <remarks>
/// Call it as often as wanted (every few seconds): a condition raises an alert when it begins, nothing while it lasts,
/// and again only after it has cleared and begun anew. The time comes from the injected <see cref="TimeProvider"/>;
/// nothing else is read. Alert ids derive from rule, venue, match, subject and the episode's time bucket
/// (<see cref="IdBucket"/>), so re-evaluating after a restart gives the ids already stored.
/// </remarks>
public sealed class CrowdAlertEvaluator
{
    private readonly CrowdMatch _match;
    private readonly TimeProvider _time;
    private readonly AlertEpisodes _episodes = new();

    /// <summary>Creates the evaluator of <paramref name="match"/>, reading the time from <paramref name="time"/>.</summary>
    public CrowdAlertEvaluator(CrowdMatch match, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentException.ThrowIfNullOrEmpty(match.VenueId, nameof(match));
        ArgumentException.ThrowIfNullOrEmpty(match.MatchId, nameof(match));
        _match = match;
        _time = time;
    }

    /// <summary>The length of the time buckets that alert ids are derived from.</summary>
    public static TimeSpan IdBucket { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Evaluates every condition now: zones against <paramref name="occupancy"/>, gates against <paramref name="gates"/>.</summary>
    /// <returns>The alerts of the episodes that began with this evaluation.</returns>
    public IReadOnlyList<Alert> Evaluate(OccupancySnapshot occupancy, GateActivityTracker gates)
    {
        var now = _time.GetUtcNow();
        var alerts = new List<Alert>();
        EvaluateZones(occupancy, now, alerts);
        EvaluateGates(gates, now, alerts);
        return alerts;
    }

    /// <summary>Evaluates the zone conditions now: 90% and 100% of safe capacity.</summary>
    public IReadOnlyList<Alert> EvaluateZones(OccupancySnapshot occupancy)
    {
        var alerts = new List<Alert>();
        EvaluateZones(occupancy, _time.GetUtcNow(), alerts);
        return alerts;
    }

    /// <summary>Evaluates the gate conditions now: entry rate, counterfeit wave and burst, silence during ingress.</summary>
    public IReadOnlyList<Alert> EvaluateGates(GateActivityTracker gates)
    {
        var alerts = new List<Alert>();
        EvaluateGates(gates, _time.GetUtcNow(), alerts);
        return alerts;
    }

    private void EvaluateZones(OccupancySnapshot occupancy, DateTimeOffset now, List<Alert> alerts)
    {
        ArgumentNullException.ThrowIfNull(occupancy);
        if (occupancy.VenueId != _match.VenueId || occupancy.MatchId != _match.MatchId)
        {
            throw new ArgumentException(
                $"The occupancy is of match '{occupancy.MatchId}' at '{occupancy.VenueId}', not '{_match.MatchId}' at '{_match.VenueId}'.",
                nameof(occupancy));
        }

        foreach (var zone in _match.Zones)
        {
            var inside = occupancy.Zone(zone.Id).Inside;
            ZoneRule(CrowdAlertRules.ZoneNearCapacity, CrowdAlertRules.ZoneNearCapacityPercent, zone, inside, now, alerts);
            ZoneRule(CrowdAlertRules.ZoneAtCapacity, CrowdAlertRules.ZoneAtCapacityPercent, zone, inside, now, alerts);
        }
    }

    private void ZoneRule(CrowdAlertRule rule, int percent, CrowdZone zone, long inside, DateTimeOffset now, List<Alert> alerts)
    {
        // Whole numbers, so 900 of 1,000 is at 90% however floating point would round it. An empty zone is never at
        // capacity, even a zone whose safe capacity is zero (closed): the first person in one is over it.
        var active = inside > 0 && (Int128)inside * 100 >= (Int128)percent * zone.SafeCapacity;
        if (_episodes.Begin(rule.Id, "zone/" + zone.Id, active, now, IdBucket, out var bucket))
        {
            alerts.Add(Create(rule, CrowdAlertFields.Zone, zone.Id, bucket, now,
            [
                new(CrowdAlertFields.Occupancy, inside),
                new(CrowdAlertFields.SafeCapacity, zone.SafeCapacity),
                new(CrowdAlertFields.OccupancyPercent, Percent(inside, zone.SafeCapacity)),
                new(CrowdAlertFields.ThresholdPercent, percent),
            ]));
        }
    }

    private void EvaluateGates(GateActivityTracker gates, DateTimeOffset now, List<Alert> alerts)
    {
        ArgumentNullException.ThrowIfNull(gates);
        if (gates.Horizon < CrowdAlertRules.SustainedWindow)
        {
            throw new ArgumentException(
                $"The gate tracker keeps {gates.Horizon}; the gate conditions read {CrowdAlertRules.SustainedWindow}.", nameof(gates));
        }

        foreach (var gate in _match.Gates)
        {
            var lastMinute = gates.Count(gate.Id, CrowdAlertRules.BurstWindow, now);
            var lastFive = gates.Count(gate.Id, CrowdAlertRules.SustainedWindow, now);

            // A gate with no turnstile counted has no rate to measure against.
            if (gate.Turnstiles > 0)
            {
                RateRule(CrowdAlertRules.GateRateHigh, gate, lastMinute, now, alerts);
                RateRule(CrowdAlertRules.GateRateSustained, gate, lastFive, now, alerts);
            }

            var wave = lastFive.Scans >= CrowdAlertRules.CounterfeitMinimumScans
                && (long)lastFive.Counterfeit * 100 > (long)CrowdAlertRules.CounterfeitPercent * lastFive.Scans;
            if (_episodes.Begin(CrowdAlertRules.CounterfeitWave.Id, "gate/" + gate.Id, wave, now, IdBucket, out var bucket))
            {
                alerts.Add(Create(CrowdAlertRules.CounterfeitWave, CrowdAlertFields.Gate, gate.Id, bucket, now,
                [
                    new(CrowdAlertFields.WindowSeconds, (long)lastFive.Window.TotalSeconds),
                    new(CrowdAlertFields.Scans, lastFive.Scans),
                    new(CrowdAlertFields.Counterfeit, lastFive.Counterfeit),
                    new(CrowdAlertFields.CounterfeitPercent, Percent(lastFive.Counterfeit, lastFive.Scans)),
                    new(CrowdAlertFields.ThresholdPercent, CrowdAlertRules.CounterfeitPercent),
                ]));
            }

            var burst = lastMinute.Counterfeit >= CrowdAlertRules.CounterfeitBurstCount;
            if (_episodes.Begin(CrowdAlertRules.CounterfeitBurst.Id, "gate/" + gate.Id, burst, now, IdBucket, out bucket))
            {
                alerts.Add(Create(CrowdAlertRules.CounterfeitBurst, CrowdAlertFields.Gate, gate.Id, bucket, now,
                [
                    new(CrowdAlertFields.WindowSeconds, (long)lastMinute.Window.TotalSeconds),
                    new(CrowdAlertFields.Scans, lastMinute.Scans),
                    new(CrowdAlertFields.Counterfeit, lastMinute.Counterfeit),
                    new(CrowdAlertFields.ThresholdCount, CrowdAlertRules.CounterfeitBurstCount),
                ]));
            }

            SilenceRule(gate, gates.LastScanAt(gate.Id), now, alerts);
        }
    }

    private void RateRule(CrowdAlertRule rule, CrowdGate gate, GateWindowCounts counts, DateTimeOffset now, List<Alert> alerts)
    {
        var active = GateRate.IsAbove(counts.Admitted, gate.Turnstiles, counts.Window, CrowdAlertRules.GateRatePercent);
        if (_episodes.Begin(rule.Id, "gate/" + gate.Id, active, now, IdBucket, out var bucket))
        {
            var reading = GateRate.For(counts, gate.Turnstiles);
            alerts.Add(Create(rule, CrowdAlertFields.Gate, gate.Id, bucket, now,
            [
                new(CrowdAlertFields.Turnstiles, gate.Turnstiles),
                new(CrowdAlertFields.WindowSeconds, (long)counts.Window.TotalSeconds),
                new(CrowdAlertFields.Admitted, counts.Admitted),
                new(CrowdAlertFields.RatePerMinute, Math.Round(reading.PersonsPerMinute, 1)),
                new(CrowdAlertFields.CapacityPerMinute, Math.Round(reading.CapacityPerMinute, 1)),
                new(CrowdAlertFields.UtilisationPercent, Math.Round(reading.Utilisation * 100, 1)),
                new(CrowdAlertFields.ThresholdPercent, CrowdAlertRules.GateRatePercent),
            ]));
        }
    }

    private void SilenceRule(CrowdGate gate, DateTimeOffset? lastScan, DateTimeOffset now, List<Alert> alerts)
    {
        // Silence counts only within ingress: from gates-open (or the last scan after it) to now, and never at or after kick-off.
        var since = lastScan is { } last && last > _match.GatesOpen ? last : _match.GatesOpen;
        var silent = now >= _match.GatesOpen && now < _match.KickOff && now - since >= CrowdAlertRules.SilenceLimit;
        if (_episodes.Begin(CrowdAlertRules.GateSilent.Id, "gate/" + gate.Id, silent, now, IdBucket, out var bucket))
        {
            alerts.Add(Create(CrowdAlertRules.GateSilent, CrowdAlertFields.Gate, gate.Id, bucket, now,
            [
                new(CrowdAlertFields.LastScan, lastScan is { } at ? AlertJsonWriter.FormatTime(at) : null),
                new(CrowdAlertFields.SilentSeconds, (long)(now - since).TotalSeconds),
                new(CrowdAlertFields.GatesOpen, AlertJsonWriter.FormatTime(_match.GatesOpen)),
                new(CrowdAlertFields.KickOff, AlertJsonWriter.FormatTime(_match.KickOff)),
            ]));
        }
    }

    private Alert Create(
        CrowdAlertRule rule, string subjectField, string subject, long bucket, DateTimeOffset now, KeyValuePair<string, object?>[] values)
    {
        var fields = new List<KeyValuePair<string, object?>>(values.Length + 3)
        {
            new(CrowdAlertFields.Venue, _match.VenueId),
            new(CrowdAlertFields.Match, _match.MatchId),
            new(subjectField, subject),
        };
        fields.AddRange(values);

        // Length-prefixed, so no choice of ids can make two subjects spell the same text.
        var key = string.Create(
            CultureInfo.InvariantCulture,
            $"crowd/{_match.VenueId.Length}:{_match.VenueId}/{_match.MatchId.Length}:{_match.MatchId}/{subjectField}/{subject.Length}:{subject}");
        return new Alert
        {
            Id = Alert.MakeId(rule.Id, key, bucket),
            RuleId = rule.Id,
            RuleTitle = rule.Title,
            RuleName = rule.Name,
            RuleAuthor = CrowdAlertRules.Author,
            Level = rule.Level,
            Timestamp = now,
            Fields = fields,

            // The alert store folds repeats of a rule by group (or source address); without one, every zone's alerts of
            // a rule would be folded into one.
            Group =
            [
                new(CrowdAlertFields.Venue, _match.VenueId),
                new(CrowdAlertFields.Match, _match.MatchId),
                new(subjectField, subject),
            ],
        };
    }

    // Rounded to a tenth for people to read; null when there is no whole to take a share of.
    private static double? Percent(long part, long whole) => whole > 0 ? Math.Round(part * 100.0 / whole, 1) : null;
}
