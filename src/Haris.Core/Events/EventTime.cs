using System.Globalization;

namespace Haris.Core.Events;

/// <summary>Finds an event's time: from <c>@timestamp</c>, else <c>timestamp</c>, else <c>time</c>, or from one named field.</summary>
public sealed class EventTime
{
    private static readonly int s_timestampAlt = FieldRegistry.GetOrAdd("timestamp");
    private static readonly int s_time = FieldRegistry.GetOrAdd("time");

    private readonly int[] _fields;

    private EventTime(int[] fields) => _fields = fields;

    /// <summary>The default order: <c>@timestamp</c>, <c>timestamp</c>, <c>time</c>.</summary>
    public static EventTime Default { get; } = new([KnownFields.Timestamp, s_timestampAlt, s_time]);

    /// <summary>Reads time from one field only (<c>--time-field</c>).</summary>
    public static EventTime FromField(string fieldName) => new([FieldRegistry.GetOrAdd(fieldName)]);

    /// <summary>Sets <see cref="LogEvent.Timestamp"/> from the first time field that parses, unless the parser already set it.</summary>
    public void Resolve(LogEvent evt)
    {
        if (evt.Timestamp is not null && ReferenceEquals(this, Default))
        {
            return;
        }

        foreach (var field in _fields)
        {
            for (var slot = evt.First(field); slot >= 0; slot = evt.Next(slot))
            {
                if (TryParse(evt.Text(slot), out var time))
                {
                    evt.Timestamp = time;
                    return;
                }
            }
        }
    }

    /// <summary>Parses ISO 8601 (UTC assumed when no offset is given) or Unix epoch seconds or milliseconds.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        text = text.Trim();
        if (text.IsEmpty)
        {
            time = default;
            return false;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !text.Contains('-'))
        {
            // Above 1e11 seconds is year 5138: such numbers are milliseconds (Elastic, Java loggers).
            var ms = Math.Abs(number) >= 1e11 ? number : number * 1000;
            if (ms is >= -62135596800000d and <= 253402300799999d)
            {
                time = DateTimeOffset.FromUnixTimeMilliseconds((long)ms);
                return true;
            }

            time = default;
            return false;
        }

        return DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
            out time);
    }
}
