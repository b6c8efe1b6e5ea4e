namespace Haris.Simulation;

/// <summary>Draws one campaign's parameters from its own seeded stream and queues the actors that play it.</summary>
internal static class CampaignFactory
{
    private const long Second = RandomExtensions.MicrosPerSecond;
    private const long Minute = 60 * Second;

    private static readonly string[] s_floodTargets = ["/", "/en/", "/en/matches", "/tickets/"];
    private static readonly (string Path, string Parameter)[] s_sqlEndpoints =
        [("/tickets/search", "q"), ("/search", "q"), ("/tickets/match", "id"), ("/api/v1/availability", "match"), ("/account/orders", "order")];
    private static readonly (string Path, string Parameter)[] s_xssEndpoints = [("/search", "q"), ("/en/news", "ref"), ("/tickets/search", "q")];
    private static readonly (string Path, string Parameter)[] s_traversalEndpoints = [("/download", "file"), ("/tickets/print", "template"), ("/img", "src")];
    private static readonly (string Path, string Parameter)[] s_commandEndpoints = [("/api/v1/ping", "host"), ("/tools/lookup", "domain"), ("/cgi-bin/status", "cmd")];

    public static Campaign Start(SimulationContext context, string id, CampaignKind kind, long at, Random rng)
    {
        var addresses = context.Addresses;
        var engine = context.Engine;
        string NextIp() => addresses.NextCampaign(0.15, preferDocumentation: true);

        switch (kind)
        {
            case CampaignKind.HttpFlood:
                {
                    var roll = rng.NextDouble();
                    string[] pages = roll < 0.4 ? ["/"] : roll < 0.8 ? ["/en/matches"] : ["/", "/en/matches"];
                    var campaign = new Campaign(id, kind, pages[0]);
                    var end = at + rng.Seconds(120, 360);
                    engine.Add(new HttpFloodActor(campaign, rng, NextIp(), at, end, pages, rng.Between(15, 40), rng.Pick(Vocabulary.BrowserAgents)));
                    return campaign;
                }

            case CampaignKind.DistributedFlood:
                {
                    var campaign = new Campaign(id, kind, rng.Pick(s_floodTargets));
                    var bots = rng.Inclusive(200, 600);
                    var seconds = rng.Between(180, 480);
                    // A request budget keeps the day's volume steady whatever the bot count and length; rates stay in 0.5–2/s.
                    var meanRate = Math.Clamp(rng.Between(100_000, 180_000) / (bots * seconds), 0.5, 2.0);
                    var end = at + (long)(seconds * Second);
                    for (var i = 0; i < bots; i++)
                    {
                        var ip = addresses.NextCampaign(0.15, preferDocumentation: false);
                        var join = i == 0 ? at : at + rng.Seconds(0, 20);
                        engine.Add(new DistributedFloodBot(campaign, rng, ip, join, end, Math.Clamp(meanRate * rng.Between(0.7, 1.3), 0.5, 2.0)));
                    }

                    return campaign;
                }

            case CampaignKind.LoginBruteForce:
                {
                    var campaign = new Campaign(id, kind, Vocabulary.SessionPath);
                    var user = Vocabulary.Email(rng);
                    campaign.Usernames = [user];
                    var agent = rng.Chance(0.5) ? "python-requests/2.31.0" : rng.Pick(Vocabulary.BrowserAgents);
                    engine.Add(new LoginBruteForceActor(campaign, rng, NextIp(), at, at + rng.Seconds(300, 900), user, rng.Inclusive(100, 400), rng.Chance(0.3), agent));
                    return campaign;
                }

            case CampaignKind.CredentialStuffingSource:
                {
                    var campaign = new Campaign(id, kind, Vocabulary.SessionPath);
                    var users = DistinctEmails(rng, rng.Inclusive(50, 300));
                    campaign.Usernames = users;
                    var rate = rng.Between(0.3, 1.0);
                    // Generous end: the actor stops after its last user name, the end only guards against drift.
                    var end = at + (long)(users.Count / rate * 2 * Second);
                    engine.Add(new CredentialStuffingSourceActor(campaign, rng, NextIp(), at, end, users, rate, rng.Pick(Vocabulary.BrowserAgents)));
                    return campaign;
                }

            case CampaignKind.CredentialStuffingUser:
                {
                    var campaign = new Campaign(id, kind, Vocabulary.SessionPath);
                    var user = Vocabulary.Email(rng);
                    campaign.Usernames = [user];
                    var window = rng.Seconds(240, 600);
                    var bots = rng.Inclusive(50, 200);
                    for (var i = 0; i < bots; i++)
                    {
                        var ip = addresses.NextCampaign(0.15, preferDocumentation: false);
                        var first = i == 0 ? at : at + (long)(rng.NextDouble() * window * 0.85);
                        engine.Add(new CredentialStuffingUserBot(campaign, rng, ip, first, at + window, user, rng.Inclusive(1, 3)));
                    }

                    return campaign;
                }

            case CampaignKind.VulnScanner:
                {
                    var campaign = new Campaign(id, kind, "/");
                    var agent = rng.Chance(0.5) ? rng.Pick(Vocabulary.ScannerAgents) : rng.Pick(Vocabulary.BrowserAgents);
                    engine.Add(new VulnScannerActor(campaign, rng, NextIp(), at, at + rng.Seconds(180, 900), rng.Inclusive(300, 2000), agent));
                    return campaign;
                }

            case CampaignKind.SensitiveFileProbe:
                {
                    var campaign = new Campaign(id, kind, "/");
                    var files = Shuffled(rng, Payloads.SensitiveFiles);
                    var targets = files.GetRange(0, rng.Inclusive(5, Math.Min(40, files.Count)));
                    return StartProbe(engine, campaign, rng, NextIp(), at, targets, [404, 404, 404, 404, 404, 403, 403, 403, 200]);
                }

            case CampaignKind.SqlInjection:
                return StartPayloadProbe(engine, id, kind, rng, NextIp(), at, s_sqlEndpoints, Payloads.SqlInjection, rng.Inclusive(5, 50), [200, 200, 500, 500, 403, 400]);

            case CampaignKind.Xss:
                return StartPayloadProbe(engine, id, kind, rng, NextIp(), at, s_xssEndpoints, Payloads.Xss, rng.Inclusive(3, 30), [200, 200, 400, 403]);

            case CampaignKind.PathTraversal:
                return StartPayloadProbe(engine, id, kind, rng, NextIp(), at, s_traversalEndpoints, Payloads.PathTraversal, rng.Inclusive(3, 30), [400, 403, 404, 404, 200]);

            case CampaignKind.CommandInjection:
                return StartPayloadProbe(engine, id, kind, rng, NextIp(), at, s_commandEndpoints, Payloads.CommandInjection, rng.Inclusive(3, 30), [200, 400, 403, 500]);

            case CampaignKind.ScalperBot:
                {
                    var campaign = new Campaign(id, kind, "/api/v1/availability");
                    var match = rng.Inclusive(1, 64);
                    var end = at + rng.Seconds(600, 3600);
                    var bots = rng.Inclusive(1, 5);
                    for (var i = 0; i < bots; i++)
                    {
                        var join = i == 0 ? at : at + rng.Seconds(0, 30);
                        engine.Add(new ScalperBotActor(campaign, rng, NextIp(), join, end, match, rng.Between(2, 5), rng.Pick(Vocabulary.ScriptedAgents)));
                    }

                    return campaign;
                }

            case CampaignKind.SshBruteForce:
                {
                    var campaign = new Campaign(id, kind, rng.Pick(Vocabulary.Servers));
                    List<string> users = Shuffled(rng, ["root", "admin", "ubuntu"]).GetRange(0, rng.Inclusive(1, 3));
                    campaign.Usernames = users;
                    engine.Add(new SshBruteForceActor(campaign, rng, NextIp(), at, at + rng.Seconds(300, 1200), campaign.Target, users, rng.Inclusive(50, 500)));
                    return campaign;
                }

            case CampaignKind.SshPasswordSpray:
                {
                    var campaign = new Campaign(id, kind, rng.Pick(Vocabulary.Servers));
                    var users = SprayUsers(rng, rng.Inclusive(30, 200));
                    campaign.Usernames = users;
                    engine.Add(new SshSprayActor(campaign, rng, NextIp(), at, at + rng.Seconds(600, 1800), campaign.Target, users));
                    return campaign;
                }

            case CampaignKind.EveAlertStorm:
                {
                    var campaign = new Campaign(id, kind, "10.2.0." + rng.Inclusive(10, 12).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    engine.Add(new EveAlertStormActor(campaign, rng, NextIp(), at, at + rng.Seconds(60, 300), rng.Inclusive(50, 500)));
                    return campaign;
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private static Campaign StartPayloadProbe(
        SimulationEngine engine, string id, CampaignKind kind, Random rng, string ip, long at,
        (string Path, string Parameter)[] endpoints, string[] payloads, int count, int[] statuses)
    {
        var (path, parameter) = rng.Pick(endpoints);
        var campaign = new Campaign(id, kind, path);
        var targets = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            targets.Add(path + "?" + parameter + "=" + rng.Pick(payloads));
        }

        return StartProbe(engine, campaign, rng, ip, at, targets, statuses);
    }

    private static Campaign StartProbe(SimulationEngine engine, Campaign campaign, Random rng, string ip, long at, List<string> targets, int[] statuses)
    {
        // Each request is at most 4 s after the last, so the whole probe fits in this bound.
        var end = at + (targets.Count * 4 * Second) + Second;
        engine.Add(new ProbeActor(campaign, rng, ip, at, end, targets, statuses, rng.Pick(Vocabulary.BrowserAgents)));
        return campaign;
    }

    private static List<string> DistinctEmails(Random rng, int count)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<string>(count);
        while (list.Count < count)
        {
            var email = Vocabulary.Email(rng);
            if (seen.Add(email))
            {
                list.Add(email);
            }
        }

        return list;
    }

    private static List<string> SprayUsers(Random rng, int count)
    {
        var pool = Shuffled(rng, [.. Payloads.SshSprayUsers, .. Payloads.SshExistingUsers]);
        var seen = new HashSet<string>(pool, StringComparer.Ordinal);
        while (pool.Count < count)
        {
            // Wordlists pad common names with digits: test1, admin123, user01.
            var name = rng.Pick(Payloads.SshSprayUsers) + rng.Pick(["1", "123", "01", "2", "2024", "99"]);
            if (seen.Add(name))
            {
                pool.Add(name);
            }
        }

        var users = pool.GetRange(0, count);
        return users;
    }

    private static List<string> Shuffled(Random rng, string[] items)
    {
        var list = new List<string>(items);
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }
}
