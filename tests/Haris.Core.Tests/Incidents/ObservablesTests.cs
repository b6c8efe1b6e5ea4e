using Haris.Core.Incidents;

namespace Haris.Core.Tests.Incidents;

public sealed class ObservablesTests
{
    [Theory]
    [InlineData(ObservableKind.Ip, " 203.0.113.7 ", "203.0.113.7")]
    // IPv6 in its RFC 5952 form: lower case, longest zero run compressed.
    [InlineData(ObservableKind.Ip, "2001:DB8:0:0:0:0:0:1", "2001:db8::1")]
    // IPv4-mapped IPv6 is the IPv4 host, as dual-stack servers log it.
    [InlineData(ObservableKind.Ip, "::ffff:203.0.113.7", "203.0.113.7")]
    // Host bits cleared: the block is what matters.
    [InlineData(ObservableKind.Cidr, "198.51.100.77/24", "198.51.100.0/24")]
    [InlineData(ObservableKind.Cidr, "2001:db8:abcd::1/48", "2001:db8:abcd::/48")]
    // A bare address is a single-host block.
    [InlineData(ObservableKind.Cidr, "203.0.113.7", "203.0.113.7/32")]
    [InlineData(ObservableKind.Cidr, "::ffff:203.0.113.0/120", "203.0.113.0/24")]
    [InlineData(ObservableKind.Domain, "Tickets.Example.COM.", "tickets.example.com")]
    [InlineData(ObservableKind.Domain, "_dmarc.example.org", "_dmarc.example.org")]
    // Internationalised names as punycode, so look-alike domains compare by what DNS sees.
    [InlineData(ObservableKind.Domain, "bücher.example", "xn--bcher-kva.example")]
    [InlineData(ObservableKind.Url, "HTTPS://Tickets.Example.com/Login?next=/", "https://tickets.example.com/Login?next=/")]
    [InlineData(ObservableKind.Hash, "D41D8CD98F00B204E9800998ECF8427E", "d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData(ObservableKind.Hash, "da39a3ee5e6b4b0d3255bfef95601890afd80709", "da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [InlineData(ObservableKind.Hash, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    // User names keep their case: many systems tell them apart.
    [InlineData(ObservableKind.User, "  Admin ", "Admin")]
    public void TryNormalize_ValidValue_GivesOneSpelling(ObservableKind kind, string value, string expected)
    {
        Assert.True(Observables.TryNormalize(kind, value, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData(ObservableKind.Ip, "")]
    [InlineData(ObservableKind.Ip, "example.com")]
    // inet_aton forms that IPAddress.Parse accepts and filters get bypassed with.
    [InlineData(ObservableKind.Ip, "127.1")]
    [InlineData(ObservableKind.Ip, "0x7f.0.0.1")]
    [InlineData(ObservableKind.Ip, "010.0.0.1")]
    [InlineData(ObservableKind.Ip, "2130706433")]
    // A zone names an interface on one machine; it means nothing in an indicator.
    [InlineData(ObservableKind.Ip, "fe80::1%eth0")]
    [InlineData(ObservableKind.Cidr, "203.0.113.0/33")]
    [InlineData(ObservableKind.Cidr, "203.0.113.0/")]
    [InlineData(ObservableKind.Cidr, "203.0.113.0/-1")]
    [InlineData(ObservableKind.Cidr, "2001:db8::/129")]
    [InlineData(ObservableKind.Domain, "-bad.example")]
    [InlineData(ObservableKind.Domain, "a..example")]
    [InlineData(ObservableKind.Domain, "exa mple.com")]
    // All-digit top label: an address in disguise, not a domain.
    [InlineData(ObservableKind.Domain, "203.0.113.7")]
    [InlineData(ObservableKind.Url, "/relative/path")]
    [InlineData(ObservableKind.Url, "file:///etc/passwd")]
    [InlineData(ObservableKind.Url, "not a url")]
    [InlineData(ObservableKind.Hash, "d41d8cd98f00b204e9800998ecf8427")]
    [InlineData(ObservableKind.Hash, "z41d8cd98f00b204e9800998ecf8427e")]
    [InlineData(ObservableKind.User, "bad\nname")]
    public void TryNormalize_InvalidValue_IsRejected(ObservableKind kind, string value)
    {
        Assert.False(Observables.TryNormalize(kind, value, out var normalized));
        Assert.Null(normalized);
    }

    [Fact]
    public void TryNormalize_LongerThanLimit_IsRejected() =>
        Assert.False(Observables.TryNormalize(ObservableKind.Url, "https://example.com/" + new string('a', Observables.MaxLength), out _));

    [Fact]
    public void Normalize_InvalidValue_Throws() =>
        Assert.Throws<ArgumentException>(() => Observables.Normalize(ObservableKind.Hash, "abc"));
}
