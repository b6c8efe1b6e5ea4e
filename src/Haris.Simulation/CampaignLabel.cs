using System.Globalization;
using System.Text.Json;

namespace Haris.Simulation;

/// <summary>One line of <c>labels.jsonl</c>: the ground truth of one attack campaign.</summary>
/// <remarks>
/// <see cref="Start"/> and <see cref="End"/> are the times of the campaign's first and last line, in UTC, at the
/// precision of its log: whole seconds for <c>access.log</c> and <c>auth.log</c>, microseconds for <c>eve.json</c>.
/// <see cref="Events"/> is the exact number of lines the campaign wrote; every one comes from an address in
/// <see cref="Sources"/>, and no other line of any file does.
/// </remarks>
/// <param name="Campaign">The campaign id, <c>c001</c>, <c>c002</c>, ... in order of start.</param>
/// <param name="Kind">The campaign kind (<see cref="CampaignKinds.Name"/>).</param>
/// <param name="Log">The file the campaign wrote to.</param>
/// <param name="Sources">Every address that wrote a line of the campaign, in order of first appearance.</param>
/// <param name="Target">What was attacked: a URL path, a user-facing endpoint, a server name or an internal address.</param>
/// <param name="Usernames">The user names tried, for the kinds that try them; otherwise null (and absent from the JSON).</param>
/// <param name="Start">The time of the first line.</param>
/// <param name="End">The time of the last line.</param>
/// <param name="Events">The number of lines written.</param>
public sealed record CampaignLabel(
    string Campaign,
    string Kind,
    string Log,
    IReadOnlyList<string> Sources,
    string Target,
    IReadOnlyList<string>? Usernames,
    DateTimeOffset Start,
    DateTimeOffset End,
    long Events)
{
    /// <summary>Writes the label as one JSON object (no newline).</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var precise = Log == SimulationFiles.Eve;
        writer.WriteStartObject();
        writer.WriteString("campaign", Campaign);
        writer.WriteString("kind", Kind);
        writer.WriteString("log", Log);
        writer.WriteStartArray("sources");
        foreach (var source in Sources)
        {
            writer.WriteStringValue(source);
        }

        writer.WriteEndArray();
        writer.WriteString("target", Target);
        if (Usernames is not null)
        {
            writer.WriteStartArray("usernames");
            foreach (var user in Usernames)
            {
                writer.WriteStringValue(user);
            }

            writer.WriteEndArray();
        }

        writer.WriteString("start", FormatTime(Start, precise));
        writer.WriteString("end", FormatTime(End, precise));
        writer.WriteNumber("events", Events);
        writer.WriteEndObject();
    }

    /// <summary>Reads one line of <c>labels.jsonl</c>; throws <see cref="JsonException"/> or <see cref="FormatException"/> on a bad line.</summary>
    public static CampaignLabel Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        List<string>? usernames = null;
        if (root.TryGetProperty("usernames", out var users))
        {
            usernames = [.. users.EnumerateArray().Select(u => u.GetString() ?? string.Empty)];
        }

        return new CampaignLabel(
            Required(root, "campaign"),
            Required(root, "kind"),
            Required(root, "log"),
            [.. root.GetProperty("sources").EnumerateArray().Select(s => s.GetString() ?? string.Empty)],
            Required(root, "target"),
            usernames,
            DateTimeOffset.Parse(Required(root, "start"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            DateTimeOffset.Parse(Required(root, "end"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            root.GetProperty("events").GetInt64());
    }

    /// <summary>UTC ISO 8601 with a <c>Z</c>: whole seconds, or microseconds when <paramref name="precise"/>.</summary>
    internal static string FormatTime(DateTimeOffset time, bool precise) =>
        time.UtcDateTime.ToString(precise ? "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'" : "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Required(JsonElement root, string name) =>
        root.GetProperty(name).GetString() ?? throw new FormatException($"label field '{name}' is null");
}
