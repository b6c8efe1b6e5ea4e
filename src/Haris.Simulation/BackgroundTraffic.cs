using System.Globalization;

namespace Haris.Simulation;

/// <summary>A CloudFront edge pulling pages and assets from the origin: at most 2 requests/s (gaps of at least 0.5 s).</summary>
internal sealed class CdnEdge : Actor
{
    private static readonly string[] s_pages = ["/", "/en/", "/ar/", "/fr/", "/en/matches", "/ar/matches", "/fr/matches"];

    private readonly string _ip;

    public CdnEdge(string ip, long at)
    {
        _ip = ip;
        NextAt = at;
    }

    public override void Fire(SimulationContext context)
    {
        var rng = context.BackgroundRng;
        var roll = rng.NextDouble();
        var target = roll < 0.25 ? rng.Pick(s_pages)
            : roll < 0.45 ? "/static/app." + context.AssetHash + ".js"
            : roll < 0.6 ? "/static/site.css"
            : roll < 0.7 ? "/fonts/inter-var.woff2"
            : roll < 0.85 ? "/img/flags/" + rng.Pick(Vocabulary.Teams) + ".png"
            : rng.Pick(Vocabulary.Images);
        var status = rng.Chance(0.3) ? 304 : 200;
        context.WriteAccess(NextAt, _ip, "-", "GET", target, status, status == 304 ? 0 : rng.Next(3_000, 200_000), "-", Vocabulary.CdnAgent);
        // Edges follow the audience, but never faster than 2 requests/s.
        var rate = MatchDayCurve.CdnBaseRate + (MatchDayCurve.CdnRatePerWeight * context.Curve.Weight(context.MinuteOfDay(NextAt)));
        NextAt += 500_000 + rng.Exponential(Math.Max(0, (1 / rate) - 0.5));
    }
}

/// <summary>A search engine crawler: at most 1 request/s, a few stale links that 404 (the same handful all day).</summary>
internal sealed class Crawler : Actor
{
    private readonly string _ip;
    private readonly string[] _agents;
    private readonly string[] _staleLinks;

    public Crawler(string ip, string[] agents, Random rng, long at)
    {
        _ip = ip;
        _agents = agents;
        _staleLinks = [.. Enumerable.Range(0, 5).Select(i => "/en/news/archive-" + rng.Token(5, 8) + "-" + (2018 + i).ToString(CultureInfo.InvariantCulture))];
        NextAt = at;
    }

    public override void Fire(SimulationContext context)
    {
        var rng = context.BackgroundRng;
        var roll = rng.NextDouble();
        string target;
        var status = 200;
        if (roll < 0.04)
        {
            target = rng.Pick(_staleLinks);
            status = 404;
        }
        else
        {
            var lang = rng.Pick(Vocabulary.Languages);
            target = roll < 0.06 ? "/robots.txt" : roll < 0.08 ? "/sitemap.xml"
                : roll < 0.3 ? "/" + lang + "/matches"
                : roll < 0.55 ? "/tickets/match/" + rng.Inclusive(1, 64).ToString(CultureInfo.InvariantCulture)
                : roll < 0.75 ? "/" + lang + "/news/" + rng.Pick(Vocabulary.NewsSlugs)
                : roll < 0.95 ? "/" + lang + "/teams/" + rng.Pick(Vocabulary.Teams)
                : "/" + lang + "/";
            if (rng.Chance(0.08))
            {
                status = 304;
            }
        }

        context.WriteAccess(NextAt, _ip, "-", "GET", target, status, status switch { 200 => rng.Next(9_000, 80_000), 404 => 153, _ => 0 }, "-", rng.Pick(_agents));
        NextAt += RandomExtensions.MicrosPerSecond + rng.Exponential(MatchDayCurve.CrawlerMeanGapSeconds - 1);
    }
}

/// <summary>The monitoring probe: <c>GET /healthz</c> every 30 s.</summary>
internal sealed class HealthProbe : Actor
{
    public HealthProbe(long at) => NextAt = at;

    public override void Fire(SimulationContext context)
    {
        context.WriteAccess(NextAt, "10.20.0.5", "-", "GET", "/healthz", 200, 2, "-", Vocabulary.MonitorAgent);
        NextAt += MatchDayCurve.HealthProbeSeconds * RandomExtensions.MicrosPerSecond;
    }
}

