using System.Globalization;
using System.Text.Json;
using System.Xml;

namespace Haris.Server.Api;

/// <summary>Reads how long something lasts as people and scripts write it: seconds, <c>90s</c>/<c>15m</c>/<c>1h</c>/<c>2d</c>/<c>1w</c>, or ISO 8601.</summary>
internal static class Durations
{
    /// <summary>The longest duration accepted; a block or an allowlist entry meant to last longer is made without an end.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(365);

    /// <summary>What a duration may look like, for error details.</summary>
    public const string Spellings = "seconds (3600), a span such as 90s, 15m, 1h30m, 2d or 1w, or ISO 8601 (PT1H)";

    /// <summary>Reads a JSON number of seconds or a string in any of the <see cref="Spellings"/>; from 1 second to <see cref="Max"/>.</summary>
    public static bool TryParse(JsonElement value, out TimeSpan duration)
    {
        duration = default;
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt64(out var seconds) && FromSeconds(seconds, out duration),
            JsonValueKind.String => TryParse(value.GetString(), out duration),
            _ => false,
        };
    }

    /// <summary>Reads a string in any of the <see cref="Spellings"/>; from 1 second to <see cref="Max"/>.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        var span = text.AsSpan().Trim();
        if (span.IsEmpty || span.Length > 40)
        {
            return false;
        }

        if (char.IsAsciiDigit(span[^1]))
        {
            return long.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && FromSeconds(seconds, out duration);
        }

        if (span[0] is 'P' or 'p')
        {
            try
            {
                duration = XmlConvert.ToTimeSpan(span.ToString().ToUpperInvariant());
            }
            catch (FormatException)
            {
                return false;
            }
            catch (OverflowException)
            {
                return false;
            }

            return InRange(duration);
        }

        // Compound spans (1h30m): digits then a unit, repeated; each unit at most once keeps typos from adding up silently.
        var total = TimeSpan.Zero;
        var seen = "";
        while (!span.IsEmpty)
        {
            var digits = 0;
            while (digits < span.Length && char.IsAsciiDigit(span[digits]))
            {
                digits++;
            }

            if (digits == 0 || digits == span.Length || digits > 9
                || !long.TryParse(span[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            var unit = char.ToLowerInvariant(span[digits]);
            if (seen.Contains(unit, StringComparison.Ordinal))
            {
                return false;
            }

            seen += unit;
            TimeSpan part;
            switch (unit)
            {
                case 's':
                    part = TimeSpan.FromSeconds(amount);
                    break;
                case 'm':
                    part = TimeSpan.FromMinutes(amount);
                    break;
                case 'h':
                    part = TimeSpan.FromHours(amount);
                    break;
                case 'd':
                    part = TimeSpan.FromDays(amount);
                    break;
                case 'w':
                    part = TimeSpan.FromDays(amount * 7);
                    break;
                default:
                    return false;
            }

            total += part;
            if (total > Max)
            {
                return false;
            }

            span = span[(digits + 1)..];
        }

        duration = total;
        return InRange(duration);
    }

    private static bool FromSeconds(long seconds, out TimeSpan duration)
    {
        duration = default;
        if (seconds < 1 || seconds > (long)Max.TotalSeconds)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }

    private static bool InRange(TimeSpan duration) => duration >= TimeSpan.FromSeconds(1) && duration <= Max;
}
