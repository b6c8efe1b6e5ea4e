namespace Haris.Simulation;

/// <summary>The words, paths, agents and payloads the simulated site and its visitors use.</summary>
internal static class Vocabulary
{
    public const string SiteHost = "www.event.example";
    public const string SiteOrigin = "https://www.event.example";
    public const string SessionPath = "/api/v1/session";

    public static readonly string[] Languages = ["en", "en", "en", "ar", "ar", "fr"];

    public static readonly string[] MobileAgents =
    [
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.4 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36",
    ];

    public static readonly string[] DesktopAgents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.2535.67",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0",
    ];

    public static readonly string[] BrowserAgents = [.. MobileAgents, .. DesktopAgents];

    public static readonly string[] GooglebotAgents =
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.126 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    ];

    public const string BingbotAgent = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)";
    public const string CdnAgent = "Amazon CloudFront";
    public const string MonitorAgent = "blackbox-exporter/0.25.0";

    public static readonly string[] ScannerAgents =
    [
        "Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000001)",
        "sqlmap/1.8.2#stable (https://sqlmap.org)",
        "Mozilla/5.0 (compatible; Nuclei - Open-source project (github.com/projectdiscovery/nuclei))",
        "gobuster/3.6",
        "WPScan v3.8.25 (https://wpscan.com/wordpress-security-scanner)",
        "Fuzz Faster U Fool v2.1.0-dev",
        "masscan/1.3 (https://github.com/robertdavidgraham/masscan)",
        "Mozilla/5.0 zgrab/0.x",
    ];

    public static readonly string[] ScriptedAgents =
    [
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/122.0.6261.94 Safari/537.36",
        "python-requests/2.31.0",
        "curl/8.5.0",
        "Go-http-client/1.1",
        "axios/1.6.7",
        "Scrapy/2.11.0 (+https://scrapy.org)",
    ];

    // Real words only: several contain SQL-looking tokens on their own ("select", "union", "order") by design.
    public static readonly string[] SearchQueries =
    [
        "order+of+play", "select+seats", "union+berlin", "final+tickets", "stadium+map", "parking", "accessible+seating",
        "fan+zone", "morocco+vs+spain", "kick+off+time", "refund+policy", "group+stage", "resale", "mobile+tickets",
        "bag+policy", "metro+to+stadium", "brazil", "argentina+squad", "family+seats", "round+of+16", "opening+ceremony",
        "match+schedule", "lost+ticket", "transfer+ticket", "where+is+gate+c",
    ];

    public static readonly string[] Teams =
    [
        "morocco", "spain", "brazil", "argentina", "france", "qatar", "saudi-arabia", "japan", "senegal", "germany",
        "england", "portugal", "mexico", "usa", "egypt", "tunisia", "korea-republic", "netherlands",
    ];

    public static readonly string[] NewsSlugs =
    [
        "ticket-release-phase-3", "fan-festival-opens", "stadium-guide", "travel-advice", "squad-announcements",
        "match-preview-group-a", "volunteers-thank-you", "accessibility-services",
    ];

    public static readonly string[] Images =
    [
        "/img/logo.png", "/img/hero-stadium.png", "/img/trophy.png", "/img/seat-map.png", "/img/sponsors.png",
    ];

    public static readonly string[] FirstNames =
    [
        "ahmed", "fatima", "omar", "layla", "youssef", "sara", "karim", "nour", "lucas", "emma", "mateo", "sofia", "james",
        "olivia", "hugo", "chloe", "kenji", "yuki", "amadou", "aisha", "diego", "valentina", "noah", "mia", "ali", "mariam",
    ];

    public static readonly string[] LastNames =
    [
        "alami", "benali", "haddad", "khalil", "mansour", "rahman", "silva", "garcia", "martin", "dubois", "smith",
        "tanaka", "diallo", "fernandez", "rossi", "nasser", "saleh", "moreau", "lopez", "kowalski", "hassan", "okafor",
    ];

    public static readonly string[] MailDomains =
    [
        "gmail.com", "outlook.com", "yahoo.com", "hotmail.fr", "icloud.com", "mail.example.org", "proton.me",
    ];

    /// <summary>An e-mail-like user name: <c>layla.haddad83@gmail.com</c>.</summary>
    public static string Email(Random rng) =>
        string.Concat(rng.Pick(FirstNames), rng.Chance(0.5) ? "." : "_", rng.Pick(LastNames),
            rng.Next(1, 100).ToString(System.Globalization.CultureInfo.InvariantCulture), "@", rng.Pick(MailDomains));

    public static readonly string[] Servers = ["web01", "web02", "tix01", "tix02", "api01", "gw01"];
}
