using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Haris.Core.Alerts;

/// <summary>Writes alerts as NDJSON with the stable field names other parts rely on (docs/cli.md, "NDJSON").</summary>
public sealed class AlertJsonWriter : IDisposable
{
    // Alerts are data, not HTML: relaxed escaping keeps Arabic and other scripts readable in the file.
    private static readonly JsonWriterOptions s_options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private static readonly byte[] s_newline = "\n"u8.ToArray();

    private readonly Stream _stream;
    private readonly Utf8JsonWriter _json;

    /// <summary>Writes to <paramref name="stream"/>, which the caller owns.</summary>
    public AlertJsonWriter(Stream stream)
    {
        _stream = stream;
        _json = new Utf8JsonWriter(stream, s_options);
    }

    /// <summary>Writes one alert as one line.</summary>
    public void Write(Alert alert)
    {
        _json.Reset(_stream);
        _json.WriteStartObject();
        _json.WriteString("id", alert.Id);
        _json.WriteString("rule_id", alert.RuleId);
        _json.WriteString("rule_title", alert.RuleTitle);
        WriteNullable("rule_name", alert.RuleName);
        WriteNullable("rule_author", alert.RuleAuthor);
        _json.WriteString("level", alert.Level.ToSigma());
        WriteNullable("timestamp", alert.Timestamp is { } t ? FormatTime(t) : null);
        _json.WriteStartArray("tags");
        foreach (var tag in alert.Tags)
        {
            _json.WriteStringValue(tag);
        }

        _json.WriteEndArray();
        _json.WriteStartObject("source");
        WriteNullable("file", alert.SourceFile);
        _json.WriteNumber("line", alert.SourceLine);
        _json.WriteEndObject();
        _json.WriteStartObject("fields");
        foreach (var (name, value) in alert.Fields)
        {
            _json.WritePropertyName(name);
            WriteValue(value);
        }

        _json.WriteEndObject();
        if (alert.Group is { } group)
        {
            WriteCorrelation(alert, group);
        }

        _json.WriteEndObject();
        _json.Flush();
        _stream.Write(s_newline);
    }

    /// <summary>ISO 8601 in UTC with milliseconds, the form every alert timestamp takes.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public void Dispose() => _json.Dispose();

    private void WriteCorrelation(Alert alert, IReadOnlyList<KeyValuePair<string, string?>> group)
    {
        _json.WriteStartObject("group");
        foreach (var (name, groupValue) in group)
        {
            WriteNullable(name, groupValue);
        }

        _json.WriteEndObject();
        if (alert.Count is { } count)
        {
            _json.WriteNumber("count", count);
        }

        if (alert.Value is { } value)
        {
            _json.WriteNumber("value", value);
        }

        WriteNullable("first_seen", alert.FirstSeen is { } first ? FormatTime(first) : null);
        WriteNullable("last_seen", alert.LastSeen is { } last ? FormatTime(last) : null);
        _json.WriteStartArray("lines");
        foreach (var line in alert.Lines ?? [])
        {
            _json.WriteStartObject();
            WriteNullable("file", line.File);
            _json.WriteNumber("line", line.Line);
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
    }

    private void WriteNullable(string name, string? value)
    {
        if (value is null)
        {
            _json.WriteNull(name);
        }
        else
        {
            _json.WriteString(name, value);
        }
    }

    private void WriteValue(object? value)
    {
        switch (value)
        {
            case null:
                _json.WriteNullValue();
                break;
            case IEnumerable<object?> list:
                _json.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(item);
                }

                _json.WriteEndArray();
                break;
            default:
                _json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
