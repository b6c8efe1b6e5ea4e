using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Haris.Core.Alerts;
using Haris.Core.Events;
using Haris.Core.Incidents;
using Haris.Storage.Incidents;

namespace Haris.Storage.Alerts;

/// <summary>An alert as stored: what the rule said, where it came from, how often it fired and where triage stands.</summary>
public sealed class StoredAlert
{
    /// <summary>The most evidence lines stored per alert, as many as an alert lists.</summary>
    public const int MaxEvidenceLines = Alert.MaxLines;

    private static readonly JsonWriterOptions s_fieldsOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The alert's deterministic id (<see cref="Alert.MakeId"/>), so a replayed input stores nothing twice.</summary>
    public required string Id { get; set; }

    public required string RuleId { get; set; }

    public required string RuleTitle { get; set; }

    public string? RuleName { get; set; }

    /// <summary>The rule's author, which the Detection Rule License requires on alerts from SigmaHQ rules.</summary>
    public string? RuleAuthor { get; set; }

    public AlertLevel Level { get; set; }

    /// <summary>Event time in UTC, or the time the alert was received when the event carried none.</summary>
    public DateTimeOffset Timestamp { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The source address the alert is about, normalised; null when it is about none or the value was not an address.</summary>
    public string? SourceIp { get; set; }

    public string? Venue { get; set; }

    /// <summary>The event's <c>event.dataset</c>, naming the input for sources that are not files.</summary>
    public string? Dataset { get; set; }

    /// <summary>A fixed-length key of what the alert is grouped by, for finding the recent alert to count a repeat into.</summary>
    /// <remarks>See <see cref="AlertGroupKey"/>; empty when the alert is about no group and no source address.</remarks>
    public string GroupKey { get; set; } = "";

    /// <summary>The group-by fields and values of a correlation alert; null for a single-event alert.</summary>
    public Dictionary<string, string?>? GroupValues { get; set; }

    /// <summary>How many times the alert fired: the correlation's count, plus the repeats counted into it.</summary>
    public long Count { get; set; } = 1;

    /// <summary>For a <c>value_sum</c> or <c>value_avg</c> correlation: what it measured.</summary>
    public double? Value { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    public List<string> Tags { get; set; } = [];

    /// <summary>The matched event's canonical fields as a JSON object; values are text written by whoever wrote the log.</summary>
    public string Fields { get; set; } = "{}";

    /// <summary>Where the contributing events were read, at most <see cref="MaxEvidenceLines"/>.</summary>
    public List<AlertLine> EvidenceLines { get; set; } = [];

    /// <summary>The input the event was read from (a path, or <c>-</c>); null for inputs that are not files.</summary>
    public string? SourceFile { get; set; }

    /// <summary>1-based line in <see cref="SourceFile"/>.</summary>
    public long? SourceLine { get; set; }

    public AlertStatus Status { get; set; } = AlertStatus.New;

    /// <summary>The incident that took the alert into its care, if any; other incidents may still link it.</summary>
    public long? IncidentId { get; set; }

    public Incident? Incident { get; set; }

    /// <summary>Maps an alert from detection to its stored form.</summary>
    public static StoredAlert FromAlert(Alert alert, DateTimeOffset receivedAt, string? venue = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var timestamp = alert.Timestamp ?? receivedAt;
        var sourceIp = alert.SubjectSourceIp is { } ip && Observables.TryParseIp(ip, out var address) ? address.ToString() : null;
        return new StoredAlert
        {
            Id = alert.Id,
            RuleId = alert.RuleId,
            RuleTitle = alert.RuleTitle,
            RuleName = alert.RuleName,
            RuleAuthor = alert.RuleAuthor,
            Level = alert.Level,
            Timestamp = timestamp,
            ReceivedAt = receivedAt,
            SourceIp = sourceIp,
            Venue = venue,
            Dataset = FindField(alert, FieldNames.EventDataset),
            GroupKey = AlertGroupKey.For(alert),
            GroupValues = alert.Group?.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal),
            Count = alert.Count ?? 1,
            Value = alert.Value,
            FirstSeen = alert.FirstSeen ?? timestamp,
            LastSeen = alert.LastSeen ?? timestamp,
            Tags = [.. alert.Tags],
            Fields = WriteFields(alert.Fields),
            EvidenceLines = alert.Lines is { } lines ? [.. lines.Take(MaxEvidenceLines)] : [],
            SourceFile = alert.SourceFile,
            SourceLine = alert.SourceFile is null && alert.SourceLine == 0 ? null : alert.SourceLine,
        };
    }

    private static string? FindField(Alert alert, string name)
    {
        foreach (var (fieldName, value) in alert.Fields)
        {
            if (fieldName == name)
            {
                return value as string;
            }
        }

        return null;
    }

    private static string WriteFields(IReadOnlyList<KeyValuePair<string, object?>> fields)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, s_fieldsOptions))
        {
            json.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                json.WritePropertyName(name);
                WriteValue(json, value);
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    // Same shapes as the NDJSON alert output: a value is text, a list of values, or null.
    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case IEnumerable<object?> list:
                json.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(json, item);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
