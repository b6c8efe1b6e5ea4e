using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Haris.Core.Events;

namespace Haris.Detection.Sigma.Matching;

/// <summary><c>|re</c>: an unanchored search, case-sensitive unless <c>|i</c>; runs under a timeout (some public rules backtrack badly).</summary>
/// <remarks>
/// The pattern is checked when the rule loads, but the engine that runs it is built on the first value it is asked
/// about: building one costs far more than parsing the pattern, and most rules' expressions never run in a scan, since
/// the prefilter skips rules whose required texts are absent. Two threads may build it at once; one engine is kept.
/// </remarks>
internal sealed class RegexMatcher(string pattern, Func<Regex> build) : TextMatcher
{
    private Regex? _regex;

    /// <summary>The pattern as the rule wrote it.</summary>
    public string Pattern { get; } = pattern;

    /// <summary>Whether the engine has been built (for tests).</summary>
    internal bool IsBuilt => Volatile.Read(ref _regex) is not null;

    /// <remarks>Throws <see cref="RegexMatchTimeoutException"/> past the timeout; the detector reports it and moves on.</remarks>
    public override bool IsMatch(ReadOnlySpan<char> value) => (Volatile.Read(ref _regex) ?? Build()).IsMatch(value);

    public override IReadOnlyList<string>? RequiredLiterals() =>
        Haris.Detection.Prefiltering.RegexLiterals.Required(Pattern, minimumLength: 1);

    private Regex Build()
    {
        var built = build();
        return Interlocked.CompareExchange(ref _regex, built, null) ?? built;
    }
}

/// <summary><c>|cidr</c>: network containment for IPv4 and IPv6; anything that is not an address never matches.</summary>
internal sealed class CidrMatcher : TextMatcher
{
    private readonly byte[] _network;
    private readonly int _prefixLength;
    private readonly AddressFamily _family;

    private CidrMatcher(byte[] network, int prefixLength, AddressFamily family)
    {
        _network = network;
        _prefixLength = prefixLength;
        _family = family;
    }

    public static bool TryCreate(string text, out CidrMatcher? matcher)
    {
        matcher = null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address))
        {
            return false;
        }

        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bits))
        {
            return false;
        }

        matcher = new CidrMatcher(address.GetAddressBytes(), prefix, address.AddressFamily);
        return true;
    }

    public override bool IsMatch(ReadOnlySpan<char> value)
    {
        if (!IPAddress.TryParse(value, out var address))
        {
            return false;
        }

        // An IPv4-mapped IPv6 address (::ffff:10.1.2.3, as dual-stack servers log) is the IPv4 address it carries.
        if (address.IsIPv4MappedToIPv6 && _family == AddressFamily.InterNetwork)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != _family)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written) || written != _network.Length)
        {
            return false;
        }

        var full = _prefixLength / 8;
        if (!bytes[..full].SequenceEqual(_network.AsSpan(0, full)))
        {
            return false;
        }

        var rest = _prefixLength % 8;
        if (rest == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - rest));
        return (bytes[full] & mask) == (_network[full] & mask);
    }
}

/// <summary>How a number from the event is compared with the rule's.</summary>
internal enum NumericComparison : byte
{
    Equal,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary><c>|lt</c>, <c>|lte</c>, <c>|gt</c>, <c>|gte</c>: numeric, never lexicographic; text that is not a number never matches.</summary>
internal sealed class NumericCompareMatcher(NumericComparison comparison, double bound) : ValueMatcher
{
    public override bool IsMatch(LogEvent evt, int slot) =>
        evt.Kind(slot) is FieldValueKind.String or FieldValueKind.Number
        && NumericText.TryParse(evt.Text(slot), out var value)
        && Compare(comparison, value, bound);

    public static bool Compare(NumericComparison comparison, double value, double bound) => comparison switch
    {
        NumericComparison.Less => value < bound,
        NumericComparison.LessOrEqual => value <= bound,
        NumericComparison.Greater => value > bound,
        NumericComparison.GreaterOrEqual => value >= bound,
        _ => value == bound,
    };
}

/// <summary>The part of a date a time modifier extracts.</summary>
internal enum TimePart : byte
{
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

/// <summary>
/// <c>|minute</c> … <c>|year</c>: the part of a date value, as written (no time-zone conversion), compared as a number.
/// Weeks are ISO 8601 weeks (1–53).
/// </summary>
internal sealed class TimePartMatcher(TimePart part, NumericComparison comparison, double bound) : ValueMatcher
{
    public override bool IsMatch(LogEvent evt, int slot)
    {
        if (evt.Kind(slot) == FieldValueKind.Null || !EventTime.TryParse(evt.Text(slot), out var time))
        {
            return false;
        }

        var value = part switch
        {
            TimePart.Minute => time.Minute,
            TimePart.Hour => time.Hour,
            TimePart.Day => time.Day,
            TimePart.Week => ISOWeek.GetWeekOfYear(time.DateTime),
            TimePart.Month => time.Month,
            _ => time.Year,
        };

        return NumericCompareMatcher.Compare(comparison, value, bound);
    }
}

/// <summary>How <c>|fieldref</c> compares the two fields.</summary>
internal enum FieldRefMode : byte
{
    Equal,
    Contains,
    StartsWith,
    EndsWith,
}

/// <summary>
/// <c>|fieldref</c>: compares with another field of the same event, ignoring case unless <c>|cased</c>; when the other
/// field is absent or null nothing matches.
/// </summary>
internal sealed class FieldRefMatcher(FieldRef other, FieldRefMode mode, bool cased) : ValueMatcher
{
    public override bool IsMatch(LogEvent evt, int slot)
    {
        if (evt.Kind(slot) == FieldValueKind.Null)
        {
            return false;
        }

        var comparison = cased ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var value = evt.Text(slot);
        for (var o = other.First(evt); o >= 0; o = evt.Next(o))
        {
            if (evt.Kind(o) == FieldValueKind.Null)
            {
                continue;
            }

            var reference = evt.Text(o);
            var hit = mode switch
            {
                FieldRefMode.Contains => value.Contains(reference, comparison),
                FieldRefMode.StartsWith => value.StartsWith(reference, comparison),
                FieldRefMode.EndsWith => value.EndsWith(reference, comparison),
                _ => value.Equals(reference, comparison),
            };
            if (hit)
            {
                return true;
            }
        }

        return false;
    }
}
