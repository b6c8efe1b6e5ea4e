using System.Buffers.Text;
using Haris.Operations.Tickets;

namespace Haris.Operations.Tests.Tickets;

public sealed class TicketTokenTests : IDisposable
{
    private readonly TicketTestData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Verify_IssuedToken_ReadsBackEveryField()
    {
        var ticket = _data.Issue();

        Assert.Equal(TokenError.None, TicketToken.Verify(ticket.Token!, _data.Keys, out var payload));

        Assert.Equal(
            new TicketPayload(ticket.TicketId, TicketTestData.Match, TicketTestData.Zone, TicketTestData.Gate, TicketTestData.Seat, TicketTestData.GatesOpen, TicketTestData.GatesClose, "k1"),
            payload);
    }

    // The documented typical ticket: 12-character id, 9-character match, 7-character zone, 2-character gate, an
    // 8-character seat and an 8-hex-digit key id. 169 characters fit a version 9 QR code at error correction M.
    [Fact]
    public void Issue_TypicalTicket_Is169Characters()
    {
        using var keys = TicketKeyRing.Generate();
        Assert.Equal(8, keys.ActiveKeyId.Length);
        var ticket = new TicketIssuer(keys).Issue(
            TicketIssuer.NewTicketId(), TicketTestData.Match, TicketTestData.Zone, TicketTestData.Gate, TicketTestData.Seat, TicketTestData.GatesOpen, TicketTestData.GatesClose);

        Assert.Equal(169, ticket.Token!.Length);
    }

    // Every field at its limit must still fit under MaxTokenLength, or a legal ticket would read as malformed.
    [Fact]
    public void Issue_LongestFields_FitsMaxTokenLengthAndVerifies()
    {
        using var keys = TicketKeyRing.Generate(new string('k', TicketToken.MaxKeyIdLength));
        var longest = new string('x', 64);
        var ticket = new TicketIssuer(keys).Issue(longest, longest, longest, longest, longest, DateTimeOffset.MaxValue.AddDays(-1), DateTimeOffset.MaxValue);

        Assert.True(ticket.Token!.Length <= TicketToken.MaxTokenLength);
        Assert.Equal(TokenError.None, TicketToken.Verify(ticket.Token, keys, out _));
    }

    [Fact]
    public void Issue_NonAsciiSeat_RoundTrips()
    {
        var ticket = _data.Issuer.Issue("AR1", TicketTestData.Match, "الشمال", "ب٢", "مقعد ١٢", TicketTestData.GatesOpen, TicketTestData.GatesClose);

        Assert.Equal(TokenError.None, TicketToken.Verify(ticket.Token!, _data.Keys, out var payload));
        Assert.Equal(("الشمال", "ب٢", "مقعد ١٢"), (payload!.ZoneId, payload.GateId, payload.Seat));
    }

