namespace Haris.Operations.Tickets;

/// <summary>Decides whether a turnstile admits a scanned ticket (docs/tickets.md gives the order of the checks).</summary>
/// <remarks>
/// Thread-safe: one validator serves every gate. Every check but the last only reads; the last,
/// <see cref="ITicketPresence.TryEnter"/>, is atomic, so of concurrent scans of one ticket at any gates exactly one is
/// admitted. A scan allocates the ticket id string and nothing else on the common path (a verdict is a struct).
/// </remarks>
public sealed class TicketValidator
{
    private readonly TicketKeyRing _keys;
    private readonly TicketRegistry _registry;
    private readonly ITicketGates _gates;
    private readonly ITicketRevocations _revocations;
    private readonly ITicketPresence _presence;
    private readonly TimeProvider _time;

    /// <summary>A validator over the given keys, imported tickets, gates, revocations, presence and clock.</summary>
    public TicketValidator(
        TicketKeyRing keys,
        TicketRegistry registry,
        ITicketGates gates,
        ITicketRevocations revocations,
        ITicketPresence presence,
        TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(gates);
        ArgumentNullException.ThrowIfNull(revocations);
        ArgumentNullException.ThrowIfNull(presence);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _keys = keys;
        _registry = registry;
        _gates = gates;
        _revocations = revocations;
        _presence = presence;
        _time = timeProvider;
    }

    /// <summary>Validates one scan and, when it is admitted, records the ticket as inside (or outside, for an exit).</summary>
    public ScanVerdict Validate(ScanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request.Gate, nameof(request));
        var token = request.Token;
        if (string.IsNullOrEmpty(token))
        {
            return ScanVerdict.Counterfeit(TokenError.Malformed);
        }

        // A ticket id never contains '.', so the dot alone tells a signed token from an imported barcode.
        return token.Contains('.', StringComparison.Ordinal) ? ValidateSigned(request) : ValidateBarcode(request);
    }

    private ScanVerdict ValidateSigned(ScanRequest request)
    {
        Span<byte> payload = stackalloc byte[TicketToken.MaxPayloadBytes];
        Span<byte> signature = stackalloc byte[TicketToken.SignatureBytes];
        Span<char> chars = stackalloc char[TicketToken.MaxPayloadBytes];
        if (!TicketToken.TryDecode(request.Token, payload, signature, chars, out var fields, out var length))
        {
            return ScanVerdict.Counterfeit(TokenError.Malformed);
        }

        var error = _keys.Verify(fields.KeyId, payload[..length], signature);
        if (error != TokenError.None)
        {
            return ScanVerdict.Counterfeit(error);
        }

        return Check(request, fields.TicketId.ToString(), fields.MatchId, fields.ZoneId, fields.GateId, fields.NotBefore, fields.NotAfter);
    }

    private ScanVerdict ValidateBarcode(ScanRequest request)
    {
        // A listed ticket that has a token is only admitted by its token: its bare id is printed for anyone to copy.
        if (!_registry.TryGet(request.Token, out var ticket) || ticket.Token is not null)
        {
            return ScanVerdict.Counterfeit(TokenError.UnknownBarcode);
        }

        return Check(
            request,
            ticket.TicketId,
            ticket.MatchId,
            ticket.ZoneId,
            ticket.GateId,
            ticket.ValidFrom.ToUnixTimeSeconds(),
            ticket.ValidTo.ToUnixTimeSeconds());
    }

    private ScanVerdict Check(
        ScanRequest request,
        string ticketId,
        ReadOnlySpan<char> matchId,
        ReadOnlySpan<char> zoneId,
        ReadOnlySpan<char> gateId,
        long notBefore,
        long notAfter)
    {
        var currentMatch = _gates.CurrentMatch(request.Gate);
        if (currentMatch is null || !matchId.SequenceEqual(currentMatch))
        {
            return ScanVerdict.Reject(ScanReason.WrongMatch, ticketId);
        }

        // Leaving is never refused for time, revocation or gate: a holder whose ticket expired or was revoked while
        // inside, or who leaves by the nearest gate, must get out. Only a second exit in a row is refused.
        if (request.Direction == ScanDirection.Out)
        {
            return _presence.Exit(ticketId)
                ? ScanVerdict.Admit(ScanReason.Exited, ticketId)
                : ScanVerdict.Reject(ScanReason.Duplicate, ticketId);
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (now < notBefore || now > notAfter)
        {
            return ScanVerdict.Reject(ScanReason.OutsideValidity, ticketId);
        }

        if (_revocations.IsRevoked(ticketId))
        {
            return ScanVerdict.Reject(ScanReason.Revoked, ticketId);
        }

        if (!gateId.SequenceEqual(request.Gate) && !_gates.ServesZone(request.Gate, zoneId.ToString()))
        {
            return ScanVerdict.Reject(ScanReason.WrongGate, ticketId, gateId.ToString());
        }

        return _presence.TryEnter(ticketId)
            ? ScanVerdict.Admit(ScanReason.Entered, ticketId)
            : ScanVerdict.Reject(ScanReason.Duplicate, ticketId);
    }
}
