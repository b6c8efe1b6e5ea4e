using System.Globalization;
using Haris.Core.Alerts;
using Haris.Operations.Tournaments;

namespace Haris.Operations.Accreditation;

/// <summary>
/// Watches the verdicts of the accreditation checkpoints and raises the accreditation alerts
/// (<see cref="AccreditationAlertRules"/>) once per episode as <see cref="Alert"/>s, for the same alert and incident path
/// as cyber alerts.
/// </summary>
/// <remarks>
/// <para>
/// Windows and travel run on the scans' own times, so a replay of the same scans raises the same alerts. A condition
/// raises one alert when it begins, nothing while it lasts, and again only after it has cleared: the denial rules clear
/// when a denial finds fewer than the threshold still in its window, the travel rule when a badge's next scan is a
/// possible journey. Alert ids derive from rule, subject (badge or checkpoint) and the episode's five-minute time bucket
/// (<see cref="IdBucket"/>); a second episode in the bucket of the one before takes the next bucket number, so two
/// episodes never share an id.
/// </para>
/// <para>
/// Thread-safe: checkpoints may report from many threads; one lock guards all state. State is kept per badge and
/// checkpoint seen; call <see cref="Expire"/> now and then (every minute) to forget what no window can reach any more,
/// which the <see cref="TimeProvider"/> decides.
/// </para>
/// </remarks>
public sealed partial class AccreditationAlertEvaluator
{
    private static readonly AccreditationReason[] s_denialReasons =
    [
        AccreditationReason.UnknownBadge,
        AccreditationReason.Revoked,
        AccreditationReason.OutsideValidity,
        AccreditationReason.VenueNotAllowed,
        AccreditationReason.ZoneNotAllowed,
    ];

    private readonly Tournament _tournament;
    private readonly TimeProvider _time;
    private readonly AccreditationAlertOptions _options;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DenialWindow> _badgeDenials = new(StringComparer.Ordinal);
    private readonly Dictionary<(string VenueId, string CheckpointId), DenialWindow> _checkpointDenials = [];