/// <summary>Administrators logging in over SSH from the VPN: public keys, now and then a mistyped password first.</summary>
internal sealed class AdminLogins : Actor
{
    private static readonly string[] s_admins = ["10.8.0.11", "10.8.0.12", "10.8.0.14", "10.8.0.23", "10.8.0.31"];
    private static readonly string[] s_users = ["deploy", "deploy", "deploy", "ops", "ansible"];

    // A password login pending after a typo: the second line of a pair.
    private string? _retryHost;
    private string _retryIp = string.Empty;
    private int _retryPid;
    private int _retryPort;

    public AdminLogins(long at) => NextAt = at;

    public override void Fire(SimulationContext context)
    {
        var rng = context.BackgroundRng;
        if (_retryHost is not null)
        {
            context.WriteAuth(NextAt, _retryHost, _retryPid, Accepted("password", "deploy", _retryIp, _retryPort, null));
            _retryHost = null;
            NextAt += rng.Exponential(25 * 60);
            return;
        }

        var host = rng.Pick(Vocabulary.Servers);
        var ip = rng.Pick(s_admins);
        var pid = rng.Next(1000, 65000);
        var port = rng.Next(32768, 61000);
        if (rng.Chance(0.1))
        {
            context.WriteAuth(NextAt, host, pid, "Failed password for deploy from " + ip + " port " + Num(port) + " ssh2");
            (_retryHost, _retryIp, _retryPid, _retryPort) = (host, ip, pid, port);
            NextAt += rng.Seconds(3, 15);
            return;
        }

        var user = rng.Pick(s_users);
        context.WriteAuth(NextAt, host, pid, Accepted("publickey", user, ip, port, "ssh2: ED25519 SHA256:" + Fingerprint(user)));
        NextAt += rng.Exponential(25 * 60);
    }

    private static string Accepted(string method, string user, string ip, int port, string? key) =>
        "Accepted " + method + " for " + user + " from " + ip + " port " + Num(port) + (key is null ? " ssh2" : " " + key);

    // A fixed fingerprint per user, as the same key is used every time.
    private static string Fingerprint(string user) => user switch
    {
        "deploy" => "q1Vf0l6u1yZp3E6cW0mI8JY5sGk9mB2Tt7rXh4nLdAo",
        "ops" => "Zr8xK2pVb7nQw4eT1yU6iO9aS3dF5gH0jL2kM8cN7vB",
        _ => "b3Jk9Lm2Nq8Rs5Tu1Vw4Xy7Za0Bc6De3Fg9Hi2Jk5Lm",
    };

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The steady trickle of benign Suricata records (flow, dns, tls, http), about one a second.</summary>
internal sealed class EveBackground : Actor
{
    private static readonly string[] s_webServers = ["10.2.0.10", "10.2.0.11", "10.2.0.12"];
    private static readonly string[] s_names = ["www.event.example", "tickets.event.example", "api.event.example", "cdn.event.example", "time.cloudflare.com", "updates.ubuntu.com"];
    private static readonly string[] s_paths = ["/", "/en/matches", "/healthz", "/api/v1/availability?match=12", "/static/site.css"];

    public EveBackground(long at) => NextAt = at;

