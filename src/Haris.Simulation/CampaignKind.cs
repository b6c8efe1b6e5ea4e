namespace Haris.Simulation;

/// <summary>The attack campaigns the simulator plays; each has a fixed name in <c>labels.jsonl</c>.</summary>
public enum CampaignKind
{
    /// <summary><c>http_flood</c>: one source, 15–40 requests/s to one or two pages.</summary>
    HttpFlood,

    /// <summary><c>distributed_flood</c>: hundreds of sources on one path with a random cache-busting query (HULK).</summary>
    DistributedFlood,

    /// <summary><c>login_brute_force</c>: one source, one user name, hundreds of failed logins.</summary>
    LoginBruteForce,

    /// <summary><c>credential_stuffing_source</c>: one source, many user names, one attempt each.</summary>
    CredentialStuffingSource,

    /// <summary><c>credential_stuffing_user</c>: many sources, one user name.</summary>
    CredentialStuffingUser,

    /// <summary><c>vuln_scanner</c>: one source walking a wordlist of paths, mostly 404.</summary>
    VulnScanner,

    /// <summary><c>sensitive_file_probe</c>: one source asking for <c>/.env</c>, <c>/.git/config</c>, backups.</summary>
    SensitiveFileProbe,

    /// <summary><c>sql_injection</c>: one source sending SQL injection payloads in the query.</summary>
    SqlInjection,

    /// <summary><c>xss</c>: one source sending cross-site scripting payloads.</summary>
    Xss,

    /// <summary><c>path_traversal</c>: one source sending <c>../</c> payloads.</summary>
    PathTraversal,

    /// <summary><c>command_injection</c>: one source sending shell command payloads.</summary>
    CommandInjection,

    /// <summary><c>scalper_bot</c>: a few scripted sources polling availability and buying tickets.</summary>
    ScalperBot,

    /// <summary><c>ssh_brute_force</c>: one source, one to three user names, many failed passwords on one server.</summary>
    SshBruteForce,

    /// <summary><c>ssh_password_spray</c>: one source, many (mostly invalid) user names.</summary>
    SshPasswordSpray,

    /// <summary><c>eve_alert_storm</c>: one host raising hundreds of Suricata scan and exploit alerts.</summary>
    EveAlertStorm,
}

/// <summary>Names and facts about <see cref="CampaignKind"/>.</summary>
public static class CampaignKinds
{
    /// <summary>Every kind, in declaration order.</summary>
    public static IReadOnlyList<CampaignKind> All { get; } = Enum.GetValues<CampaignKind>();

    /// <summary>The name written in <c>labels.jsonl</c> (<c>http_flood</c>, ...).</summary>
    public static string Name(CampaignKind kind) => kind switch
    {
        CampaignKind.HttpFlood => "http_flood",
        CampaignKind.DistributedFlood => "distributed_flood",
        CampaignKind.LoginBruteForce => "login_brute_force",
        CampaignKind.CredentialStuffingSource => "credential_stuffing_source",
        CampaignKind.CredentialStuffingUser => "credential_stuffing_user",
        CampaignKind.VulnScanner => "vuln_scanner",
        CampaignKind.SensitiveFileProbe => "sensitive_file_probe",
        CampaignKind.SqlInjection => "sql_injection",
        CampaignKind.Xss => "xss",
        CampaignKind.PathTraversal => "path_traversal",
        CampaignKind.CommandInjection => "command_injection",
        CampaignKind.ScalperBot => "scalper_bot",
        CampaignKind.SshBruteForce => "ssh_brute_force",
        CampaignKind.SshPasswordSpray => "ssh_password_spray",
        CampaignKind.EveAlertStorm => "eve_alert_storm",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kind named <paramref name="name"/> in <c>labels.jsonl</c>.</summary>
    public static bool TryParse(string? name, out CampaignKind kind)
    {
        foreach (var candidate in All)
        {
            if (Name(candidate) == name)
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>The file a campaign of this kind writes to.</summary>
    public static string Log(CampaignKind kind) => kind switch
    {
        CampaignKind.SshBruteForce or CampaignKind.SshPasswordSpray => SimulationFiles.AuthLog,
        CampaignKind.EveAlertStorm => SimulationFiles.Eve,
        _ => SimulationFiles.AccessLog,
    };
}
