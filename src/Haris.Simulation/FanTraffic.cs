using System.Globalization;

namespace Haris.Simulation;

/// <summary>Starts fan sessions second by second, as many as the curve and <c>--scale</c> say (Poisson arrivals).</summary>
internal sealed class FanSpawner : Actor
{
    private readonly double _scale;

    public FanSpawner(double scale)
    {
        _scale = scale;
        NextAt = 0;
    }

    public override void Fire(SimulationContext context)
    {
        var rng = context.FanRng;
        var lambda = context.Curve.Weight(context.MinuteOfDay(NextAt)) * MatchDayCurve.SessionsPerSecondAtPeak * _scale;
        var arrivals = rng.Poisson(lambda);
        var release = MatchDayCurve.InRelease(context.MinuteOfDay(NextAt));
        for (var i = 0; i < arrivals; i++)
        {
            context.Engine.Add(new FanSession(rng, NextAt + rng.Next(0, (int)RandomExtensions.MicrosPerSecond), release));
        }

        NextAt += RandomExtensions.MicrosPerSecond;
    }
}

/// <summary>
/// One fan on the site: 5–40 page and API requests spaced 1–20 s from one address with one browser, each page
/// followed within a fraction of a second by the assets it needs; maybe a login, with a typo or two first.
/// </summary>
internal sealed class FanSession : Actor
{
    private readonly string _ip;
    private readonly string _agent;
    private readonly string _lang;
    private readonly bool _ticketHunter;
    private readonly int _match;
    private readonly int _loginAfter;
    private int _pagesLeft;
    private int _pagesDone;
    private int _assetsLeft;
    private int _assetIndex;
    private bool _firstPage = true;
    private string _page = "-";
    private readonly string? _user;
    private int _typos;
    private bool _loginPending;
    private bool _loggedIn;

    public FanSession(Random rng, long at, bool ticketRelease)
    {
        NextAt = at;
        _ip = Addresses.Fan(rng);
        _agent = rng.Chance(0.6) ? rng.Pick(Vocabulary.MobileAgents) : rng.Pick(Vocabulary.DesktopAgents);
        _lang = rng.Pick(Vocabulary.Languages);
        _pagesLeft = rng.Inclusive(5, 40);
        _match = rng.Inclusive(1, 64);
        _ticketHunter = ticketRelease || rng.Chance(0.3);
        if (rng.Chance(_ticketHunter ? 0.5 : 0.15))
        {
            _loginPending = true;
            _loginAfter = rng.Inclusive(1, Math.Max(1, _pagesLeft / 2));
            _user = Vocabulary.Email(rng);
            _typos = rng.Chance(0.12) ? rng.Inclusive(1, 2) : 0;
        }
    }

    public override void Fire(SimulationContext context)
    {
        var rng = context.FanRng;
        if (_assetsLeft > 0)
        {
            WriteAsset(context, rng);
            _assetsLeft--;
            NextAt += _assetsLeft > 0 ? rng.Seconds(0.01, 0.25) : Think(rng);
        }
        else if (_loginPending && _pagesDone >= _loginAfter)
        {
            var failed = _typos > 0;
            context.WriteAccess(NextAt, _ip, _user!, "POST", Vocabulary.SessionPath, failed ? 401 : 200, failed ? 187 : rng.Next(350, 520), _page, _agent);
            if (failed)
            {
                _typos--;
                NextAt += rng.Seconds(3, 12);
                return;
            }

            _loginPending = false;
            _loggedIn = true;
            NextAt += Think(rng);
        }
        else
        {
            WritePage(context, rng);
            _pagesLeft--;
            _pagesDone++;
            NextAt += _assetsLeft > 0 ? rng.Seconds(0.02, 0.3) : Think(rng);
        }

        if (_pagesLeft <= 0 && _assetsLeft == 0 && !_loginPending)
        {
            NextAt = -1;
        }
    }

    private static long Think(Random rng) => rng.Seconds(1, 20);

