using Haris.Server.Api;
using Haris.Server.Operations.Accreditation;
using Haris.Server.Operations.Ticketing;
using Haris.Storage;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Haris.Server.Components.Pages.Access;

/// <summary>Turnstile verdicts by reason over the last two hours (<c>ticket_scans</c>), and accreditation denials (<c>checkpoint_scans</c>).</summary>
public sealed partial class AccessPage
{
    private static readonly TimeSpan s_window = TimeSpan.FromHours(2);
    private static readonly TimeSpan s_bucket = TimeSpan.FromMinutes(10);

    private readonly IReadOnlyList<string> _reasons = ScanNames.Reasons;
    private IReadOnlyList<Bucket> _buckets = [];
    private IReadOnlyList<ScansApi.ScanItem> _rejects = [];
    private AccreditationApi.CheckpointScanPage? _denials;
    private string? _denialsProblem;
    private IReadOnlyList<VenuesApi.VenueSummary> _venues = [];
    private string? _venue;

    /// <summary>The venue to show first (<c>/access?venue=dunes</c>); else the first the caller may see.</summary>
    [SupplyParameterFromQuery(Name = "venue")]
    public string? VenueQuery { get; set; }

    [Inject]
    private IDbContextFactory<HarisDbContext> Contexts { get; set; } = null!;

    [Inject]
    private LiveAccreditation Accreditation { get; set; } = null!;

    [Inject]
    private VenueClock Clock { get; set; } = null!;

    [Inject]
    private Operations.TournamentCatalog Catalog { get; set; } = null!;

    // Scans are not announced on the live feed.
    protected override TimeSpan? Poll => TimeSpan.FromSeconds(10);

    protected override bool Wants(Pipeline.LiveUpdate update) => false;

    protected override async Task LoadAsync()
    {
        // One venue at a time, so that its times read in its own time zone.
        _venues = ApiAnswer.Read(VenuesApi.ListVenues(Catalog, Caller)).Value ?? [];
        _venue ??= VenueQuery;
        _venue = _venues.Any(v => v.Id == _venue) ? _venue : _venues.FirstOrDefault()?.Id;
        var now = Time.GetUtcNow();
        var from = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % s_bucket.Ticks), TimeSpan.Zero) - s_window + s_bucket;
        await using (var db = await Contexts.CreateDbContextAsync(Stopping).ConfigureAwait(true))
        {
            var venue = _venue;
            var scans = db.TicketScans.AsNoTracking().Where(s => s.At >= from && s.Venue == venue);

            // Counted in memory: bucketing times is spelled differently on SQLite and PostgreSQL (as in StatisticsApi).
            var rows = await scans.GroupBy(s => new { s.At, s.Reason }).Select(g => new { g.Key.At, g.Key.Reason, Count = g.Count() })
                .ToListAsync(Stopping).ConfigureAwait(true);
            var count = (int)(s_window.Ticks / s_bucket.Ticks);
            var buckets = Enumerable.Range(0, count).Select(i => new Bucket(from + (s_bucket * i), new Dictionary<string, int>(StringComparer.Ordinal))).ToList();
            foreach (var row in rows)
            {
                var index = (int)((row.At - from).Ticks / s_bucket.Ticks);
                if (index >= 0 && index < count)
                {
                    buckets[index].Counts[row.Reason] = buckets[index].Counts.GetValueOrDefault(row.Reason) + row.Count;
                }
            }

            _buckets = buckets;
        }

        _rejects = ApiAnswer.Read(await ScansApi.ListAsync(
            new ScansApi.ScanQuery(_venue, null, null, null, "reject", null, 1, 20), Caller, Contexts, Stopping).ConfigureAwait(true)).Value?.Items ?? [];

        if (May(AccreditationApi.ScanReaders))
        {
            var denials = ApiAnswer.Read(await AccreditationApi.ListScansAsync(
                new AccreditationApi.CheckpointScanQuery(_venue, null, null, "deny", null, null, 1, 20), Caller, Accreditation, Contexts, Stopping).ConfigureAwait(true));
            _denials = denials.Value;
            _denialsProblem = denials.Problem;
        }
    }

    private async Task OnVenueChangedAsync(string venue)
    {
        _venue = venue;
        await LoadAsync().ConfigureAwait(true);
    }

    private sealed record Bucket(DateTimeOffset Start, Dictionary<string, int> Counts);
}
