using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Haris.EndToEnd.Tests;

/// <summary>Builds nginx combined log lines and reads back the NDJSON alerts <c>haris scan</c> writes.</summary>
internal static class AccessLog
{
    public const string Browser = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

    public static string Line(int second, string ip, string method, string target, int status, string userAgent = Browser) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{ip} - - [14/Jun/2026:18:00:{second:00} +0000] \"{method} {target} HTTP/1.1\" {status} 512 \"https://tickets.example-cup.org/\" \"{userAgent}\"");

    public static string Join(IEnumerable<string> lines)
    {
        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            sb.Append(line).Append('\n');
        }

        return sb.ToString();
    }

    public static List<JsonElement> ParseAlerts(string ndjson)
    {
        var alerts = new List<JsonElement>();
        foreach (var line in ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            alerts.Add(doc.RootElement.Clone());
        }

        return alerts;
    }

    public static long SourceLine(this JsonElement alert) => alert.GetProperty("source").GetProperty("line").GetInt64();

    public static string? SourceFile(this JsonElement alert) => alert.GetProperty("source").GetProperty("file").GetString();

    public static string? Str(this JsonElement alert, string name) => alert.GetProperty(name).GetString();

    public static string? Field(this JsonElement alert, string name) =>
        alert.GetProperty("fields").TryGetProperty(name, out var value) ? value.GetString() : null;
}
