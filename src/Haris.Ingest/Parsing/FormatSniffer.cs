using Haris.Core.Events;

namespace Haris.Ingest.Parsing;

/// <summary>Guesses an input's format from its first lines.</summary>
public static class FormatSniffer
{
    // Tie order: the more specific format first, so EVE (JSON with event_type) beats plain JSON.
    private static readonly LogFormat[] s_candidates = [LogFormat.Eve, LogFormat.Json, LogFormat.Syslog, LogFormat.Combined];

    private static readonly int s_eveTimestamp = FieldRegistry.GetOrAdd(IngestFields.EveTimestamp);

    /// <summary>The format that parses the most non-empty lines of the sample, or <see cref="LogFormat.Auto"/> when none parses any.</summary>
    public static LogFormat Sniff(IReadOnlyList<byte[]> firstLines)
    {
        ArgumentNullException.ThrowIfNull(firstLines);
        var evt = new LogEvent();
        var best = LogFormat.Auto;
        var bestCount = 0;
        foreach (var format in s_candidates)
        {
            var parser = LogParsers.Create(format, ParserOptions.Default);
            var count = 0;
            foreach (var line in firstLines)
            {
                if (ParseText.TrimCr(line).Trim(" \t"u8).IsEmpty)
                {
                    continue;
                }

                evt.Reset();
                if (parser.TryParse(line, evt, out _) && (format != LogFormat.Eve || evt.Has(s_eveTimestamp)))
                {
                    count++;
                }
            }

            if (count > bestCount)
            {
                best = format;
                bestCount = count;
            }
        }

        return best;
    }
}