    public override void Fire(SimulationContext context)
    {
        var rng = context.BackgroundRng;
        var flowId = rng.NextInt64(1L << 40, 1L << 51);
        var internalHost = "10.1." + Num(rng.Next(0, 8)) + "." + Num(rng.Next(2, 250));
        var roll = rng.NextDouble();
        if (roll < 0.3)
        {
            context.BeginEve(NextAt, flowId, "dns", internalHost, rng.Next(32768, 61000), "10.0.0.53", 53, "UDP");
            var w = context.Eve;
            w.Write(",\"dns\":{\"type\":\"query\",\"id\":");
            w.Write(rng.Next(1, 65536));
            w.Write(",\"rrname\":");
            w.WriteJson(rng.Pick(s_names));
            w.Write(",\"rrtype\":\"A\",\"tx_id\":0}}");
            w.EndLine();
        }
        else if (roll < 0.55)
        {
            context.BeginEve(NextAt, flowId, "tls", Addresses.Fan(rng), rng.Next(32768, 61000), rng.Pick(s_webServers), 443, "TCP");
            var w = context.Eve;
            w.Write(",\"tls\":{\"sni\":");
            w.WriteJson(rng.Chance(0.5) ? Vocabulary.SiteHost : "tickets.event.example");
            w.Write(",\"version\":\"TLS 1.3\"}}");
            w.EndLine();
        }
        else if (roll < 0.7)
        {
            context.BeginEve(NextAt, flowId, "http", internalHost, rng.Next(32768, 61000), rng.Pick(s_webServers), 80, "TCP");
            var w = context.Eve;
            w.Write(",\"http\":{\"hostname\":");
            w.WriteJson(Vocabulary.SiteHost);
            w.Write(",\"url\":");
            w.WriteJson(rng.Pick(s_paths));
            w.Write(",\"http_user_agent\":");
            w.WriteJson(rng.Pick(Vocabulary.BrowserAgents));
            w.Write(",\"http_method\":\"GET\",\"protocol\":\"HTTP/1.1\",\"status\":200,\"length\":");
            w.Write(rng.Next(200, 60_000));
            w.Write("}}");
            w.EndLine();
        }
        else
        {
            var age = rng.Next(1, 120);
            var tls = rng.Chance(0.7);
            context.BeginEve(NextAt, flowId, "flow", Addresses.Fan(rng), rng.Next(32768, 61000), rng.Pick(s_webServers), tls ? 443 : 80, "TCP");
            var w = context.Eve;
            var packetsIn = rng.Next(4, 60);
            var packetsOut = rng.Next(4, 80);
            w.Write(",\"app_proto\":\"");
            w.Write(tls ? "tls" : "http");
            w.Write("\",\"flow\":{\"pkts_toserver\":");
            w.Write(packetsIn);
            w.Write(",\"pkts_toclient\":");
            w.Write(packetsOut);
            w.Write(",\"bytes_toserver\":");
            w.Write(packetsIn * rng.Next(60, 400));
            w.Write(",\"bytes_toclient\":");
            w.Write(packetsOut * rng.Next(200, 1400));
            w.Write(",\"start\":\"");
            w.Write(w.FormatEveTime(NextAt - (age * RandomExtensions.MicrosPerSecond)));
            w.Write("\",\"end\":\"");
            w.Write(w.FormatEveTime(NextAt - rng.Next(0, 1_000_000)));
            w.Write("\",\"age\":");
            w.Write(age);
            w.Write(",\"state\":\"closed\",\"reason\":\"timeout\",\"alerted\":false}}");
            w.EndLine();
        }

        NextAt += rng.Exponential(1.0);
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The odd low-severity alert from a benign host: at most 2 an hour (gaps of at least 30 minutes).</summary>
internal sealed class EveBenignAlerts : Actor
{
    private static readonly Signature[] s_signatures =
    [
        new(2027757, 4, "ET INFO Observed DNS Query to .cloud TLD", "Potentially Bad Traffic", 3),
        new(2012647, 5, "ET POLICY Dropbox.com Offsite File Backup in Use", "Potential Corporate Privacy Violation", 3),
        new(2013028, 7, "ET POLICY curl User-Agent Outbound", "Attempted Information Leak", 3),
        new(2210045, 2, "SURICATA STREAM Packet with invalid ack", "Generic Protocol Command Decode", 3),
    ];

    public EveBenignAlerts(long at) => NextAt = at;

    public override void Fire(SimulationContext context)
    {
        var rng = context.BackgroundRng;
        var host = "10.1." + rng.Next(0, 8).ToString(CultureInfo.InvariantCulture) + "." + rng.Next(2, 250).ToString(CultureInfo.InvariantCulture);
        context.WriteEveAlert(NextAt, rng.NextInt64(1L << 40, 1L << 51), host, rng.Next(32768, 61000), "10.0.0.53", 53, rng.Pick(s_signatures));
        NextAt += (30 * 60 * RandomExtensions.MicrosPerSecond) + rng.Exponential(20 * 60);
    }
}
