namespace Haris.Operations.Tickets;

/// <summary>Decides whether a turnstile admits a scanned ticket (docs/tickets.md gives the order of the checks).</summary>
/// <remarks>
/// Thread-safe: one validator serves every gate. Every check but the last only reads; the last,
/// <see cref="ITicketPresence.TryEnter"/>, is atomic, so of concurrent scans of one ticket at any gates exactly one is
/// admitted. <see cref="Inspect"/> (the signature) and <see cref="Decide"/> (everything that depends on the moment and
/// on who is inside) may run apart: a server checks signatures on many threads and decides on one, in order.
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
        var inspection = Inspect(request);
        return Decide(request, inspection);
    }

    /// <summary>
    /// The checks that read nothing that changes: is the token genuine (signature, key, listed barcode), and what does it
    /// name. Safe to run on many threads at once; the costly part of a scan (the signature) is here.
    /// </summary>
    public TicketInspection Inspect(ScanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request.Gate, nameof(request));
        var token = request.Token;
        if (string.IsNullOrEmpty(token))
        {
            return TicketInspection.Counterfeit(TokenError.Malformed);
        }

        // A ticket id never contains '.', so the dot alone tells a signed token from an imported barcode.
        return token.Contains('.', StringComparison.Ordinal) ? InspectSigned(token) : InspectBarcode(token);
    }

    /// <summary>
    /// The checks against the moment and the match (gate, validity, revocation, who is inside) for a scan already
    /// <see cref="Inspect">inspected</see>; an admitted scan moves the ticket in or out.
    /// </summary>
    /// <remarks>
    /// Of concurrent decisions on one ticket exactly one admits; a caller that decides scans one at a time, in order,
    /// also gets verdicts that follow that order.
    /// </remarks>
    public ScanVerdict Decide(ScanRequest request, in TicketInspection inspection)
    {
        ArgumentNullException.ThrowIfNull(request.Gate, nameof(request));
        if (!inspection.IsGenuine)
        {
            return ScanVerdict.Counterfeit(inspection.Error);
        }

        return Check(request, inspection.TicketId!, inspection.MatchId, inspection.ZoneId, inspection.GateId, inspection.NotBefore, inspection.NotAfter);
    }

    private TicketInspection InspectSigned(string token)
    {
        Span<byte> payload = stackalloc byte[TicketToken.MaxPayloadBytes];
        Span<byte> signature = stackalloc byte[TicketToken.SignatureBytes];
        Span<char> chars = stackalloc char[TicketToken.MaxPayloadBytes];
        if (!TicketToken.TryDecode(token, payload, signature, chars, out var fields, out var length))
        {
            return TicketInspection.Counterfeit(TokenError.Malformed);
        }

        var error = _keys.Verify(fields.KeyId, payload[..length], signature);
        if (error != TokenError.None)
        {
            return TicketInspection.Counterfeit(error);
        }

        return new TicketInspection(
            TokenError.None,
            fields.TicketId.ToString(),
            fields.MatchId.ToString(),
            fields.ZoneId.ToString(),
            fields.GateId.ToString(),
            fields.NotBefore,
            fields.NotAfter);
    }

    private TicketInspection InspectBarcode(string token)
    {
        // A listed ticket that has a token is only admitted by its token: its bare id is printed for anyone to copy.
        if (!_registry.TryGet(token, out var ticket) || ticket.Token is not null)
        {
            return TicketInspection.Counterfeit(TokenError.UnknownBarcode);
        }

        return new TicketInspection(
            TokenError.None,
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
