using System.Globalization;

namespace Haris.Simulation;

/// <summary><c>http_flood</c>: one source, one agent, 15–40 requests/s to one or two pages.</summary>
internal sealed class HttpFloodActor(Campaign campaign, Random rng, string ip, long at, long end, string[] pages, double rate, string agent)
    : CampaignActor(campaign, rng, ip, at, end)
{
    public override void Fire(SimulationContext context)
    {
        var status = Rng.Chance(0.85) ? 200 : 503;
        Access(context, "-", "GET", Rng.Pick(pages), status, status == 200 ? Rng.Next(18_000, 60_000) : 197, "-", agent);
        Advance((long)(Rng.Between(0.5, 1.5) / rate * RandomExtensions.MicrosPerSecond));
    }
}

/// <summary>
/// One bot of a <c>distributed_flood</c>: 0.5–2 requests/s to the one target path, each with a fresh random
/// parameter name and value (HULK's cache-busting) and a browser agent picked per request.
/// </summary>
internal sealed class DistributedFloodBot(Campaign campaign, Random rng, string ip, long at, long end, double rate)
    : CampaignActor(campaign, rng, ip, at, end)
{
    public override void Fire(SimulationContext context)
    {
        var target = string.Concat(Campaign.Target, "?", Rng.Token(4, 7), "=", Rng.Token(5, 10, hexOnly: true));
        var referer = Rng.Chance(0.5) ? "-" : "https://www.google.com/?q=" + Rng.Token(4, 9);
        var status = Rng.Chance(0.7) ? 200 : 503;
        Access(context, "-", "GET", target, status, status == 200 ? Rng.Next(18_000, 60_000) : 197, referer, Rng.Pick(Vocabulary.BrowserAgents));
        Advance((long)(Rng.Between(0.6, 1.4) / rate * RandomExtensions.MicrosPerSecond));
    }
}

/// <summary><c>login_brute_force</c>: one source, one user name, 100–400 failed logins, maybe a final success.</summary>
internal sealed class LoginBruteForceActor(Campaign campaign, Random rng, string ip, long at, long end, string user, int attempts, bool succeeds, string agent)
    : CampaignActor(campaign, rng, ip, at, end)
{
    private readonly long _gap = (end - at) / attempts;
    private int _left = attempts;

    public override void Fire(SimulationContext context)
    {
        _left--;
        var success = succeeds && _left == 0;
        Access(context, user, "POST", Vocabulary.SessionPath, success ? 200 : 401, success ? 412 : 187, "-", agent);
        if (_left == 0)
        {
            NextAt = -1;
            return;
        }

        Advance((long)(Rng.Between(0.5, 1.5) * _gap));
    }
}

/// <summary><c>credential_stuffing_source</c>: one source, a list of e-mail user names, one attempt each, 0.3–1 attempts/s.</summary>
internal sealed class CredentialStuffingSourceActor(Campaign campaign, Random rng, string ip, long at, long end, List<string> users, double rate, string agent)
    : CampaignActor(campaign, rng, ip, at, end)
{
    private int _next;

    public override void Fire(SimulationContext context)
    {
        // A leaked list has a few live pairs; at most 1 in 30 works, well under the 10% that would blur the pattern.
        var success = Rng.Chance(1.0 / 30);
        Access(context, users[_next++], "POST", Vocabulary.SessionPath, success ? 200 : 401, success ? 412 : 187, "-", agent);
        if (_next == users.Count)
        {
            NextAt = -1;
            return;
        }

        Advance((long)(Rng.Between(0.7, 1.3) / rate * RandomExtensions.MicrosPerSecond));
    }
}

/// <summary>One bot of a <c>credential_stuffing_user</c>: 1–3 failed logins for the one user name, inside the campaign's window.</summary>
internal sealed class CredentialStuffingUserBot(Campaign campaign, Random rng, string ip, long at, long end, string user, int attempts)
    : CampaignActor(campaign, rng, ip, at, end)
{
    private readonly string _agent = rng.Pick(Vocabulary.BrowserAgents);
    private int _left = attempts;

    public override void Fire(SimulationContext context)
    {
        Access(context, user, "POST", Vocabulary.SessionPath, 401, 187, "-", _agent);
        if (--_left == 0)
        {
            NextAt = -1;
            return;
        }

        Advance(Rng.Seconds(2, 30));
    }
}

