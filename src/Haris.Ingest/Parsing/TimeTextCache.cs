using Haris.Core.Events;

namespace Haris.Ingest.Parsing;

/// <summary>Parses a line's time text and writes <c>@timestamp</c>, reusing the work of the previous line when its text is the same.</summary>
/// <remarks>
/// Log lines are written in time order at second resolution, so consecutive lines mostly carry the very same time
/// text; comparing a few bytes is much cheaper than parsing the date and formatting it as ISO text on every line.
/// The result depends on the text alone, so a hit gives exactly what parsing would. One instance per parser, so per
/// thread.
/// </remarks>
internal sealed class TimeTextCache(TimeTextCache.Parser parse)
{
    // Longer time texts are parsed every time; every format that uses this cache writes shorter ones.
    private const int MaxTextLength = 64;

    private readonly byte[] _text = new byte[MaxTextLength];
    private readonly char[] _iso = new char[ParseText.MaxIsoUtcLength];
    private int _textLength = -1;
    private int _isoLength;
    private DateTimeOffset _time;

    /// <summary>Parses time text as UTF-8 bytes.</summary>
    public delegate bool Parser(ReadOnlySpan<byte> text, out DateTimeOffset time);

    /// <summary>Makes <paramref name="text"/> the current time; false when it does not parse.</summary>
    public bool TryGet(ReadOnlySpan<byte> text)
    {
        if (_textLength >= 0 && text.SequenceEqual(_text.AsSpan(0, _textLength)))
        {
            return true;
        }

        if (!parse(text, out var time))
        {
            return false;
        }

        _time = time;
        _isoLength = ParseText.FormatIsoUtc(time.UtcDateTime, _iso);

        // A text too long to keep is parsed every time; a failed parse above leaves the cached one in place.
        if (text.Length <= _text.Length)
        {
            text.CopyTo(_text);
            _textLength = text.Length;
        }
        else
        {
            _textLength = -1;
        }

        return true;
    }

    /// <summary>Sets <see cref="LogEvent.Timestamp"/> and <c>@timestamp</c> as <see cref="ParseText.SetTimestamp"/> would, from the current time.</summary>
    public void SetTimestamp(LogEvent evt)
    {
        evt.Timestamp = _time;
        evt.Add(KnownFields.Timestamp, _iso.AsSpan(0, _isoLength));
    }
}
