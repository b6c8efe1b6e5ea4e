namespace Haris.Operations.Tickets;

/// <summary>Whether the turnstile opens.</summary>
public enum ScanDecision
{
    /// <summary>Open the turnstile.</summary>
    Admit,

    /// <summary>Keep it closed.</summary>
    Reject,
}

/// <summary>Why a scan was admitted or rejected; <see cref="ScanVerdict.ReasonName"/> gives the API's name.</summary>
public enum ScanReason
{
    /// <summary>Admitted in: the ticket is now inside (<c>entered</c>).</summary>
    Entered,

    /// <summary>Admitted out: the ticket is now outside and may enter again (<c>exited</c>).</summary>
    Exited,

    /// <summary>Not a genuine ticket: malformed, unknown or retired key, bad signature, unlisted barcode (<c>counterfeit</c>).</summary>
    Counterfeit,

    /// <summary>The gate is scanning for another match, or for none (<c>wrong_match</c>).</summary>
    WrongMatch,

    /// <summary>Now is outside the ticket's validity window (<c>outside_validity</c>).</summary>
    OutsideValidity,

    /// <summary>The ticket has been revoked (<c>revoked</c>).</summary>
    Revoked,

    /// <summary>The gate does not serve the ticket's zone; <see cref="ScanVerdict.RedirectGate"/> says where to go (<c>wrong_gate</c>).</summary>
    WrongGate,

    /// <summary>Entering while already inside, or leaving while already outside (<c>duplicate</c>).</summary>
    Duplicate,
}

/// <summary>The answer to a scan.</summary>
/// <param name="Decision">Whether the turnstile opens.</param>
/// <param name="Reason">Why.</param>
/// <param name="RedirectGate">For <see cref="ScanReason.WrongGate"/>: the gate the ticket names.</param>
/// <param name="TicketId">The ticket scanned, once it is known to be genuine; null for counterfeits.</param>
/// <param name="TokenError">For <see cref="ScanReason.Counterfeit"/>: what is wrong with the token, for the log, not the turnstile.</param>
public readonly record struct ScanVerdict(
    ScanDecision Decision,
    ScanReason Reason,
    string? RedirectGate = null,
    string? TicketId = null,
    TokenError TokenError = TokenError.None)
{
    /// <summary>Whether the turnstile opens.</summary>
    public bool IsAdmitted => Decision == ScanDecision.Admit;

    /// <summary>The decision as the API spells it: <c>admit</c> or <c>reject</c>.</summary>
    public string DecisionName => Decision == ScanDecision.Admit ? "admit" : "reject";

    /// <summary>The reason as the API spells it (<c>counterfeit</c>, <c>wrong_gate</c>, ...).</summary>
    public string ReasonName => Reason switch
    {
        ScanReason.Entered => "entered",
        ScanReason.Exited => "exited",
        ScanReason.Counterfeit => "counterfeit",
        ScanReason.WrongMatch => "wrong_match",
        ScanReason.OutsideValidity => "outside_validity",
        ScanReason.Revoked => "revoked",
        ScanReason.WrongGate => "wrong_gate",
        ScanReason.Duplicate => "duplicate",
        _ => throw new ArgumentOutOfRangeException(nameof(Reason), Reason, null),
    };

    internal static ScanVerdict Counterfeit(TokenError error) => new(ScanDecision.Reject, ScanReason.Counterfeit, TokenError: error);

    internal static ScanVerdict Reject(ScanReason reason, string ticketId, string? redirectGate = null) =>
        new(ScanDecision.Reject, reason, redirectGate, ticketId);

    internal static ScanVerdict Admit(ScanReason reason, string ticketId) => new(ScanDecision.Admit, reason, TicketId: ticketId);
}
