namespace Haris.Storage.Tickets;

/// <summary>One turnstile scan and the verdict it got, written before the verdict is returned to the turnstile.</summary>
/// <remarks>
/// The rows of a match, replayed in <see cref="Id"/> order, rebuild who is inside: the last admitted scan of a ticket says
/// whether it is in or out. Values are the API's names (<c>in</c>, <c>admit</c>, <c>wrong_gate</c>).
/// </remarks>
public sealed class TicketScanRecord
{
    /// <summary>The order in which scans were decided.</summary>
    public long Id { get; set; }

    /// <summary>When the server decided the scan.</summary>
    public DateTimeOffset At { get; set; }

    public required string Venue { get; set; }

    /// <summary>The match the gate was scanning for, or null when it was open for none.</summary>
    public string? Match { get; set; }

    public required string Gate { get; set; }

    /// <summary><c>in</c> or <c>out</c>.</summary>
    public required string Direction { get; set; }

    /// <summary><c>admit</c> or <c>reject</c>.</summary>
    public required string Decision { get; set; }

    /// <summary><c>entered</c>, <c>exited</c>, <c>counterfeit</c>, <c>duplicate</c>, <c>wrong_gate</c>, ...</summary>
    public required string Reason { get; set; }

    /// <summary>For a wrong gate: the gate the ticket names.</summary>
    public string? RedirectGate { get; set; }

    /// <summary>The ticket, once known genuine; null for a counterfeit.</summary>
    public string? TicketId { get; set; }

    /// <summary>The zone of the ticket, for occupancy; null for a counterfeit.</summary>
    public string? Zone { get; set; }

    /// <summary>For a counterfeit: what is wrong with the token (<c>bad_signature</c>, <c>unknown_key</c>, ...).</summary>
    public string? TokenError { get; set; }

    /// <summary>The API key of the turnstile that sent the scan.</summary>
    public required string Sensor { get; set; }
}
