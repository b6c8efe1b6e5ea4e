using System.Globalization;

namespace Haris.Simulation;

/// <summary>
/// Client addresses, drawn from disjoint pools so that benign traffic can never share an address with a campaign:
/// fans from first octets (and IPv6 prefixes) no other pool uses; campaigns from the documentation ranges
/// (RFC 5737, RFC 3849) and a few hosting-provider /8s, each address handed out once.
/// </summary>
internal sealed class Addresses
{
    // European, Middle Eastern and African access networks; none of these is used by the CDN, crawlers or attackers.
    private static readonly int[] s_fanOctets =
        [2, 5, 31, 37, 41, 46, 62, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 94, 95, 102, 105, 109, 151, 154, 176, 178, 188, 196, 197, 212, 213, 217];

    private static readonly string[] s_fanIpv6Prefixes =
        ["2a01:e0a", "2a02:8108", "2a00:23c8", "2001:16b8", "2a02:c7c", "2001:8f8", "2a02:2788", "2c0f:f4c0", "2a01:cb00", "2a02:a210"];

    // Campaign sources beyond the documentation ranges: hosting-provider space attackers are often seen from.
    private static readonly int[] s_attackOctets = [45, 91, 92, 185, 193, 194, 195];

    private static readonly int[] s_documentationPrefixes = [0xC00002, 0xC63364, 0xCB0071]; // 192.0.2, 198.51.100, 203.0.113

    private readonly Random _rng;
    private int _documentationNext;
    private long _poolNext;
    private int _ipv6Next;

    public Addresses(Random rng) => _rng = rng;

    /// <summary>CloudFront edge addresses (Amazon's ranges); used by the CDN actors only.</summary>
    public static IReadOnlyList<string> CdnEdges { get; } =
    [
        "13.32.14.21", "13.32.99.134", "13.224.5.88", "52.84.150.12", "52.85.83.201",
        "54.230.7.45", "54.239.132.97", "143.204.2.117", "143.204.88.19", "99.84.112.6",
    ];

    /// <summary>A fan address: about a quarter IPv6.</summary>
    public static string Fan(Random rng)
    {
        if (rng.Chance(0.25))
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{rng.Pick(s_fanIpv6Prefixes)}:{rng.Next(1, 0x10000):x}:{rng.Next(0, 0x10000):x}:{rng.Next(0, 0x10000):x}:{rng.Next(1, 0x10000):x}:{rng.Next(0, 0x10000):x}:{rng.Next(1, 0x10000):x}");
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"{s_fanOctets[rng.Next(s_fanOctets.Length)]}.{rng.Next(256)}.{rng.Next(256)}.{rng.Next(1, 255)}");
    }

    /// <summary>A new campaign address never handed out before in this run; <paramref name="ipv6Share"/> of them IPv6.</summary>
    public string NextCampaign(double ipv6Share, bool preferDocumentation)
    {
        if (_rng.Chance(ipv6Share))
        {
            var n = ++_ipv6Next;
            return string.Create(
                CultureInfo.InvariantCulture,
                $"2001:db8:{(n >> 16) & 0xffff:x}:{n & 0xffff:x}::{_rng.Next(1, 0x10000):x}");
        }

        if (preferDocumentation && _documentationNext < s_documentationPrefixes.Length * 254)
        {
            // Spread the three /24s: 1, 255, 509, ... walk them together so early campaigns look unrelated.
            var n = _documentationNext++;
            var prefix = s_documentationPrefixes[n % 3];
            var host = 1 + ((n / 3 * 97) % 254);
            return string.Create(CultureInfo.InvariantCulture, $"{prefix >> 16}.{(prefix >> 8) & 0xff}.{prefix & 0xff}.{host}");
        }

        while (true)
        {
            var n = _poolNext++;
            // Multiplying by an odd constant is a bijection modulo 2^24, so the low 24 bits alone are distinct for every
            // counter value; the first octet can then be drawn freely without ever repeating an address.
            var rest = (n * 2654435761L) & 0xFFFFFF;
            var last = rest & 0xff;
            if (last is 0 or 255)
            {
                continue;
            }

            var octet = s_attackOctets[_rng.Next(s_attackOctets.Length)];
            return string.Create(CultureInfo.InvariantCulture, $"{octet}.{rest >> 16}.{(rest >> 8) & 0xff}.{last}");
        }
    }
}
