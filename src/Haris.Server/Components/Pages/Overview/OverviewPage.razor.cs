using System.Globalization;
using Haris.Server.Api;
using Haris.Server.Operations.Ticketing;
using Haris.Storage;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Haris.Server.Components.Pages.Overview;

/// <summary>The room at a glance: a tile per venue (its match's crowd, its gates, its open incidents) and the cyber picture.</summary>
public sealed partial class OverviewPage
{
    private IReadOnlyList<Tile> _tiles = [];
    private StatisticsApi.Summary? _summary;
    private IReadOnlyList<long> _perMinute = [];
    private IReadOnlyList<string> _minuteLabels = [];
    private IReadOnlyList<StatisticsApi.SeriesKey> _kinds = [];
    private IReadOnlyList<SourceCount> _sources = [];

    [Inject]
    private Haris.Server.Operations.TournamentCatalog Catalog { get; set; } = null!;

    [Inject]
    private TicketOffice Office { get; set; } = null!;

    [Inject]
    private IDbContextFactory<HarisDbContext> Contexts { get; set; } = null!;

    [Inject]
    private VenueClock Clock { get; set; } = null!;

    // Crowd counts move with every scan, which the live feed does not announce.
    protected override TimeSpan? Poll => TimeSpan.FromSeconds(5);

    protected override async Task LoadAsync()
    {
        var venues = ApiAnswer.Read(VenuesApi.ListVenues(Catalog, Caller)).Value ?? [];
        var open = ApiAnswer.Read(await IncidentsApi.ListAsync(
            new IncidentsApi.IncidentQuery(null, null, null, null, null, true, null, 1, 500), Caller, Contexts, Stopping).ConfigureAwait(true)).Value;
        var openByVenue = (open?.Items ?? []).Where(i => i.Venue is not null).GroupBy(i => i.Venue!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        _tiles = [.. venues.Select(v => new Tile(
            v,
            ApiAnswer.Read(ScansApi.GetCrowd(v.Id, null, Caller, Office, Time)).Value,
            openByVenue.GetValueOrDefault(v.Id)))];

        if (!May(StatisticsApi.Readers))
        {
            return;
        }

        _summary = (await StatisticsApi.SummaryAsync(Contexts, Time, Stopping).ConfigureAwait(true)).Value;
        var attacks = ApiAnswer.Read(await StatisticsApi.AttacksAsync(
            new StatisticsApi.AttackQuery(null, null, "minute", "kind", null), Contexts, Time, Stopping).ConfigureAwait(true)).Value;
        if (attacks is not null)
        {
            _perMinute = [.. attacks.Buckets.Select(b => b.Total)];
            _minuteLabels = [.. attacks.Buckets.Select(b => b.Start.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture) + " UTC")];
            _kinds = [.. attacks.Keys.Take(8)];
        }

        var hourAgo = Time.GetUtcNow().AddHours(-1);
        await using var db = await Contexts.CreateDbContextAsync(Stopping).ConfigureAwait(true);
        // SQLite cannot sum 64-bit counts per group and order by them in one statement; the hour's rows are few.
        var rows = await db.Alerts.AsNoTracking()
            .Where(a => a.Timestamp >= hourAgo && a.SourceIp != null)
            .Select(a => new { a.SourceIp, a.Count })
            .ToListAsync(Stopping).ConfigureAwait(true);
        _sources = [.. rows.GroupBy(r => r.SourceIp!, StringComparer.Ordinal)
            .Select(g => new SourceCount(g.Key, g.Sum(r => r.Count)))
            .OrderByDescending(s => s.Attacks).ThenBy(s => s.Address, StringComparer.Ordinal).Take(8)];
    }

    private static string Band(double percent) => percent >= 95 ? "haris-danger" : percent >= 85 ? "haris-warn" : "haris-ok";

    private sealed record Tile(VenuesApi.VenueSummary Venue, ScansApi.CrowdView? Crowd, int OpenIncidents);

    private sealed record SourceCount(string Address, long Attacks);
}
