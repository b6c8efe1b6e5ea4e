using System.Globalization;

namespace Haris.Operations.Tickets;

/// <summary>One problem in an imported ticket file.</summary>
/// <param name="Line">The 1-based line number in the file.</param>
/// <param name="Message">What is wrong, naming the column.</param>
public sealed record TicketCsvError(int Line, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"line {Line}: {Message}";
}

/// <summary>The tickets read from a file, and the lines that could not be read.</summary>
/// <param name="Tickets">The tickets of every good line, in file order.</param>
/// <param name="Errors">One entry per bad line (the header included), in file order.</param>
public sealed record TicketCsvReadResult(IReadOnlyList<IssuedTicket> Tickets, IReadOnlyList<TicketCsvError> Errors)
{
    /// <summary>Whether every line was read.</summary>
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Ticket lists as CSV (RFC 4180): a header, then one ticket per line with the columns <c>ticket_id, match, zone,
/// gate, seat, valid_from, valid_to, token</c>; times in ISO 8601 UTC.
/// </summary>
public static class TicketCsv
{
    /// <summary>The columns, in the order <see cref="Write"/> writes them.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["ticket_id", "match", "zone", "gate", "seat", "valid_from", "valid_to", "token"];

    private const int TicketIdColumn = 0;
    private const int MatchColumn = 1;
    private const int ZoneColumn = 2;
    private const int GateColumn = 3;
    private const int SeatColumn = 4;
    private const int ValidFromColumn = 5;
    private const int ValidToColumn = 6;
    private const int TokenColumn = 7;

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>Writes a header and one line per ticket; an imported ticket's token column is empty.</summary>
    public static void Write(TextWriter writer, IEnumerable<IssuedTicket> tickets)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(tickets);
        writer.Write(string.Join(',', Columns));
        writer.Write("\r\n");
        foreach (var ticket in tickets)
        {
            WriteField(writer, ticket.TicketId);
            writer.Write(',');
            WriteField(writer, ticket.MatchId);
            writer.Write(',');
            WriteField(writer, ticket.ZoneId);
            writer.Write(',');
            WriteField(writer, ticket.GateId);
            writer.Write(',');
            WriteField(writer, ticket.Seat);
            writer.Write(',');
            writer.Write(ticket.ValidFrom.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(ticket.ValidTo.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture));
            writer.Write(',');
            WriteField(writer, ticket.Token ?? "");
            writer.Write("\r\n");
        }
    }

    /// <summary>
    /// Reads a ticket list. Columns may come in any order; <c>seat</c> and <c>token</c> may be left out (a list from
    /// another ticketing system is barcodes only). Each bad line is reported with its number and skipped.
    /// </summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="keys">
    /// When given, every token must verify against these keys; in any case a token must say what its line's columns
    /// say, so a list edited after issuing is caught.
    /// </param>
    public static TicketCsvReadResult Read(TextReader reader, TicketKeyRing? keys = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var tickets = new List<IssuedTicket>();
        var errors = new List<TicketCsvError>();
        var fields = new List<string>(Columns.Count);

        var header = reader.ReadLine();
        if (header is null)
        {
            errors.Add(new TicketCsvError(1, $"the file is empty; expected a header: {string.Join(',', Columns)}"));
            return new TicketCsvReadResult(tickets, errors);
        }

        if (header.StartsWith('\uFEFF'))
        {
            header = header[1..];
        }

        if (string.IsNullOrWhiteSpace(header))
        {
            errors.Add(new TicketCsvError(1, $"the first line is blank; expected a header: {string.Join(',', Columns)}"));
            return new TicketCsvReadResult(tickets, errors);
        }

        if (!TryReadHeader(header, fields, out var positions, out var headerError))
        {
            errors.Add(new TicketCsvError(1, headerError));
            return new TicketCsvReadResult(tickets, errors);
        }

        var lineById = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (TryReadTicket(line, fields, positions, keys, out var ticket) is { } error)
            {
                errors.Add(new TicketCsvError(lineNumber, error));
            }
            else if (!lineById.TryAdd(ticket!.TicketId, lineNumber))
            {
                errors.Add(new TicketCsvError(lineNumber, $"ticket_id '{ticket.TicketId}' is already on line {lineById[ticket.TicketId]}"));
            }
            else
            {
                tickets.Add(ticket);
            }
        }

