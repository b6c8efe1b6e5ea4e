using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Haris.Core.Incidents;

/// <summary>Validates observable values and brings each to one spelling, so the same indicator is stored once.</summary>
public static class Observables
{
    /// <summary>The longest value accepted of any kind; URLs are the long ones.</summary>
    public const int MaxLength = 2048;

    private const int MaxUserLength = 256;

    // RFC 1035 limits: 253 characters in the text form of a name, 63 in a label.
    private const int MaxDomainLength = 253;
    private const int MaxLabelLength = 63;

    private static readonly IdnMapping s_idn = new();

    /// <summary>Validates <paramref name="value"/> as an observable of <paramref name="kind"/> and normalises it.</summary>
    /// <remarks>
    /// IP addresses are written as <see cref="IPAddress"/> writes them (IPv4-mapped IPv6 as IPv4); CIDR blocks as the
    /// network address and prefix, host bits cleared; domains in lower case, IDN as punycode, without a trailing dot;
    /// URLs absolute with scheme and host in lower case; hashes as lower-case hex of MD5, SHA-1 or SHA-256 length;
    /// user names trimmed, case kept (many systems tell <c>Admin</c> and <c>admin</c> apart).
    /// </remarks>
    public static bool TryNormalize(ObservableKind kind, string? value, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        var text = value.AsSpan().Trim();
        if (text.IsEmpty || text.Length > MaxLength)
        {
            return false;
        }

        normalized = kind switch
        {
            ObservableKind.Ip => TryParseIp(text, out var address) ? address.ToString() : null,
            ObservableKind.Cidr => TryParseCidr(text, out var network) ? network.ToString() : null,
            ObservableKind.Domain => NormalizeDomain(text),
            ObservableKind.Url => NormalizeUrl(text),
            ObservableKind.Hash => NormalizeHash(text),
            ObservableKind.User => NormalizeUser(text),
            _ => null,
        };
        return normalized is not null;
    }

    /// <summary>Normalises like <see cref="TryNormalize"/>, throwing when the value is not valid for the kind.</summary>
    public static string Normalize(ObservableKind kind, string? value) =>
        TryNormalize(kind, value, out var normalized)
            ? normalized
            : throw new ArgumentException($"Not a valid {kind} observable.", nameof(value));

    /// <summary>Parses one IP address in its plain form: dotted quad or IPv6, without zone.</summary>
    /// <remarks>
    /// <see cref="IPAddress.TryParse(ReadOnlySpan{char}, out IPAddress?)"/> also takes the inet_aton forms
    /// (<c>127.1</c>, <c>0x7f.0.0.1</c>, octal <c>010.0.0.1</c>); those are how filters get bypassed, so an IPv4
    /// address must read back exactly as written. An IPv4-mapped IPv6 address is the IPv4 host it maps.
    /// </remarks>
    public static bool TryParseIp(ReadOnlySpan<char> text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (text.Contains('%') || !IPAddress.TryParse(text, out var parsed))
        {
            return false;
        }

        if (parsed.AddressFamily == AddressFamily.InterNetwork)
        {
            if (!text.SequenceEqual(parsed.ToString()))
            {
                return false;
            }
        }
        else if (parsed.IsIPv4MappedToIPv6)
        {
            parsed = parsed.MapToIPv4();
        }

        address = parsed;
        return true;
    }

    /// <summary>Parses a CIDR block (<c>address/prefix</c>, or a bare address as a single-host block), clearing host bits.</summary>
    public static bool TryParseCidr(ReadOnlySpan<char> text, out IPNetwork network)
    {
        network = default;
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        if (!TryParseIp(addressText, out var address))
        {
            return false;
        }

        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (slash >= 0)
        {
            var prefixText = text[(slash + 1)..];
            if (prefixText.IsEmpty || prefixText.Length > 3 || !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out prefix))
            {
                return false;
            }

            // An IPv4-mapped block was turned into IPv4 above; its prefix counts the 96 mapping bits.
            if (bits == 32 && addressText.Contains(':'))
            {
                prefix -= 96;
            }

            if (prefix < 0 || prefix > bits)
            {
                return false;
            }
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var length);
        bytes = bytes[..length];
        for (var bit = prefix; bit < bits; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        network = new IPNetwork(new IPAddress(bytes), prefix);
        return true;
    }

    private static string? NormalizeDomain(ReadOnlySpan<char> text)
    {
        if (text[^1] == '.')
        {
            text = text[..^1];
        }

        if (text.IsEmpty)
        {
            return null;
        }

        string ascii;
        if (Ascii.IsValid(text))
        {
            ascii = text.ToString().ToLowerInvariant();
        }
        else
        {
            try
            {
                ascii = s_idn.GetAscii(text.ToString()).ToLowerInvariant();
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        if (ascii.Length > MaxDomainLength)
        {
            return null;
        }

        var lastLabelNumeric = false;
        foreach (var range in ascii.AsSpan().Split('.'))
        {
            var label = ascii.AsSpan(range);
            if (label.IsEmpty || label.Length > MaxLabelLength || label[0] == '-' || label[^1] == '-')
            {
                return null;
            }

            lastLabelNumeric = true;
            foreach (var c in label)
            {
                // Letters, digits and hyphen (RFC 1123), plus underscore, which service names (_dmarc, _sip) use.
                if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
                {
                    return null;
                }

                lastLabelNumeric &= char.IsAsciiDigit(c);
            }
        }

        // No top-level domain is all digits: such a "domain" is an IPv4 address in some spelling.
        return lastLabelNumeric ? null : ascii;
    }

    private static string? NormalizeUrl(ReadOnlySpan<char> text)
    {
        if (!Uri.TryCreate(text.ToString(), UriKind.Absolute, out var uri) || uri.IsFile || uri.IsUnc || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        var normalized = uri.AbsoluteUri;
        return normalized.Length <= MaxLength ? normalized : null;
    }

    private static string? NormalizeHash(ReadOnlySpan<char> text)
    {
        // Hex digests of MD5, SHA-1 and SHA-256.
        if (text.Length is not (32 or 40 or 64))
        {
            return null;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return null;
            }
        }

        return text.ToString().ToLowerInvariant();
    }

    private static string? NormalizeUser(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxUserLength)
        {
            return null;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return null;
            }
        }

        return text.ToString();
    }
}
