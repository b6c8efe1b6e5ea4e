using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace Haris.Operations.Tickets;

/// <summary>
/// The signed ticket token: <c>base64url(payload) "." base64url(signature)</c>, with a compact binary payload and an
/// ECDSA P-256 / SHA-256 signature over the payload bytes (docs/tickets.md has the byte layout).
/// </summary>
public static class TicketToken
{
    /// <summary>The payload format version, the payload's first byte.</summary>
    public const byte Version = 1;

    /// <summary>The longest key id, in ASCII characters.</summary>
    public const int MaxKeyIdLength = 32;

    /// <summary>The signature length: r and s of P-256, 32 bytes each (IEEE P1363).</summary>
    public const int SignatureBytes = 64;

    /// <summary>The signature length once base64url encoded, without padding.</summary>
    public const int SignatureChars = 86;

    /// <summary>The longest token accepted; the longest payload the field limits allow encodes to 593 characters.</summary>
    public const int MaxTokenLength = 600;

    internal const int MaxPayloadChars = MaxTokenLength - 1 - SignatureChars;

    // 513 base64url characters decode to at most 384 bytes; the scratch buffers on the scan path have this size.
    internal const int MaxPayloadBytes = 384;

    private static readonly SearchValues<char> s_tokenChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    /// <summary>Reads and verifies a token against <paramref name="keys"/>.</summary>
    /// <returns><see cref="TokenError.None"/> and the payload when the token is genuine; otherwise why it is not.</returns>
    public static TokenError Verify(string token, TicketKeyRing keys, out TicketPayload? payload)
    {
        ArgumentNullException.ThrowIfNull(keys);
        payload = null;
        Span<byte> payloadBytes = stackalloc byte[MaxPayloadBytes];
        Span<byte> signature = stackalloc byte[SignatureBytes];
        Span<char> chars = stackalloc char[MaxPayloadBytes];
        if (!TryDecode(token, payloadBytes, signature, chars, out var fields, out var length))
        {
            return TokenError.Malformed;
        }

        var error = keys.Verify(fields.KeyId, payloadBytes[..length], signature);
        if (error == TokenError.None)
        {
            payload = fields.ToPayload();
        }

        return error;
    }

    /// <summary>Reads a token's payload without checking its signature, to show or cross-check what it claims.</summary>
    /// <remarks>Nothing read this way may be trusted: anyone can write a payload. Use <see cref="Verify"/> to admit.</remarks>
    public static bool TryReadUnverified(string token, [NotNullWhen(true)] out TicketPayload? payload)
    {
        Span<byte> payloadBytes = stackalloc byte[MaxPayloadBytes];
        Span<byte> signature = stackalloc byte[SignatureBytes];
        Span<char> chars = stackalloc char[MaxPayloadBytes];
        if (TryDecode(token, payloadBytes, signature, chars, out var fields, out _))
        {
            payload = fields.ToPayload();
            return true;
        }

        payload = null;
        return false;
    }

    /// <summary>Whether a key id is 1 to 32 of <c>a-z 0-9 _ -</c>: it names files, so nothing else is allowed.</summary>
    /// <remarks>Lower case only, so that two ids never name the same file on a case-insensitive file system.</remarks>
    public static bool IsValidKeyId([NotNullWhen(true)] string? keyId) => keyId is not null && IsValidKeyId(keyId.AsSpan());

    /// <summary>Encodes and signs a ticket with <paramref name="signer"/> under <paramref name="keyId"/>.</summary>
    internal static string Encode(IssuedTicket ticket, string keyId, ECDsa signer)
    {
        Span<byte> payload = stackalloc byte[MaxPayloadBytes];
        var length = 0;
        payload[length++] = Version;
        WriteString(payload, ref length, keyId);
        WriteString(payload, ref length, ticket.TicketId);
        WriteString(payload, ref length, ticket.MatchId);
        WriteString(payload, ref length, ticket.ZoneId);
        WriteString(payload, ref length, ticket.GateId);
        WriteString(payload, ref length, ticket.Seat);
        var notBefore = ticket.ValidFrom.ToUnixTimeSeconds();
        WriteVarint(payload, ref length, (ulong)notBefore);
        WriteVarint(payload, ref length, (ulong)(ticket.ValidTo.ToUnixTimeSeconds() - notBefore));
        payload = payload[..length];

        Span<byte> signature = stackalloc byte[SignatureBytes];
        if (!signer.TrySignData(payload, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out var signed)
            || signed != SignatureBytes)
        {
            throw new CryptographicException("The ticket signing key did not produce a P-256 signature.");
        }

        Span<char> token = stackalloc char[MaxTokenLength];
        var written = Base64Url.EncodeToChars(payload, token);
        token[written++] = '.';
        written += Base64Url.EncodeToChars(signature, token[written..]);
        return new string(token[..written]);
    }

    /// <summary>
    /// Splits and decodes a token into caller-provided buffers (payload bytes, signature, the payload's text as
    /// UTF-16) and parses the payload; allocates nothing. False when the token is not of the documented format.
    /// </summary>
    internal static bool TryDecode(
        ReadOnlySpan<char> token,
        Span<byte> payload,
        Span<byte> signature,
        Span<char> chars,
        out TicketFields fields,
        out int payloadLength)
    {
        fields = default;
        payloadLength = 0;
        if (token.Length > MaxTokenLength || token.ContainsAnyExcept(s_tokenChars))
        {
            return false;
        }

        var dot = token.IndexOf('.');
        if (dot <= 0 || token.Length - dot - 1 != SignatureChars)
        {
            return false;
        }

        var payloadText = token[..dot];
        var signatureText = token[(dot + 1)..];

        // TryDecodeFromChars throws, rather than returning false, on text of a length no encoding has (4n + 1
        // characters), and a scanned token is anyone's text: such a token is malformed, never an exception.
        if (signatureText.Contains('.')
            || !Base64Url.IsValid(payloadText)
            || !Base64Url.IsValid(signatureText)
            || !Base64Url.TryDecodeFromChars(payloadText, payload, out payloadLength)
            || !Base64Url.TryDecodeFromChars(signatureText, signature, out var signatureLength)
            || signatureLength != SignatureBytes)
        {
            return false;
        }

        return TryParsePayload(payload[..payloadLength], chars, out fields);
    }