        return new TicketCsvReadResult(tickets, errors);
    }

    private static bool TryReadHeader(string header, List<string> fields, out int[] positions, out string error)
    {
        // positions[column] is the index of the column in the file, or -1 when the file does not have it.
        positions = [-1, -1, -1, -1, -1, -1, -1, -1];
        if (CsvText.SplitLine(header, fields) is { } splitError)
        {
            error = $"header: {splitError}";
            return false;
        }

        for (var i = 0; i < fields.Count; i++)
        {
            var name = fields[i].Trim();
            var column = -1;
            for (var c = 0; c < Columns.Count; c++)
            {
                if (string.Equals(Columns[c], name, StringComparison.OrdinalIgnoreCase))
                {
                    column = c;
                    break;
                }
            }

            if (column < 0)
            {
                error = $"header: unknown column '{name}'; the columns are {string.Join(", ", Columns)}";
                return false;
            }

            if (positions[column] >= 0)
            {
                error = $"header: column '{name}' appears twice";
                return false;
            }

            positions[column] = i;
        }

        foreach (var required in (ReadOnlySpan<int>)[TicketIdColumn, MatchColumn, ZoneColumn, GateColumn, ValidFromColumn, ValidToColumn])
        {
            if (positions[required] < 0)
            {
                error = $"header: column '{Columns[required]}' is missing";
                return false;
            }
        }

        error = "";
        return true;
    }

    private static string? TryReadTicket(string line, List<string> fields, int[] positions, TicketKeyRing? keys, out IssuedTicket? ticket)
    {
        ticket = null;
        if (CsvText.SplitLine(line, fields) is { } splitError)
        {
            return splitError;
        }

        var expected = 0;
        foreach (var position in positions)
        {
            expected += position >= 0 ? 1 : 0;
        }

        if (fields.Count != expected)
        {
            return $"{fields.Count} columns where the header has {expected}";
        }

        string Field(int column) => positions[column] >= 0 ? fields[positions[column]] : "";

        if (!TryParseTime(Field(ValidFromColumn), out var validFrom))
        {
            return $"valid_from '{Field(ValidFromColumn)}' is not an ISO 8601 time with an offset (e.g. 2026-06-14T16:00:00Z)";
        }

        if (!TryParseTime(Field(ValidToColumn), out var validTo))
        {
            return $"valid_to '{Field(ValidToColumn)}' is not an ISO 8601 time with an offset (e.g. 2026-06-14T22:00:00Z)";
        }

        var token = Field(TokenColumn);
        var candidate = new IssuedTicket(
            Field(TicketIdColumn),
            Field(MatchColumn),
            Field(ZoneColumn),
            Field(GateColumn),
            Field(SeatColumn),
            validFrom,
            validTo,
            token.Length == 0 ? null : token);
        if (TicketFieldRules.Check(candidate) is { } problem)
        {
            return problem;
        }

        if (candidate.Token is not null && CheckToken(candidate, candidate.Token, keys) is { } tokenProblem)
        {
            return tokenProblem;
        }

        ticket = candidate;
        return null;
    }

    private static string? CheckToken(IssuedTicket ticket, string token, TicketKeyRing? keys)
    {
        TicketPayload? payload;
        if (keys is null)
        {
            if (!TicketToken.TryReadUnverified(token, out payload))
            {
                return "token is not a ticket token";
            }
        }
        else
        {
            var error = TicketToken.Verify(token, keys, out payload);
            if (error != TokenError.None)
            {
                return error switch
                {
                    TokenError.UnknownKey => "token is signed with a key that is not in the ring (unknown or retired)",
                    TokenError.BadSignature => "token signature does not verify",
                    _ => "token is not a ticket token",
                };
            }
        }

        var mismatches = new List<string>();
        Compare(mismatches, "ticket_id", payload!.TicketId, ticket.TicketId);
        Compare(mismatches, "match", payload.MatchId, ticket.MatchId);
        Compare(mismatches, "zone", payload.ZoneId, ticket.ZoneId);
        Compare(mismatches, "gate", payload.GateId, ticket.GateId);
        Compare(mismatches, "seat", payload.Seat, ticket.Seat);
        Compare(mismatches, "valid_from", Format(payload.NotBefore), Format(ticket.ValidFrom));
        Compare(mismatches, "valid_to", Format(payload.NotAfter), Format(ticket.ValidTo));
        return mismatches.Count == 0 ? null : string.Join("; ", mismatches);

        static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

        static void Compare(List<string> mismatches, string column, string inToken, string inColumn)
        {
            if (!string.Equals(inToken, inColumn, StringComparison.Ordinal))
            {
                mismatches.Add($"token says {column} '{inToken}' but the column says '{inColumn}'");
            }
        }
    }

    private static bool TryParseTime(string text, out DateTimeOffset time)
    {
        if (CsvText.TryParseTime(text.Trim(), out time))
        {
            time = TicketFieldRules.ToWholeSeconds(time);
            return true;
        }

        return false;
    }

    private static void WriteField(TextWriter writer, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0 && (value.Length == 0 || (value[0] != ' ' && value[^1] != ' ')))
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }
}
