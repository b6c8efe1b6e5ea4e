using Haris.Core.Events;

namespace Haris.Ingest.Parsing;

/// <summary>Parses one JSON object per line (NDJSON), ECS documents from Filebeat or Elastic Agent included.</summary>
/// <remarks>
/// Keys are flattened to dotted names and kept as written, so JSON whose keys are already Sigma field names matches as
/// is. The logsource stays unknown (the event is offered to every rule) even when the document names its dataset:
/// guessing a taxonomy from <c>event.module</c> would silently hide events from rules. <c>event.original</c> is the raw
/// line unless the document carries its own. <see cref="LogEvent.Timestamp"/> is set from <c>@timestamp</c> when it
/// parses; other time fields are left to <see cref="EventTime"/>.
/// </remarks>
public sealed class JsonLogParser : ILogParser
{
    private readonly JsonFlattener _flattener = new();

    /// <inheritdoc />
    public LogFormat Format => LogFormat.Json;

    /// <inheritdoc />
    public bool TryParse(ReadOnlySpan<byte> line, LogEvent evt, out string? error)
    {
        line = ParseText.TrimCr(line);
        if (!_flattener.TryFlatten(line, evt, out error))
        {
            return false;
        }

        if (!evt.Has(KnownFields.EventOriginal))
        {
            evt.AddUtf8(KnownFields.EventOriginal, line);
        }

        var slot = evt.First(KnownFields.Timestamp);
        if (slot >= 0 && ParseText.TryParseIso(evt.Text(slot), out var time))
        {
            evt.Timestamp = time;
        }

        evt.Logsource = Logsource.Unknown;
        return true;
    }
}
