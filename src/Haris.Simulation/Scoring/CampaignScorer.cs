using Haris.Core.Alerts;

namespace Haris.Simulation.Scoring;

/// <summary>How the alerts of a scan compare with the labelled campaigns of a simulated day.</summary>
/// <param name="Kinds">Per campaign kind: how many campaigns, how many were caught.</param>
/// <param name="Missed">The campaigns no rule meant for them caught.</param>
/// <param name="BenignHighAlerts">How many high or critical alerts were about a source that belongs to no campaign.</param>
/// <param name="BenignSamples">The first of those alerts: rule and source.</param>
public sealed record CampaignScore(
    IReadOnlyList<KindScore> Kinds,
    IReadOnlyList<CampaignLabel> Missed,
    long BenignHighAlerts,
    IReadOnlyList<(string Rule, string Source)> BenignSamples)
{
    /// <summary>Whether every campaign was caught and no high or critical alert fell on a benign source.</summary>
    public bool IsPerfect => Missed.Count == 0 && BenignHighAlerts == 0;
}

/// <summary>Recall for one campaign kind.</summary>
public sealed record KindScore(string Kind, int Campaigns, int Detected)
{
    public double Recall => Campaigns == 0 ? 1 : (double)Detected / Campaigns;
}

/// <summary>
/// Scores alerts against <c>labels.jsonl</c>: a campaign counts as caught when an alert of a rule meant for its kind
/// is about one of its sources (the alert's <c>source.ip</c> group value, or the matched event's <c>source.ip</c>), or,
/// for campaigns spread over many sources, about its target path or user name while it ran.
/// </summary>
public sealed class CampaignScorer
{
    /// <summary>How long after a campaign's last line an alert about its target still counts (the longest timespan of the pack).</summary>
    public static readonly TimeSpan TargetSlack = TimeSpan.FromMinutes(30);

    private const int SamplesKept = 5;

    private static readonly Dictionary<CampaignKind, string[]> s_rulesByKind = new()
    {
        [CampaignKind.HttpFlood] = ["haris_web_http_flood_single_source"],
        [CampaignKind.DistributedFlood] = ["haris_web_distributed_flood"],
        [CampaignKind.LoginBruteForce] = ["haris_web_login_brute_force"],
        [CampaignKind.CredentialStuffingSource] = ["haris_web_credential_stuffing_source"],
        [CampaignKind.CredentialStuffingUser] = ["haris_web_credential_stuffing_user"],
        [CampaignKind.VulnScanner] = ["haris_web_vulnerability_scanner"],
        [CampaignKind.SensitiveFileProbe] = ["haris_web_dotfile_probe", "haris_web_backup_archive_probe", "haris_web_config_disclosure_probe"],
        [CampaignKind.SqlInjection] = ["haris_web_sqli_union_select", "haris_web_sqli_boolean_tautology", "haris_web_sqli_functions"],
        [CampaignKind.Xss] = ["haris_web_xss_in_request"],
        [CampaignKind.PathTraversal] = ["haris_web_path_traversal"],
        [CampaignKind.CommandInjection] = ["haris_web_command_injection"],
        [CampaignKind.ScalperBot] = ["haris_web_ticket_scalper_bot", "haris_web_ticket_polling"],
        [CampaignKind.SshBruteForce] = ["haris_ssh_brute_force"],
        [CampaignKind.SshPasswordSpray] = ["haris_ssh_password_spray"],
        [CampaignKind.EveAlertStorm] = ["haris_suricata_alert_storm"],
    };

    private readonly IReadOnlyList<CampaignLabel> _labels;
    private readonly Dictionary<string, List<CampaignLabel>> _byRule = new(StringComparer.Ordinal);
    private readonly HashSet<string> _campaignSources = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<CampaignLabel> _caught = [];
    private readonly List<(string Rule, string Source)> _benignSamples = [];
    private long _benignHighAlerts;

    /// <summary>Scores against <paramref name="labels"/>.</summary>
    public CampaignScorer(IReadOnlyList<CampaignLabel> labels)
    {
        _labels = labels;
        foreach (var label in labels)
        {
            foreach (var source in label.Sources)
            {
                _campaignSources.Add(source);
            }

            if (!CampaignKinds.TryParse(label.Kind, out var kind))
            {
                continue;
            }

            foreach (var rule in RulesFor(kind))
            {
                if (!_byRule.TryGetValue(rule, out var list))
                {
                    _byRule[rule] = list = [];
                }

                list.Add(label);
            }
        }
    }

    /// <summary>The names of the built-in rules meant to catch campaigns of <paramref name="kind"/>.</summary>
    public static IReadOnlyList<string> RulesFor(CampaignKind kind) => s_rulesByKind[kind];

    /// <summary>Reads <c>labels.jsonl</c>; a line that is not a label is reported with the file and line.</summary>
    public static List<CampaignLabel> ReadLabels(string path)
    {
        var labels = new List<CampaignLabel>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var label = CampaignLabel.Parse(line);
                if (!CampaignKinds.TryParse(label.Kind, out _))
                {
                    throw new FormatException($"unknown campaign kind '{label.Kind}'");
                }

                labels.Add(label);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
            {
                throw new FormatException($"{path}:{number}: not a campaign label ({ex.Message})", ex);
            }
        }

        return labels;
    }

    /// <summary>Takes one alert of the scan into account.</summary>
    public void Observe(Alert alert)
    {
        var subject = alert.SubjectSourceIp;
        if (alert.Level >= AlertLevel.High && subject is not null && !_campaignSources.Contains(subject))
        {
            _benignHighAlerts++;
            if (_benignSamples.Count < SamplesKept)
            {
                _benignSamples.Add((alert.RuleName ?? alert.RuleTitle, subject));
            }
        }

        if (alert.RuleName is null || !_byRule.TryGetValue(alert.RuleName, out var candidates))
        {
            return;
        }

        foreach (var label in candidates)
        {
            if (!_caught.Contains(label) && IsAbout(alert, subject, label))
            {
                _caught.Add(label);
            }
        }
    }

    /// <summary>The score so far.</summary>
    public CampaignScore Score()
    {
        var kinds = new List<KindScore>();
        foreach (var kind in CampaignKinds.All)
        {
            var name = CampaignKinds.Name(kind);
            var ofKind = _labels.Where(l => l.Kind == name).ToList();
            if (ofKind.Count > 0)
            {
                kinds.Add(new KindScore(name, ofKind.Count, ofKind.Count(_caught.Contains)));
            }
        }

        return new CampaignScore(kinds, [.. _labels.Where(l => !_caught.Contains(l))], _benignHighAlerts, [.. _benignSamples]);
    }

    private static bool IsAbout(Alert alert, string? subject, CampaignLabel label)
    {
        if (subject is not null && label.Sources.Contains(subject, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        // Campaigns spread over many sources are caught on what they aim at, while they run.
        var time = alert.LastSeen ?? alert.Timestamp;
        if (alert.Group is null || time is null || time < label.Start || time > label.End + TargetSlack)
        {
            return false;
        }

        foreach (var (_, value) in alert.Group)
        {
            if (value is not null && (value == label.Target || (label.Usernames?.Contains(value, StringComparer.Ordinal) ?? false)))
            {
                return true;
            }
        }

        return false;
    }
}
