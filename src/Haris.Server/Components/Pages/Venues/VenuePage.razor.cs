using Haris.Server.Api;
using Haris.Server.Operations;
using Haris.Server.Operations.Ticketing;
using Haris.Server.Pipeline;
using Microsoft.AspNetCore.Components;

namespace Haris.Server.Components.Pages.Venues;

/// <summary>One venue: its zones drawn as blocks coloured by occupancy against safe capacity, and its gates' flow.</summary>
public sealed partial class VenuePage
{
    private const int Columns = 3;
    private const int CellWidth = 200;
    private const int CellHeight = 70;

    private VenuesApi.VenueDetail? _venue;
    private ScansApi.CrowdView? _crowd;

    /// <summary>The venue's id.</summary>
    [Parameter]
    public string Id { get; set; } = "";

    [Inject]
    private TournamentCatalog Catalog { get; set; } = null!;

    [Inject]
    private TicketOffice Office { get; set; } = null!;

    [Inject]
    private VenueClock Clock { get; set; } = null!;

    private int MapWidth => Columns * CellWidth;

    private int MapHeight => Math.Max(1, (((_venue?.Zones.Count ?? 0) + Columns - 1) / Columns) * CellHeight);

    // Crowd counts move with every scan, which the live feed does not announce.
    protected override TimeSpan? Poll => TimeSpan.FromSeconds(5);

    protected override bool Wants(LiveUpdate update) => false;

    protected override Task LoadAsync()
    {
        _venue = ApiAnswer.Read(VenuesApi.GetVenue(Id, Catalog, Caller)).Value;
        _crowd = _venue is null ? null : ApiAnswer.Read(ScansApi.GetCrowd(Id, null, Caller, Office, Time)).Value;
        return Task.CompletedTask;
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_venue is not null && _venue.Venue.Id != Id)
        {
            await LoadAsync().ConfigureAwait(true);
        }
    }

    private long Inside(string zone) => _crowd?.Zones.FirstOrDefault(z => z.Id == zone)?.Inside ?? 0;

    private double Percent(string zone) => _crowd?.Zones.FirstOrDefault(z => z.Id == zone)?.OccupancyPercent ?? 0;

    private static string Fill(double percent) => percent >= 95 ? "#e57373" : percent >= 85 ? "#ffd54f" : "#a5d6a7";
}
