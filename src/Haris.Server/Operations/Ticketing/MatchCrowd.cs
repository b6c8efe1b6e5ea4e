using Haris.Core.Alerts;
using Haris.Operations.Crowd;
using Haris.Operations.Planning;
using Haris.Operations.Tickets;
using Haris.Operations.Tournaments;
using CrowdDirection = Haris.Operations.Crowd.ScanDirection;
using TicketDirection = Haris.Operations.Tickets.ScanDirection;

namespace Haris.Server.Operations.Ticketing;

/// <summary>
/// The crowd of one match as its turnstile verdicts tell it: who is inside each zone and perimeter, how hard each gate
/// works, how many scans each gate refused and why, and the crowd alerts those raise.
/// </summary>
/// <remarks>
/// Fed with decided scans in the order they were decided (one writer); read by the API and the alert evaluation on
/// other threads. The trackers lock what they share; the per-gate totals and the evaluator have a lock of their own.
/// </remarks>
public sealed class MatchCrowd
{
    private static readonly int s_reasonCount = Enum.GetValues<ScanReason>().Length;

    private readonly OccupancyCrossings _crossings;
    private readonly CrowdAlertEvaluator _evaluator;
    private readonly Lock _totalsLock = new();
    private readonly Lock _evaluateLock = new();
    private readonly Dictionary<string, long[]> _totals = new(StringComparer.Ordinal);
    private readonly Lazy<IngressForecast> _forecast;

    /// <summary>The crowd of <paramref name="match"/> at <paramref name="venue"/>, timed by <paramref name="time"/>.</summary>
    public MatchCrowd(Venue venue, Match match, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(match);
        Venue = venue;
        Match = match;
        Plan = CrowdMatchBuilder.Build(venue, match);
        Occupancy = new OccupancyTracker(venue.Id, match.Id, Plan.Zones.Select(z => z.Id));
        Gates = new GateActivityTracker();
        _crossings = new OccupancyCrossings(venue);
        _evaluator = new CrowdAlertEvaluator(Plan, time);
        _forecast = new Lazy<IngressForecast>(() => IngressForecaster.Forecast(IngressScenarioBuilder.Build(venue, match, venue.Capacity)));
    }

    /// <summary>
    /// The queues to expect at the spectator gates if the match is sold out and fans arrive along the typical pre-match
    /// curve: the plan the live rates are read against, made once per match.
    /// </summary>
    public IngressForecast Forecast => _forecast.Value;

    /// <summary>The venue.</summary>
    public Venue Venue { get; }

    /// <summary>The match.</summary>
    public Match Match { get; }

    /// <summary>The zones and gates watched, with their safe capacities and turnstiles.</summary>
    public CrowdMatch Plan { get; }

    /// <summary>Admitted minus exited, per zone and perimeter.</summary>
    public OccupancyTracker Occupancy { get; }

    /// <summary>Each gate's recent scans by outcome.</summary>
    public GateActivityTracker Gates { get; }

    /// <summary>Counts one decided scan.</summary>
    public void Record(DateTimeOffset time, string gate, TicketDirection direction, in ScanVerdict verdict, string? zone)
    {
        if (Venue.Gate(gate) is null)
        {
            return;
        }

        if (direction == TicketDirection.In)
        {
            Gates.Record(new GateScan(time, gate, OutcomeOf(verdict.Reason)));
        }

        if (verdict.IsAdmitted && zone is not null && Venue.Zone(zone) is not null)
        {
            var crossing = direction == TicketDirection.In ? CrowdDirection.Entry : CrowdDirection.Exit;
            Occupancy.Record(_crossings.For(time, gate, zone, crossing));
        }

        lock (_totalsLock)
        {
            if (!_totals.TryGetValue(gate, out var counts))
            {
                counts = new long[s_reasonCount];
                _totals[gate] = counts;
            }

            counts[(int)verdict.Reason]++;
        }
    }

    /// <summary>The verdicts given at <paramref name="gate"/> since the match's gates opened, by reason.</summary>
    public IReadOnlyDictionary<ScanReason, long> Totals(string gate)
    {
        var totals = new Dictionary<ScanReason, long>();
        lock (_totalsLock)
        {
            if (_totals.TryGetValue(gate, out var counts))
            {
                for (var i = 0; i < counts.Length; i++)
                {
                    if (counts[i] > 0)
                    {
                        totals[(ScanReason)i] = counts[i];
                    }
                }
            }
        }

        return totals;
    }

    /// <summary>Evaluates the crowd alert conditions now; returns the alerts of episodes that just began.</summary>
    public IReadOnlyList<Alert> Evaluate()
    {
        lock (_evaluateLock)
        {
            return _evaluator.Evaluate(Occupancy.Snapshot(), Gates);
        }
    }

    private static GateScanOutcome OutcomeOf(ScanReason reason) => reason switch
    {
        ScanReason.Entered => GateScanOutcome.Admitted,
        ScanReason.Counterfeit => GateScanOutcome.Counterfeit,
        ScanReason.Duplicate => GateScanOutcome.Duplicate,
        _ => GateScanOutcome.Rejected,
    };
}