    /// <summary>Parses a payload; the text fields are decoded into <paramref name="chars"/>, which they then point into.</summary>
    internal static bool TryParsePayload(ReadOnlySpan<byte> payload, Span<char> chars, out TicketFields fields)
    {
        fields = default;
        if (payload.IsEmpty || payload[0] != Version)
        {
            return false;
        }

        var position = 1;
        var used = 0;
        if (!TryReadString(payload, ref position, chars, ref used, MaxKeyIdLength, out var keyId)
            || !IsValidKeyId(keyId)
            || !TryReadString(payload, ref position, chars, ref used, TicketFieldRules.MaxIdBytes, out var ticketId)
            || ticketId.IsEmpty
            || ticketId.Contains('.')
            || !TryReadString(payload, ref position, chars, ref used, TicketFieldRules.MaxIdBytes, out var matchId)
            || matchId.IsEmpty
            || !TryReadString(payload, ref position, chars, ref used, TicketFieldRules.MaxIdBytes, out var zoneId)
            || zoneId.IsEmpty
            || !TryReadString(payload, ref position, chars, ref used, TicketFieldRules.MaxIdBytes, out var gateId)
            || gateId.IsEmpty
            || !TryReadString(payload, ref position, chars, ref used, TicketFieldRules.MaxIdBytes, out var seat)
            || !TryReadVarint(payload, ref position, out var notBefore)
            || !TryReadVarint(payload, ref position, out var duration)
            || position != payload.Length
            || notBefore > TicketFieldRules.MaxUnixSeconds
            || duration > TicketFieldRules.MaxUnixSeconds - notBefore)
        {
            return false;
        }

        fields = new TicketFields(keyId, ticketId, matchId, zoneId, gateId, seat, (long)notBefore, (long)(notBefore + duration));
        return true;
    }

    private static bool IsValidKeyId(ReadOnlySpan<char> keyId)
    {
        if (keyId.IsEmpty || keyId.Length > MaxKeyIdLength)
        {
            return false;
        }

        foreach (var c in keyId)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryReadString(
        ReadOnlySpan<byte> payload,
        scoped ref int position,
        Span<char> chars,
        scoped ref int used,
        int maxBytes,
        out ReadOnlySpan<char> value)
    {
        value = default;
        if (!TryReadVarint(payload, ref position, out var length) || length > (ulong)maxBytes || length > (ulong)(payload.Length - position))
        {
            return false;
        }

        var bytes = payload.Slice(position, (int)length);
        var destination = chars[used..];
        if (Utf8.ToUtf16(bytes, destination, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            return false;
        }

        value = destination[..written];
        if (value.ContainsAnyInRange('\0', '\u001f') || value.ContainsAnyInRange('\u007f', '\u009f'))
        {
            return false;
        }

        position += (int)length;
        used += written;
        return true;
    }

    // Unsigned LEB128, minimal form only: a payload has exactly one encoding, so the signed bytes are canonical.
    private static bool TryReadVarint(ReadOnlySpan<byte> payload, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= payload.Length)
            {
                return false;
            }

            var b = payload[position++];
            if (shift == 63 && b > 1)
            {
                return false;
            }

            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return b != 0 || shift == 0;
            }
        }

        return false;
    }

    private static void WriteVarint(Span<byte> destination, ref int length, ulong value)
    {
        while (value >= 0x80)
        {
            destination[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[length++] = (byte)value;
    }

    private static void WriteString(Span<byte> destination, ref int length, string value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteVarint(destination, ref length, (ulong)byteCount);
        length += Encoding.UTF8.GetBytes(value, destination[length..]);
    }
}

/// <summary>A parsed payload whose text fields point into a caller's buffer: the scan path reads it without allocating.</summary>
internal readonly ref struct TicketFields(
    ReadOnlySpan<char> keyId,
    ReadOnlySpan<char> ticketId,
    ReadOnlySpan<char> matchId,
    ReadOnlySpan<char> zoneId,
    ReadOnlySpan<char> gateId,
    ReadOnlySpan<char> seat,
    long notBefore,
    long notAfter)
{
    public ReadOnlySpan<char> KeyId { get; } = keyId;

    public ReadOnlySpan<char> TicketId { get; } = ticketId;

    public ReadOnlySpan<char> MatchId { get; } = matchId;

    public ReadOnlySpan<char> ZoneId { get; } = zoneId;

    public ReadOnlySpan<char> GateId { get; } = gateId;

    public ReadOnlySpan<char> Seat { get; } = seat;

    /// <summary>Unix seconds, UTC.</summary>
    public long NotBefore { get; } = notBefore;

    /// <summary>Unix seconds, UTC, inclusive.</summary>
    public long NotAfter { get; } = notAfter;

    public TicketPayload ToPayload() => new(
        TicketId.ToString(),
        MatchId.ToString(),
        ZoneId.ToString(),
        GateId.ToString(),
        Seat.ToString(),
        DateTimeOffset.FromUnixTimeSeconds(NotBefore),
        DateTimeOffset.FromUnixTimeSeconds(NotAfter),
        KeyId.ToString());
}
