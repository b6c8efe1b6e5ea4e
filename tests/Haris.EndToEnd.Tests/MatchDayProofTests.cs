using System.Text.Json;

namespace Haris.EndToEnd.Tests;

/// <summary>
/// Proof on traffic: a simulated hour of a match day (ticket release included) scanned with the built-in pack. Every
/// labelled campaign must be caught by a rule meant for its kind, and no high or critical alert may fall on a source
/// that belongs to no campaign. The check below reads the alerts and labels itself; it does not trust the program's
/// own scoring, which it compares with.
/// </summary>
public sealed class MatchDayProofTests
{
    private static readonly Dictionary<string, string[]> s_rulesByKind = new()
    {
        ["http_flood"] = ["haris_web_http_flood_single_source"],
        ["distributed_flood"] = ["haris_web_distributed_flood"],
        ["login_brute_force"] = ["haris_web_login_brute_force"],
        ["credential_stuffing_source"] = ["haris_web_credential_stuffing_source"],
        ["credential_stuffing_user"] = ["haris_web_credential_stuffing_user"],
        ["vuln_scanner"] = ["haris_web_vulnerability_scanner"],
        ["sensitive_file_probe"] = ["haris_web_dotfile_probe", "haris_web_backup_archive_probe", "haris_web_config_disclosure_probe"],
        ["sql_injection"] = ["haris_web_sqli_union_select", "haris_web_sqli_boolean_tautology", "haris_web_sqli_functions"],
        ["xss"] = ["haris_web_xss_in_request"],
        ["path_traversal"] = ["haris_web_path_traversal"],
        ["command_injection"] = ["haris_web_command_injection"],
        ["scalper_bot"] = ["haris_web_ticket_scalper_bot", "haris_web_ticket_polling"],
        ["ssh_brute_force"] = ["haris_ssh_brute_force"],
        ["ssh_password_spray"] = ["haris_ssh_password_spray"],
        ["eve_alert_storm"] = ["haris_suricata_alert_storm"],
    };

    [Fact]
    public async Task SimulatedMatchDay_EveryCampaignCaught_NoHighAlertOnBenignSources()
    {
        using var dir = new TempDirectory();
        var simulate = await HarisProcess.RunAsync(dir.Path, null, "simulate", "--out", ".", "--seed", "2026", "--minutes", "60", "--start", "2026-06-11T09:40:00+03:00");
        Assert.True(simulate.ExitCode == 0, simulate.ToString());

        var scan = await HarisProcess.RunAsync(dir.Path, null, "scan", "--labels", "labels.jsonl", "--output", "alerts.ndjson", "access.log", "auth.log", "eve.json");
        Assert.True(scan.ExitCode == 0, scan.ToString());

        var labels = dir.Read("labels.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var alerts = AccessLog.ParseAlerts(dir.Read("alerts.ndjson"));
        Assert.Equal(s_rulesByKind.Keys.Order(), labels.Select(l => l.GetProperty("kind").GetString()!).Distinct().Order());

        var campaignSources = labels.SelectMany(l => l.GetProperty("sources").EnumerateArray().Select(s => s.GetString()!)).ToHashSet();
        var missed = labels.Where(label => !alerts.Any(alert => Catches(alert, label))).Select(l => l.GetRawText()).ToList();
        Assert.True(missed.Count == 0, "missed campaigns:\n" + string.Join('\n', missed));

        var benign = alerts
            .Where(a => a.Str("level") is "high" or "critical")
            .Select(a => (Rule: a.Str("rule_name"), Source: Subject(a)))
            .Where(x => x.Source is not null && !campaignSources.Contains(x.Source))
            .ToList();
        Assert.True(benign.Count == 0, "high alerts on benign sources: " + string.Join(", ", benign.Take(10)));

        // The program's own scoring agrees.
        Assert.Contains($"recall: {labels.Count}/{labels.Count} campaigns detected", scan.Stderr, StringComparison.Ordinal);
        Assert.Contains("high or critical alerts on sources in no campaign: 0", scan.Stderr, StringComparison.Ordinal);
    }

    // Correlation alerts name their source in the group; single-event alerts in the matched event.
    private static string? Subject(JsonElement alert) =>
        alert.TryGetProperty("group", out var group)
            ? group.TryGetProperty("source.ip", out var ip) ? ip.GetString() : null
            : alert.Field("source.ip");

    private static bool Catches(JsonElement alert, JsonElement label)
    {
        if (!s_rulesByKind[label.GetProperty("kind").GetString()!].Contains(alert.Str("rule_name")))
        {
            return false;
        }

        var sources = label.GetProperty("sources").EnumerateArray().Select(s => s.GetString()).ToList();
        if (Subject(alert) is { } subject && sources.Contains(subject))
        {
            return true;
        }

        // Many-source campaigns are caught on their target (a path, a user name) while they run.
        if (!alert.TryGetProperty("group", out var group))
        {
            return false;
        }

        var seen = DateTimeOffset.Parse(alert.Str("last_seen")!, System.Globalization.CultureInfo.InvariantCulture);
        var start = DateTimeOffset.Parse(label.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var end = DateTimeOffset.Parse(label.GetProperty("end").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        if (seen < start || seen > end.AddMinutes(30))
        {
            return false;
        }

        var targets = new List<string?> { label.GetProperty("target").GetString() };
        if (label.TryGetProperty("usernames", out var users))
        {
            targets.AddRange(users.EnumerateArray().Select(u => u.GetString()));
        }

        return group.EnumerateObject().Any(p => targets.Contains(p.Value.GetString()));
    }
}
