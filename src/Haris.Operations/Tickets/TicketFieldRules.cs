using System.Text;

namespace Haris.Operations.Tickets;

/// <summary>What a ticket's fields may hold, checked the same way when issuing, importing and registering.</summary>
/// <remarks>
/// Identifiers are at most <see cref="MaxIdBytes"/> UTF-8 bytes so that every field fits a one-byte length prefix in the
/// token; control characters are refused because these values reach CSV files, logs and screens. A ticket id may not
/// contain '.', the character that tells a signed token from a bare barcode at the turnstile.
/// </remarks>
internal static class TicketFieldRules
{
    /// <summary>The longest identifier (ticket, match, zone, gate) or seat, in UTF-8 bytes.</summary>
    public const int MaxIdBytes = 64;

    /// <summary>Unix seconds of 9999-12-31T23:59:59Z, the last instant a <see cref="DateTimeOffset"/> can hold.</summary>
    public const long MaxUnixSeconds = 253_402_300_799;

    /// <summary>The first problem with a ticket's fields, or null when it may be issued or registered.</summary>
    public static string? Check(IssuedTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return CheckId("ticket id", ticket.TicketId)
            ?? (ticket.TicketId.Contains('.', StringComparison.Ordinal) ? "ticket id may not contain '.'" : null)
            ?? CheckId("match", ticket.MatchId)
            ?? CheckId("zone", ticket.ZoneId)
            ?? CheckId("gate", ticket.GateId)
            ?? CheckText("seat", ticket.Seat)
            ?? CheckWindow(ticket.ValidFrom, ticket.ValidTo);
    }

    /// <summary>The problem with a required identifier, or null.</summary>
    public static string? CheckId(string what, string? value) =>
        string.IsNullOrEmpty(value) ? $"{what} is empty" : CheckText(what, value);

    /// <summary>The problem with a possibly empty text field, or null.</summary>
    public static string? CheckText(string what, string? value)
    {
        if (value is null)
        {
            return $"{what} is missing";
        }

        if (Encoding.UTF8.GetByteCount(value) > MaxIdBytes)
        {
            return $"{what} is longer than {MaxIdBytes} bytes";
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return $"{what} contains a control character";
            }
        }

        return null;
    }

    /// <summary>The problem with a validity window, or null.</summary>
    public static string? CheckWindow(DateTimeOffset from, DateTimeOffset to)
    {
        if (from.ToUnixTimeSeconds() < 0)
        {
            return "valid_from is before 1970";
        }

        return to < from ? "valid_to is before valid_from" : null;
    }

    /// <summary>The instant in UTC, cut to whole seconds as the token carries it.</summary>
    public static DateTimeOffset ToWholeSeconds(DateTimeOffset instant) =>
        DateTimeOffset.FromUnixTimeSeconds(instant.ToUnixTimeSeconds());
}