/// <summary><c>vuln_scanner</c>: one source walking 300–2000 distinct wordlist paths, at least 80% of them 404.</summary>
internal sealed class VulnScannerActor(Campaign campaign, Random rng, string ip, long at, long end, int requests, string agent)
    : CampaignActor(campaign, rng, ip, at, end)
{
    // Bounded by the campaign's request count (at most 2000), and dropped with the actor.
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly long _gap = (end - at) / requests;
    private int _left = requests;

    public override void Fire(SimulationContext context)
    {
        var path = NextPath();
        var roll = Rng.NextDouble();
        var status = roll < 0.86 ? 404 : roll < 0.94 ? 403 : roll < 0.97 ? 301 : 200;
        Access(context, "-", Rng.Chance(0.95) ? "GET" : "HEAD", path, status, status == 404 ? 153 : Rng.Next(150, 5000), "-", agent);
        if (--_left == 0)
        {
            NextAt = -1;
            return;
        }

        Advance((long)(Rng.Between(0.3, 1.7) * _gap));
    }

    private string NextPath()
    {
        while (true)
        {
            var roll = Rng.NextDouble();
            var path = roll < 0.3 ? Rng.Pick(Payloads.ScannerPaths)
                : roll < 0.8 ? "/" + Rng.Pick(Payloads.ScannerWords) + Rng.Pick(Payloads.ScannerExtensions)
                : roll < 0.95 ? "/" + Rng.Pick(Payloads.ScannerWords) + "/" + Rng.Pick(Payloads.ScannerWords) + Rng.Pick(Payloads.ScannerExtensions)
                : "/" + Rng.Token(3, 8) + ".php";
            if (_seen.Add(path))
            {
                return path;
            }
        }
    }
}

/// <summary>
/// The single-source probes (<c>sensitive_file_probe</c>, <c>sql_injection</c>, <c>xss</c>, <c>path_traversal</c>,
/// <c>command_injection</c>): a prepared list of request targets, sent 0.3–4 s apart with one browser agent.
/// </summary>
internal sealed class ProbeActor(Campaign campaign, Random rng, string ip, long at, long end, List<string> targets, int[] statuses, string agent)
    : CampaignActor(campaign, rng, ip, at, end)
{
    private int _next;

    public override void Fire(SimulationContext context)
    {
        var status = Rng.Pick(statuses);
        Access(context, "-", "GET", targets[_next++], status, status == 200 ? Rng.Next(2_000, 40_000) : Rng.Next(150, 600), "-", agent);
        if (_next == targets.Count)
        {
            NextAt = -1;
            return;
        }

        Advance(Rng.Seconds(0.3, 4));
    }
}

/// <summary>
/// One bot of a <c>scalper_bot</c> campaign: polls availability 2–5 times a second and, when it sees seats, posts
/// to <c>/cart</c> and <c>/checkout</c>; a scripted agent, no assets, hardly ever a referrer.
/// </summary>
internal sealed class ScalperBotActor(Campaign campaign, Random rng, string ip, long at, long end, int match, double rate, string agent)
    : CampaignActor(campaign, rng, ip, at, end)
{
    private int _step;

    public override void Fire(SimulationContext context)
    {
        var matchText = match.ToString(CultureInfo.InvariantCulture);
        var referer = Rng.Chance(0.9) ? "-" : Vocabulary.SiteOrigin + "/tickets/match/" + matchText;
        if (_step == 1)
        {
            Access(context, "-", "POST", "/cart", Rng.Chance(0.7) ? 200 : 409, Rng.Next(200, 900), referer, agent);
            _step = 2;
        }
        else if (_step == 2)
        {
            var roll = Rng.NextDouble();
            Access(context, "-", "POST", "/checkout", roll < 0.5 ? 200 : roll < 0.8 ? 409 : 402, Rng.Next(200, 1200), referer, agent);
            _step = 0;
        }
        else
        {
            Access(context, "-", "GET", "/api/v1/availability?match=" + matchText, 200, Rng.Next(300, 4000), referer, agent);
            if (Rng.Chance(0.06))
            {
                _step = 1;
            }
        }

        // Never faster than 5 requests/s.
        Advance(Math.Max(200_000, (long)(Rng.Between(0.8, 1.2) / rate * RandomExtensions.MicrosPerSecond)));
    }
}
