using System.Collections.Concurrent;
using Haris.Operations.Tickets;
using Haris.Operations.Tournaments;
using Haris.Storage;
using Haris.Storage.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haris.Server.Operations.Ticketing;

/// <summary>
/// Everything the turnstiles are checked against: the ticket keys, the imported tickets, the revocations, who is inside,
/// the gates of each venue and the crowd of each match. One per server.
/// </summary>
/// <remarks>
/// The state lives in memory and is rebuilt at start from the database (<see cref="LoadAsync"/>): imported tickets,
/// revocations, and the decided scans of the matches under way, replayed in the order they were decided.
/// </remarks>
public sealed class TicketOffice : IDisposable
{
    private readonly Dictionary<string, VenueGates> _gates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TicketValidator> _validators = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MatchCrowd> _crowds = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TicketKeyRing? _keys;

    /// <summary>The office of the configured tournament, with the keys of <see cref="TicketingOptions.KeyDirectory"/>.</summary>
    public TicketOffice(TournamentCatalog catalog, IOptions<TicketingOptions> options, IOptions<StorageOptions> storage, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        _time = time;
        Tournament = catalog.Tournament;
        KeyDirectory = Path.GetFullPath(options.Value.KeyDirectory ?? Path.Combine(storage.Value.DataDirectory, KeysFolder));
        if (Tournament is null)
        {
            return;
        }

        try
        {
            // The server makes the first key when there is none, so `haris tickets issue --data` signs with it.
            _keys = TicketKeyRing.LoadOrCreate(KeyDirectory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or System.Security.Cryptography.CryptographicException)
        {
            throw new Hosting.ServerConfigurationException($"ticket keys in '{KeyDirectory}': {ex.Message}");
        }

        foreach (var venue in Tournament.Venues)
        {
            var gates = new VenueGates(venue, Tournament.Matches, time);
            _gates[venue.Id] = gates;
            _validators[venue.Id] = new TicketValidator(_keys, Registry, gates, Revocations, Presence, time);
        }
    }

    /// <summary>The folder of the ticket keys inside the data directory, as <c>haris tickets issue</c> names it.</summary>
    public const string KeysFolder = "ticket-keys";

    /// <summary>The tournament, or null when the server runs without one (then no scan is accepted).</summary>
    public Tournament? Tournament { get; }

    /// <summary>Where the keys are read from.</summary>
    public string KeyDirectory { get; }

    /// <summary>The ids of the keys that verify tickets.</summary>
    public IReadOnlyList<string> KeyIds => _keys?.KeyIds ?? [];

    /// <summary>The keys that verify tickets; null without a tournament.</summary>
    public TicketKeyRing? Keys => _keys;

    /// <summary>Tickets imported from lists.</summary>
    public TicketRegistry Registry { get; } = new();

    /// <summary>Revoked tickets.</summary>
    public InMemoryTicketRevocations Revocations { get; } = new();

    /// <summary>Who is inside now.</summary>
    public InMemoryTicketPresence Presence { get; } = new();

    /// <summary>The gates of <paramref name="venueId"/>, or null for a venue the tournament does not have.</summary>
    public VenueGates? GatesAt(string venueId) => _gates.GetValueOrDefault(venueId);

    /// <summary>The validator of <paramref name="venueId"/>'s gates, or null for a venue the tournament does not have.</summary>
    public TicketValidator? ValidatorAt(string venueId) => _validators.GetValueOrDefault(venueId);

    /// <summary>The crowd of <paramref name="match"/>, created at its first scan.</summary>
    public MatchCrowd CrowdOf(Match match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return _crowds.GetOrAdd(match.Id, static (_, state) => new MatchCrowd(state.Venue, state.Match, state.Time), (Venue: _gates[match.VenueId].Venue, Match: match, Time: _time));
    }

    /// <summary>The crowd of the match with <paramref name="matchId"/> if it has had a scan.</summary>
    public MatchCrowd? FindCrowd(string matchId) => _crowds.GetValueOrDefault(matchId);

    /// <summary>The crowds of every match that has had a scan.</summary>
    public IReadOnlyList<MatchCrowd> Crowds => [.. _crowds.Values];

    /// <summary>Rebuilds the state from the database: imported tickets, revocations, and the scans of the matches under way.</summary>
    public async Task LoadAsync(IDbContextFactory<HarisDbContext> contexts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        if (Tournament is null)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var ticket in db.ImportedTickets.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            Registry.TryAdd(ToIssued(ticket));
        }

        await foreach (var id in db.TicketRevocations.AsNoTracking().Select(r => r.TicketId).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            Revocations.Revoke(id);
        }

        var now = _time.GetUtcNow();
        var current = _gates.Values.Select(g => g.MatchAt(now)).OfType<Match>().Select(m => m.Id).ToList();
        var scans = db.TicketScans.AsNoTracking().Where(s => s.Match != null && current.Contains(s.Match)).OrderBy(s => s.Id);
        await foreach (var scan in scans.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            Replay(scan);
        }
    }

    /// <summary>The ticket of an imported list row.</summary>
    public static IssuedTicket ToIssued(ImportedTicketRecord ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return new IssuedTicket(ticket.TicketId, ticket.Match, ticket.Zone, ticket.Gate, ticket.Seat, ticket.ValidFrom, ticket.ValidTo, ticket.Token);
    }

    private void Replay(TicketScanRecord scan)
    {
        if (Tournament!.Match(scan.Match!) is not { } match || !ScanNames.TryParseReason(scan.Reason, out var reason))
        {
            return;
        }

        var direction = scan.Direction == ScanNames.Out ? ScanDirection.Out : ScanDirection.In;
        if (scan.TicketId is { } ticket)
        {
            if (reason == ScanReason.Entered)
            {
                Presence.TryEnter(ticket);
            }
            else if (reason == ScanReason.Exited)
            {
                Presence.Exit(ticket);
            }
        }

        var verdict = new ScanVerdict(
            reason is ScanReason.Entered or ScanReason.Exited ? ScanDecision.Admit : ScanDecision.Reject, reason, scan.RedirectGate, scan.TicketId);
        CrowdOf(match).Record(scan.At, scan.Gate, direction, verdict, scan.Zone);
    }

    /// <inheritdoc />
    public void Dispose() => _keys?.Dispose();
}