    private void WritePage(SimulationContext context, Random rng)
    {
        string method = "GET", target;
        var api = false;
        var status = 200;
        long bytes;
        var referer = _page;
        var user = _loggedIn ? _user! : "-";
        if (_firstPage)
        {
            var roll = rng.NextDouble();
            target = roll < 0.35 ? "/" : roll < 0.6 ? "/" + _lang + "/" : roll < 0.75 ? "/" + _lang + "/matches"
                : roll < 0.9 ? Match() : "/search?q=" + rng.Pick(Vocabulary.SearchQueries);
            referer = rng.Chance(0.4) ? "-" : rng.Chance(0.7) ? "https://www.google.com/" : "https://t.co/";
        }
        else
        {
            var roll = rng.NextDouble();
            if (_ticketHunter && roll < 0.25)
            {
                target = "/api/v1/availability?match=" + Num(_match);
                api = true;
            }
            else
            {
                roll = rng.NextDouble();
                (target, method, api) = roll switch
                {
                    < 0.16 => ("/" + _lang + "/matches", "GET", false),
                    < 0.34 => (Match(), "GET", false),
                    < 0.48 => (Match() + "/seats?zone=" + Num(rng.Inclusive(1, 12)), "GET", false),
                    < 0.60 => ("/api/v1/availability?match=" + Num(_match), "GET", true),
                    < 0.68 => ("/cart", rng.Chance(0.3) ? "POST" : "GET", false),
                    < 0.72 => ("/checkout", rng.Chance(0.4) ? "POST" : "GET", false),
                    < 0.77 => ("/account", "GET", false),
                    < 0.85 => ("/search?q=" + rng.Pick(Vocabulary.SearchQueries), "GET", false),
                    < 0.91 => ("/" + _lang + "/news/" + rng.Pick(Vocabulary.NewsSlugs), "GET", false),
                    < 0.97 => ("/" + _lang + "/teams/" + rng.Pick(Vocabulary.Teams), "GET", false),
                    _ => ("/", "GET", false),
                };
            }
        }

        if (target == "/account" && !_loggedIn)
        {
            status = 302;
        }
        else
        {
            var roll = rng.NextDouble();
            status = roll < 0.01 ? 404 : roll < 0.02 ? 301 : roll < (api ? 0.02 : 0.06) ? 304 : 200;
        }

        bytes = status switch
        {
            200 => api ? rng.Next(300, 4000) : rng.Next(18_000, 90_000),
            301 or 302 => 162,
            404 => rng.Next(153, 565),
            _ => 0,
        };
        context.WriteAccess(NextAt, _ip, api || method == "POST" ? user : "-", method, target, status, bytes, referer, _agent);
        if (!api && status is 200 or 304)
        {
            // The first page fetches the full bundle; later pages hit the browser cache except for their pictures.
            _assetsLeft = _firstPage ? rng.Inclusive(4, 7) : rng.Chance(0.35) ? rng.Inclusive(1, 3) : 0;
            _assetIndex = _firstPage ? 0 : 4;
            _page = Vocabulary.SiteOrigin + target;
        }

        _firstPage = false;
    }

    private void WriteAsset(SimulationContext context, Random rng)
    {
        var target = (_assetIndex++) switch
        {
            0 => "/static/app." + context.AssetHash + ".js",
            1 => "/static/site.css",
            2 => _lang == "ar" ? "/fonts/noto-kufi-arabic.woff2" : "/fonts/inter-var.woff2",
            3 => "/img/logo.png",
            4 => "/img/flags/" + rng.Pick(Vocabulary.Teams) + ".png",
            _ => rng.Pick(Vocabulary.Images),
        };
        var fresh = _assetIndex <= 4 || rng.Chance(0.6);
        var status = fresh ? 200 : 304;
        var bytes = !fresh ? 0 : target.EndsWith(".js", StringComparison.Ordinal) ? 214_733
            : target.EndsWith(".css", StringComparison.Ordinal) ? 41_208
            : target.EndsWith(".woff2", StringComparison.Ordinal) ? 48_112 : rng.Next(3_000, 120_000);
        context.WriteAccess(NextAt, _ip, "-", "GET", target, status, bytes, _page, _agent);
    }

    private string Match() => "/tickets/match/" + Num(_match);

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
