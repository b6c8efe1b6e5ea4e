using System.Globalization;
using Haris.Operations.Crowd;
using Haris.Operations.Tickets;
using Haris.Operations.Tournaments;

namespace Haris.Simulation.Ingress;

/// <summary>What an ingress run works from: the tournament, the match, its tickets and how the crowd arrives.</summary>
public sealed class MatchIngress
{
    /// <summary>The tournament the match belongs to.</summary>
    public required Tournament Tournament { get; init; }

    /// <summary>The match whose gates are simulated.</summary>
    public required Match Match { get; init; }

    /// <summary>The match's tickets, each with its signed token; their holders are the crowd.</summary>
    public required IReadOnlyList<IssuedTicket> Tickets { get; init; }

    /// <summary>Tickets of other matches, each presented once at the gates by a fan who came on the wrong day.</summary>
    public IReadOnlyList<IssuedTicket> OtherMatchTickets { get; init; } = [];

    /// <summary>How the crowd arrives, e.g. <see cref="ArrivalCurve.TypicalPreMatch"/>; only its shape is used.</summary>
    /// <remarks>It is read from three hours before kick-off (or gates-open, if earlier) to 15 minutes after kick-off.</remarks>
    public required ArrivalCurve Arrivals { get; init; }

    /// <summary>The zone to put under pressure; by default the one with the most tickets for its safe capacity.</summary>
    public string? PressuredZone { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> when the tickets do not belong to the match and its venue.</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Tournament);
        ArgumentNullException.ThrowIfNull(Match);
        ArgumentNullException.ThrowIfNull(Tickets);
        ArgumentNullException.ThrowIfNull(OtherMatchTickets);
        ArgumentNullException.ThrowIfNull(Arrivals);
        var venue = Tournament.VenueOf(Match);
        if (Tickets.Count == 0)
        {
            throw new ArgumentException("an ingress needs at least one ticket");
        }

        foreach (var ticket in Tickets)
        {
            if (ticket.MatchId != Match.Id || venue.Zone(ticket.ZoneId) is null || venue.Gate(ticket.GateId) is null || ticket.Token is null)
            {
                throw new ArgumentException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"ticket '{ticket.TicketId}' is not a signed ticket of match '{Match.Id}' for a zone and gate of '{venue.Id}'"));
            }
        }

        foreach (var ticket in OtherMatchTickets)
        {
            if (ticket.MatchId == Match.Id || ticket.Token is null)
            {
                throw new ArgumentException($"ticket '{ticket.TicketId}' is not a signed ticket of another match");
            }
        }

        if (PressuredZone is not null && venue.Zone(PressuredZone) is null)
        {
            throw new ArgumentException($"no zone '{PressuredZone}' at '{venue.Id}'");
        }
    }
}

/// <summary>The seed and the shares of each behaviour in an ingress run.</summary>
/// <remarks>The defaults are the ones docs/simulation.md describes; every share is of the match's tickets.</remarks>
public sealed record IngressOptions
{
    /// <summary>Every random choice derives from it; the same seed and tickets give byte-identical scans and labels.</summary>
    public required int Seed { get; init; }

    /// <summary>Holders who never come.</summary>
    public double NoShowShare { get; init; } = 0.03;

    /// <summary>Holders who first try a gate that does not lead to their zone.</summary>
    public double WrongGateShare { get; init; } = 0.03;

    /// <summary>Holders who enter by another gate of their stand than the one printed on the ticket.</summary>
    public double OtherGateShare { get; init; } = 0.08;

    /// <summary>Admitted tickets whose copy a second person presents later at another gate.</summary>
    public double DuplicateShare { get; init; } = 0.005;

    /// <summary>Admitted holders who go out before kick-off and come back.</summary>
    public double ReentryShare { get; init; } = 0.02;

    /// <summary>Counterfeits in the wave at one gate (at least <see cref="MinimumWave"/>).</summary>
    public double CounterfeitWaveShare { get; init; } = 0.004;

    /// <summary>The fewest counterfeits in the wave.</summary>
    public int MinimumWave { get; init; } = 60;

    /// <summary>Counterfeits scattered over all gates and the whole ingress.</summary>
    public double ScatteredCounterfeitShare { get; init; } = 0.001;

    /// <summary>Of the pressured zone's holders who come, the share routed to it in the last half hour before kick-off.</summary>
    public double PressureShare { get; init; } = 0.6;

    /// <summary>Throws <see cref="ArgumentException"/> when a share is not between 0 and 1.</summary>
    internal void Validate()
    {
        Check(NoShowShare, nameof(NoShowShare));
        Check(WrongGateShare, nameof(WrongGateShare));
        Check(OtherGateShare, nameof(OtherGateShare));
        Check(DuplicateShare, nameof(DuplicateShare));
        Check(ReentryShare, nameof(ReentryShare));
        Check(CounterfeitWaveShare, nameof(CounterfeitWaveShare));
        Check(ScatteredCounterfeitShare, nameof(ScatteredCounterfeitShare));
        Check(PressureShare, nameof(PressureShare));
        ArgumentOutOfRangeException.ThrowIfNegative(MinimumWave);
    }

    private static void Check(double share, string name)
    {
        if (!(share >= 0 && share <= 1))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} must be between 0 and 1 (got {share})"));
        }
    }
}

/// <summary>What an ingress run wrote, with the verdict a ticket validator should give each scan, counted.</summary>
/// <param name="Tickets">Tickets of the match.</param>
/// <param name="Fans">Holders who came.</param>
/// <param name="Scans">Lines of <c>scans.jsonl</c>.</param>
/// <param name="Entered">Scans that should admit in (<c>entered</c>).</param>
/// <param name="Exited">Scans that should admit out (<c>exited</c>).</param>
/// <param name="Counterfeit">Scans that should be refused as <c>counterfeit</c>.</param>
/// <param name="Duplicate">Scans that should be refused as <c>duplicate</c>.</param>
/// <param name="WrongGate">Scans that should be refused as <c>wrong_gate</c>.</param>
/// <param name="WrongMatch">Scans that should be refused as <c>wrong_match</c>.</param>
/// <param name="OutsideValidity">Scans that should be refused as <c>outside_validity</c> (none unless the tickets' windows are narrower than the ingress).</param>
/// <param name="Labels">Lines of <c>ingress-labels.jsonl</c>.</param>
public sealed record IngressSummary(
    int Tickets,
    int Fans,
    long Scans,
    long Entered,
    long Exited,
    long Counterfeit,
    long Duplicate,
    long WrongGate,
    long WrongMatch,
    long OutsideValidity,
    int Labels);
