using System.Globalization;
using System.Text.Json;

namespace Haris.Simulation.Ingress;

/// <summary>The kinds of <see cref="IngressLabel"/>, as <c>ingress-labels.jsonl</c> spells them.</summary>
public static class IngressLabelKinds
{
    /// <summary>Ticket holders arriving before kick-off: every entry scan of a genuine ticket by its holder.</summary>
    public const string Ingress = "ingress";

    /// <summary>Holders first presenting at a gate that does not lead to their zone, then going to their own.</summary>
    public const string WrongGate = "wrong_gate";

    /// <summary>Scans refused because the ticket was already inside: a second person with a copy, at another gate.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>Tickets of another match presented at the gates.</summary>
    public const string WrongMatch = "wrong_match";

    /// <summary>Counterfeits (forged signature, unknown key, random text, unknown barcode) in a wave at one gate.</summary>
    public const string CounterfeitWave = "counterfeit_wave";

    /// <summary>Counterfeits scattered over every gate and the whole ingress, too few anywhere to be a wave.</summary>
    public const string CounterfeitScattered = "counterfeit_scattered";

    /// <summary>One gate whose readers send nothing for a while during ingress.</summary>
    public const string GateFailure = "gate_failure";

    /// <summary>One stand sold out and filled to its safe capacity in the last half hour before kick-off.</summary>
    public const string ZonePressure = "zone_pressure";

    /// <summary>Holders who go out before kick-off and come back.</summary>
    public const string Reentry = "reentry";

    /// <summary>Everyone inside leaving around the final whistle.</summary>
    public const string Egress = "egress";
}

/// <summary>One line of <c>ingress-labels.jsonl</c>: what the ingress simulation injected, where and when.</summary>
/// <param name="Kind">One of <see cref="IngressLabelKinds"/>.</param>
/// <param name="Gate">The gate, for a counterfeit wave and a gate failure.</param>
/// <param name="Zone">The zone, for zone pressure.</param>
/// <param name="Start">
/// UTC: the planned start for a counterfeit wave, a gate failure and zone pressure; the final whistle for egress; the
/// first scan otherwise.
/// </param>
/// <param name="End">UTC: the planned end for a wave, a failure and pressure (kick-off); the last scan otherwise.</param>
/// <param name="Scans">
/// How many scans the injection wrote, counted by the verdict a validator gives them: for <c>duplicate</c> the scans
/// refused as duplicates, for <c>wrong_gate</c> those refused for the gate, for <c>reentry</c> the exits, for
/// <c>gate_failure</c> none (it is the absence of scans).
/// </param>
public sealed record IngressLabel(string Kind, string? Gate, string? Zone, DateTimeOffset Start, DateTimeOffset End, long Scans)
{
    /// <summary>For <c>ingress</c>: tickets issued; for <c>zone_pressure</c>: tickets of the zone.</summary>
    public long? Tickets { get; init; }

    /// <summary>For <c>ingress</c>: holders who came; for <c>zone_pressure</c>: holders routed in the last half hour; for <c>gate_failure</c>: fans sent to another gate or held.</summary>
    public long? Fans { get; init; }

    /// <summary>For <c>zone_pressure</c>: the zone's safe capacity.</summary>
    public long? SafeCapacity { get; init; }

    /// <summary>For <c>zone_pressure</c>: the most people inside the zone at once.</summary>
    public long? Peak { get; init; }

    /// <summary>For <c>zone_pressure</c>: when the zone first held 90% of its safe capacity, or null if it never did.</summary>
    public DateTimeOffset? ReachesNinetyAt { get; init; }

    /// <summary>Writes the label as one JSON object (no newline); optional fields only when set.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("kind", Kind);
        if (Gate is not null)
        {
            writer.WriteString("gate", Gate);
        }

        if (Zone is not null)
        {
            writer.WriteString("zone", Zone);
        }

        writer.WriteString("start", FormatTime(Start));
        writer.WriteString("end", FormatTime(End));
        writer.WriteNumber("scans", Scans);
        WriteOptional(writer, "tickets", Tickets);
        WriteOptional(writer, "fans", Fans);
        WriteOptional(writer, "safe_capacity", SafeCapacity);
        WriteOptional(writer, "peak", Peak);
        if (Kind == IngressLabelKinds.ZonePressure)
        {
            if (ReachesNinetyAt is { } at)
            {
                writer.WriteString("reaches_90_at", FormatTime(at));
            }
            else
            {
                writer.WriteNull("reaches_90_at");
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads one line of <c>ingress-labels.jsonl</c>; throws <see cref="JsonException"/>, <see cref="FormatException"/> or <see cref="KeyNotFoundException"/> on a bad line.</summary>
    public static IngressLabel Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        return new IngressLabel(
            Text(root, "kind") ?? throw new FormatException("label field 'kind' is missing"),
            Text(root, "gate"),
            Text(root, "zone"),
            ParseTime(Text(root, "start") ?? throw new FormatException("label field 'start' is missing")),
            ParseTime(Text(root, "end") ?? throw new FormatException("label field 'end' is missing")),
            root.GetProperty("scans").GetInt64())
        {
            Tickets = Number(root, "tickets"),
            Fans = Number(root, "fans"),
            SafeCapacity = Number(root, "safe_capacity"),
            Peak = Number(root, "peak"),
            ReachesNinetyAt = Text(root, "reaches_90_at") is { } at ? ParseTime(at) : null,
        };
    }

    /// <summary>UTC ISO 8601 to the millisecond with a <c>Z</c>, as scans are written.</summary>
    internal static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static void WriteOptional(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;
}