    /// <summary>Creates the evaluator of the checkpoints of <paramref name="tournament"/>.</summary>
    /// <param name="tournament">The venues, their cities and zones, for travel times.</param>
    /// <param name="time">The clock <see cref="Expire"/> reads; the rules themselves run on scan times.</param>
    /// <param name="options">Thresholds and travel times; <see cref="AccreditationAlertOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">The options are not valid (<see cref="AccreditationAlertOptions.Validate"/>).</exception>
    public AccreditationAlertEvaluator(Tournament tournament, TimeProvider time, AccreditationAlertOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tournament);
        ArgumentNullException.ThrowIfNull(time);
        options ??= AccreditationAlertOptions.Default;
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid accreditation alert options: {string.Join("; ", problems)}.", nameof(options));
        }

        _tournament = tournament;
        _time = time;
        _options = options;
    }

    /// <summary>The length of the time buckets that alert ids are derived from.</summary>
    public static TimeSpan IdBucket { get; } = TimeSpan.FromMinutes(5);

    /// <summary>The thresholds and travel times in use.</summary>
    public AccreditationAlertOptions Options => _options;

    /// <summary>How many badges and checkpoints the evaluator holds state for.</summary>
    internal int TrackedSubjects
    {
        get
        {
            lock (_lock)
            {
                return _badgeDenials.Count + _checkpointDenials.Count + _sightings.Count;
            }
        }
    }

    /// <summary>Takes in one checkpoint scan and its verdict.</summary>
    /// <returns>The alerts of the episodes that began with this scan; usually none.</returns>
    /// <exception cref="ArgumentException">The scan names no venue, checkpoint or zone, or the verdict is about another badge.</exception>
    public IReadOnlyList<Alert> Observe(CheckpointScan scan, AccreditationVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(scan.BadgeId, nameof(scan));
        ArgumentException.ThrowIfNullOrEmpty(scan.VenueId, nameof(scan));
        ArgumentException.ThrowIfNullOrEmpty(scan.CheckpointId, nameof(scan));
        ArgumentException.ThrowIfNullOrEmpty(scan.ZoneId, nameof(scan));
        if (verdict.Person is { } person && !string.Equals(person.BadgeId, scan.BadgeId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The verdict is about badge '{person.BadgeId}', the scan about '{scan.BadgeId}'.", nameof(verdict));
        }

        List<Alert>? alerts = null;
        lock (_lock)
        {
            if (!verdict.IsAdmitted)
            {
                ObserveBadgeDenial(scan, verdict, ref alerts);
                ObserveCheckpointDenial(scan, verdict, ref alerts);
            }

            ObserveTravel(scan, verdict, ref alerts);
        }

        return alerts ?? (IReadOnlyList<Alert>)[];
    }

    /// <summary>Forgets the badges and checkpoints whose last scan no window or travel time can reach any more.</summary>
    /// <returns>How many subjects were forgotten.</returns>
    public int Expire()
    {
        var now = _time.GetUtcNow();
        var forgotten = 0;
        lock (_lock)
        {
            forgotten += Expire(_badgeDenials, now - _options.BadgeDenialWindow);
            forgotten += Expire(_checkpointDenials, now - _options.CheckpointDenialWindow);
            forgotten += ExpireSightings(now - _options.OtherCityTravel);
        }

        return forgotten;
    }

    private void ObserveBadgeDenial(CheckpointScan scan, AccreditationVerdict verdict, ref List<Alert>? alerts)
    {
        if (!_badgeDenials.TryGetValue(scan.BadgeId, out var window))
        {
            window = new DenialWindow();
            _badgeDenials.Add(scan.BadgeId, window);
        }

        if (!window.Add(scan, verdict.Reason, _options.BadgeDenials, _options.BadgeDenialWindow, out var bucket))
        {
            return;
        }

        var fields = CommonFields(scan, verdict);
        fields.Add(new(AccreditationAlertFields.Reason, verdict.ReasonName));
        fields.Add(new(AccreditationAlertFields.Denials, (long)window.Denials.Count));
        fields.Add(new(AccreditationAlertFields.WindowSeconds, (long)_options.BadgeDenialWindow.TotalSeconds));
        fields.Add(new(AccreditationAlertFields.ThresholdCount, _options.BadgeDenials));
        (alerts ??= []).Add(Create(
            AccreditationAlertRules.BadgeRepeatedDenials,
            BadgeKey(scan.BadgeId),
            bucket,
            scan,
            fields,
            [new(AccreditationAlertFields.Badge, scan.BadgeId)],
            window));
    }

    private void ObserveCheckpointDenial(CheckpointScan scan, AccreditationVerdict verdict, ref List<Alert>? alerts)
    {
        var key = (scan.VenueId, scan.CheckpointId);
        if (!_checkpointDenials.TryGetValue(key, out var window))
        {
            window = new DenialWindow();
            _checkpointDenials.Add(key, window);
        }

        if (!window.Add(scan, verdict.Reason, _options.CheckpointDenials, _options.CheckpointDenialWindow, out var bucket))
        {
            return;
        }

        // Which reasons the checkpoint gave tells probing (unknown badges) from a checkpoint set up wrongly (valid badges
        // denied a zone or venue they should open).
        var badges = new HashSet<string>(StringComparer.Ordinal);
        Span<long> byReason = stackalloc long[s_denialReasons.Length];
        foreach (var denial in window.Denials)
        {
            badges.Add(denial.BadgeId);
            var index = Array.IndexOf(s_denialReasons, denial.Reason);
            if (index >= 0)
            {
                byReason[index]++;
            }
        }

        var fields = CommonFields(scan, verdict);
        fields.Add(new(AccreditationAlertFields.Reason, verdict.ReasonName));
        fields.Add(new(AccreditationAlertFields.Denials, (long)window.Denials.Count));
        fields.Add(new(AccreditationAlertFields.DistinctBadges, (long)badges.Count));
        for (var i = 0; i < s_denialReasons.Length; i++)
        {
            fields.Add(new(AccreditationAlertFields.DeniedPrefix + AccreditationVerdict.NameOf(s_denialReasons[i]), byReason[i]));
        }

        fields.Add(new(AccreditationAlertFields.WindowSeconds, (long)_options.CheckpointDenialWindow.TotalSeconds));
        fields.Add(new(AccreditationAlertFields.ThresholdCount, _options.CheckpointDenials));
        (alerts ??= []).Add(Create(
            AccreditationAlertRules.CheckpointRepeatedDenials,
            CheckpointKey(scan.VenueId, scan.CheckpointId),
            bucket,
            scan,
            fields,
            [new(AccreditationAlertFields.Venue, scan.VenueId), new(AccreditationAlertFields.Checkpoint, scan.CheckpointId)],
            window));
    }

    // The fields every accreditation alert starts with: where, which badge, whose. The holder's name is left out: the
    // badge id finds it in the registry for those allowed to see it, and alerts travel further than the registry.
    private static List<KeyValuePair<string, object?>> CommonFields(CheckpointScan scan, AccreditationVerdict verdict) =>
    [
        new(AccreditationAlertFields.Venue, scan.VenueId),
        new(AccreditationAlertFields.Checkpoint, scan.CheckpointId),
        new(AccreditationAlertFields.Zone, scan.ZoneId),
        new(AccreditationAlertFields.Badge, scan.BadgeId),
        new(AccreditationAlertFields.Organisation, verdict.Person?.Organisation),
        new(AccreditationAlertFields.Function, verdict.Person?.Function),
    ];

    private static Alert Create(
        AccreditationAlertRule rule,
        string key,
        long bucket,
        CheckpointScan scan,
        List<KeyValuePair<string, object?>> fields,
        KeyValuePair<string, string?>[] group,
        DenialWindow? window = null) => new()
        {
            Id = Alert.MakeId(rule.Id, key, bucket),
            RuleId = rule.Id,
            RuleTitle = rule.Title,
            RuleName = rule.Name,
            RuleAuthor = AccreditationAlertRules.Author,
            Level = rule.Level,
            Timestamp = scan.Time,
            Fields = fields,

            // The alert store folds repeats of a rule by group; without one, every badge's alerts would be folded into one.
            Group = group,
            Count = window?.Denials.Count,
            FirstSeen = window?.Denials[0].Time,
            LastSeen = window?.Denials[^1].Time,
        };

    // Length-prefixed, so no choice of ids can make two subjects spell the same text.
    private static string BadgeKey(string badgeId) =>
        string.Create(CultureInfo.InvariantCulture, $"accreditation/badge/{badgeId.Length}:{badgeId}");

    private static string CheckpointKey(string venueId, string checkpointId) =>
        string.Create(CultureInfo.InvariantCulture, $"accreditation/checkpoint/{venueId.Length}:{venueId}/{checkpointId.Length}:{checkpointId}");

    private static long BucketOf(DateTimeOffset time) => (long)Math.Floor((time - DateTimeOffset.UnixEpoch) / IdBucket);

    private static int Expire<TKey>(Dictionary<TKey, DenialWindow> windows, DateTimeOffset floor)
        where TKey : notnull
    {
        var forgotten = 0;
        foreach (var (key, window) in windows)
        {
            if (window.Latest <= floor && window.Episode.CanForget(floor))
            {
                windows.Remove(key);
                forgotten++;
            }
        }

        return forgotten;
    }

    /// <summary>Whether a condition is in an episode, and the time bucket that numbers the episode for its alert id.</summary>
    private sealed class Episode
    {
        private bool _active;
        private bool _raised;
        private long _bucket;

        /// <summary>Updates the episode; true when <paramref name="active"/> starts a new one, numbered <paramref name="bucket"/>.</summary>
        public bool Begin(bool active, DateTimeOffset at, out long bucket)
        {
            bucket = _bucket;
            if (!active)
            {
                _active = false;
                return false;
            }

            if (_active)
            {
                return false;
            }

            bucket = BucketOf(at);
            if (_raised && bucket <= _bucket)
            {
                bucket = _bucket + 1;
            }

            (_active, _raised, _bucket) = (true, true, bucket);
            return true;
        }

        /// <summary>Ends the episode, if one is running.</summary>
        public void End() => _active = false;

        /// <summary>
        /// Whether the subject can be forgotten once its last scan is at or before <paramref name="floor"/>: it never raised,
        /// or its last episode's bucket lies before the floor's. A new episode after forgetting then starts in a later bucket
        /// and so gets a new id, unless its scans arrive more than a window late.
        /// </summary>
        public bool CanForget(DateTimeOffset floor) => !_raised || _bucket < BucketOf(floor);
    }

    private readonly record struct Denial(DateTimeOffset Time, string BadgeId, AccreditationReason Reason);

    /// <summary>The denials of one subject within its window, oldest first, and its episode.</summary>
    private sealed class DenialWindow
    {
        public List<Denial> Denials { get; } = [];

        public DateTimeOffset Latest { get; private set; } = DateTimeOffset.MinValue;

        public Episode Episode { get; } = new();

        /// <summary>Counts a denial; true when it begins an episode of <paramref name="threshold"/> or more in <paramref name="length"/>.</summary>
        /// <remarks>
        /// The window is the <paramref name="length"/> ending at the newest denial, its start excluded: a denial exactly
        /// one window older has dropped out. Before counting a denial that is the newest, the ones already in its window
        /// are compared with the threshold: fewer means the condition had cleared, which re-arms it. A late denial (older
        /// than the newest) is counted where it belongs but never clears an episode.
        /// </remarks>
        public bool Add(CheckpointScan scan, AccreditationReason reason, int threshold, TimeSpan length, out long bucket)
        {
            var newest = scan.Time >= Latest;
            var floor = (newest ? scan.Time : Latest) - length;
            var stale = 0;
            while (stale < Denials.Count && Denials[stale].Time <= floor)
            {
                stale++;
            }

            Denials.RemoveRange(0, stale);
            if (newest)
            {
                if (Denials.Count < threshold)
                {
                    Episode.End();
                }

                Latest = scan.Time;
            }

            if (scan.Time > floor)
            {
                var at = Denials.Count;
                while (at > 0 && Denials[at - 1].Time > scan.Time)
                {
                    at--;
                }

                Denials.Insert(at, new Denial(scan.Time, scan.BadgeId, reason));
            }

            return Episode.Begin(Denials.Count >= threshold, scan.Time, out bucket);
        }
    }
}
