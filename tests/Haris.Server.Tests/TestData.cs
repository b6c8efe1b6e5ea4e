using System.Net.Http.Json;
using System.Text.Json;
using Haris.Core.Alerts;
using Haris.Core.Events;
using Haris.Storage.Alerts;

namespace Haris.Server.Tests;

/// <summary>Alerts and requests the API tests share.</summary>
internal static class TestData
{
    private static long s_next;

    /// <summary>A name no other test uses, so tests sharing one server do not see each other's records.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Interlocked.Increment(ref s_next)}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>A stored alert as detection would leave it, for inserting through <see cref="AlertStore"/>.</summary>
    public static StoredAlert StoredAlert(
        string ruleId, AlertLevel level, DateTimeOffset at, string? sourceIp = null, string? venue = null, long count = 1, string? ruleTitle = null) => new()
        {
            Id = Unique("alert"),
            RuleId = ruleId,
            RuleTitle = ruleTitle ?? "Rule " + ruleId,
            Level = level,
            Timestamp = at,
            ReceivedAt = at,
            FirstSeen = at,
            LastSeen = at,
            SourceIp = sourceIp,
            Venue = venue,
            Count = count,
            GroupKey = sourceIp is null ? "" : AlertGroupKey.For([new(FieldNames.SourceIp, sourceIp)]),
        };

    /// <summary>An alert as detection raises it, for driving <c>AlertIntake.StoreAsync</c>.</summary>
    public static Alert Alert(string ruleId, AlertLevel level, DateTimeOffset at, string? sourceIp, long line) => new()
    {
        Id = Core.Alerts.Alert.MakeId(ruleId, "test.log", line),
        RuleId = ruleId,
        RuleTitle = "Rule " + ruleId,
        Level = level,
        Timestamp = at,
        SourceFile = "test.log",
        SourceLine = line,
        Fields = sourceIp is null ? [] : [new(FieldNames.SourceIp, sourceIp)],
    };

    /// <summary>Posts <paramref name="body"/> as JSON and returns the answer's status and parsed body.</summary>
    public static async Task<(int Status, JsonElement Body)> PostJsonAsync(this HttpClient client, string path, object? body)
    {
        using var response = body is null
            ? await client.PostAsync(path, null, TestContext.Current.CancellationToken)
            : await client.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    /// <summary>Gets <paramref name="path"/> and returns the answer's status and parsed body.</summary>
    public static async Task<(int Status, JsonElement Body)> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    /// <summary>The <c>detail</c> of a problem answer.</summary>
    public static string Detail(this JsonElement problem) => problem.GetProperty("detail").GetString() ?? "";

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (text.Length == 0)
        {
            return default;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