    // Flipping any bit of any payload byte, keeping the signature, must never verify: the signature covers all of it.
    [Fact]
    public void Verify_AnyPayloadBitFlipped_IsCounterfeit()
    {
        var token = _data.Issue().Token!;
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));

        for (var i = 0; i < payload.Length; i++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var tampered = (byte[])payload.Clone();
                tampered[i] ^= (byte)(1 << bit);
                var forged = Base64Url.EncodeToString(tampered) + token[dot..];

                var error = TicketToken.Verify(forged, _data.Keys, out var read);

                Assert.NotEqual(TokenError.None, error);
                Assert.Null(read);
            }
        }
    }

    [Fact]
    public void Verify_SignatureByteChanged_IsBadSignature()
    {
        var token = _data.Issue().Token!;
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        signature[10] ^= 0x01;

        Assert.Equal(TokenError.BadSignature, TicketToken.Verify(token[..(dot + 1)] + Base64Url.EncodeToString(signature), _data.Keys, out _));
    }

    // A token signed by someone else's P-256 key under our key id: the classic forgery.
    [Fact]
    public void Verify_SignedByForeignKeyWithOurKeyId_IsBadSignature()
    {
        using var forger = TicketKeyRing.Generate("k1");
        var forged = new TicketIssuer(forger).Issue("FAKE1", TicketTestData.Match, TicketTestData.Zone, TicketTestData.Gate, "", TicketTestData.GatesOpen, TicketTestData.GatesClose);

        Assert.Equal(TokenError.BadSignature, TicketToken.Verify(forged.Token!, _data.Keys, out _));
    }

    [Theory]
    // No signature part at all.
    [InlineData("AQJrMQ.")]
    // Characters outside base64url: standard base64 '+' and '/', padding, whitespace.
    [InlineData("AQJrMQ+/.AAAA")]
    [InlineData("AQJrMQ==.AAAA")]
    [InlineData("AQJr MQ.AAAA")]
    // Two dots, as in a JWT: not this format.
    [InlineData("a.b.c")]
    // Empty payload.
    [InlineData(".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Verify_NotTheFormat_IsMalformed(string token) =>
        Assert.Equal(TokenError.Malformed, TicketToken.Verify(token, _data.Keys, out _));

    // Payloads that are well encoded and correctly sized but wrong inside: each must be refused before any key lookup.
    [Theory]
    // Unknown version.
    [InlineData(new byte[] { 2, 2, (byte)'k', (byte)'1' })]
    // Truncated: the key id promises 5 bytes.
    [InlineData(new byte[] { 1, 5, (byte)'k', (byte)'1' })]
    // Upper-case key id: key ids name files, only a-z 0-9 _ - are allowed.
    [InlineData(new byte[] { 1, 2, (byte)'K', (byte)'1', 1, (byte)'T', 1, (byte)'M', 1, (byte)'Z', 1, (byte)'G', 0, 1, 0 })]
    // Varint in non-minimal form (0x81 0x00 for 1): the payload must have one encoding only.
    [InlineData(new byte[] { 1, 2, (byte)'k', (byte)'1', 1, (byte)'T', 1, (byte)'M', 1, (byte)'Z', 1, (byte)'G', 0, 0x81, 0x00, 0 })]
    // Trailing byte after the last field.
    [InlineData(new byte[] { 1, 2, (byte)'k', (byte)'1', 1, (byte)'T', 1, (byte)'M', 1, (byte)'Z', 1, (byte)'G', 0, 1, 0, 9 })]
    // Invalid UTF-8 in the seat.
    [InlineData(new byte[] { 1, 2, (byte)'k', (byte)'1', 1, (byte)'T', 1, (byte)'M', 1, (byte)'Z', 1, (byte)'G', 1, 0xFF, 1, 0 })]
    // A control character (ESC) in the ticket id: it would reach logs and screens.
    [InlineData(new byte[] { 1, 2, (byte)'k', (byte)'1', 1, 0x1B, 1, (byte)'M', 1, (byte)'Z', 1, (byte)'G', 0, 1, 0 })]
    // A '.' in the ticket id: ids never hold one, so that a barcode is never taken for a token.
    [InlineData(new byte[] { 1, 2, (byte)'k', (byte)'1', 1, (byte)'.', 1, (byte)'M', 1, (byte)'Z', 1, (byte)'G', 0, 1, 0 })]
    // Empty match id.
    [InlineData(new byte[] { 1, 2, (byte)'k', (byte)'1', 1, (byte)'T', 0, 1, (byte)'Z', 1, (byte)'G', 0, 1, 0 })]
    public void Verify_BadPayload_IsMalformed(byte[] payload)
    {
        var token = Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(new byte[TicketToken.SignatureBytes]);

        Assert.Equal(TokenError.Malformed, TicketToken.Verify(token, _data.Keys, out _));
        Assert.False(TicketToken.TryReadUnverified(token, out _));
    }

    [Fact]
    public void Verify_TooLong_IsMalformed() =>
        Assert.Equal(TokenError.Malformed, TicketToken.Verify(new string('A', TicketToken.MaxTokenLength + 1), _data.Keys, out _));

    [Fact]
    public void TryReadUnverified_WellFormedButUnsigned_ReadsFields()
    {
        byte[] payload = [1, 2, (byte)'k', (byte)'9', 1, (byte)'T', 1, (byte)'M', 1, (byte)'Z', 1, (byte)'G', 0, 1, 0];
        var token = Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(new byte[TicketToken.SignatureBytes]);

        Assert.True(TicketToken.TryReadUnverified(token, out var read));
        Assert.Equal(("T", "k9", DateTimeOffset.FromUnixTimeSeconds(1)), (read.TicketId, read.KeyId, read.NotBefore));
        Assert.Equal(TokenError.UnknownKey, TicketToken.Verify(token, _data.Keys, out _));
    }

    [Theory]
    [InlineData("k1", true)]
    [InlineData("2026-06_a", true)]
    // Upper case: two ids differing in case would name one file on a case-insensitive file system.
    [InlineData("K1", false)]
    // Path characters: the id names a file.
    [InlineData("../k1", false)]
    [InlineData("k.1", false)]
    [InlineData("", false)]
    [InlineData("k123456789012345678901234567890123", false)]
    public void IsValidKeyId_FollowsTheRules(string keyId, bool valid) => Assert.Equal(valid, TicketToken.IsValidKeyId(keyId));
}
