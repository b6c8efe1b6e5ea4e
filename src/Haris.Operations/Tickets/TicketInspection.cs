namespace Haris.Operations.Tickets;

/// <summary>What a token says once its signature (or its listing) is checked: a genuine ticket's fields, or why it is not one.</summary>
/// <param name="Error"><see cref="TokenError.None"/> for a genuine ticket; otherwise why the token is a counterfeit.</param>
/// <param name="TicketId">The ticket, when genuine.</param>
/// <param name="MatchId">The match it is for.</param>
/// <param name="ZoneId">The zone it seats its holder in.</param>
/// <param name="GateId">The gate printed on it.</param>
/// <param name="NotBefore">The first second it admits, Unix seconds UTC.</param>
/// <param name="NotAfter">The last second it admits, Unix seconds UTC, inclusive.</param>
public readonly record struct TicketInspection(
    TokenError Error,
    string? TicketId,
    string MatchId,
    string ZoneId,
    string GateId,
    long NotBefore,
    long NotAfter)
{
    /// <summary>Whether the token is a genuine ticket.</summary>
    public bool IsGenuine => Error == TokenError.None;

    internal static TicketInspection Counterfeit(TokenError error) => new(error, null, "", "", "", 0, 0);
}
