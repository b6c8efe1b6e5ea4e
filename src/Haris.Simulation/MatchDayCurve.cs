namespace Haris.Simulation;

/// <summary>
/// How busy the site is over a match day, in the venue's local time: quiet 02:00–07:00, busy afternoon, a surge when
/// tickets are released at 10:00, a build-up to the kick-offs at 18:00 and 21:00. The curve repeats every day.
/// </summary>
internal sealed class MatchDayCurve(double releaseSurge)
{
    /// <summary>New fan sessions per second at weight 1.0 and scale 1.0 (calibrated for about 1.2 M access lines a day).</summary>
    public const double SessionsPerSecondAtPeak = 0.29;

    /// <summary>Fan access lines per session on average (pages, API calls and assets), measured over long runs.</summary>
    public const double MeanLinesPerSession = 36.0;

    public const int TicketReleaseMinute = 10 * 60;
    public const int TicketReleaseLength = 20;
    public const int FirstKickOffMinute = 18 * 60;
    public const int SecondKickOffMinute = 21 * 60;
    private const int BuildUpMinutes = 90;

    // Weight at each full hour, 00:00 to 24:00 (24:00 = 00:00 again); linear in between.
    private static readonly double[] s_hourly =
    [
        0.35, 0.20, 0.06, 0.05, 0.05, 0.05, 0.06, 0.15, 0.35, 0.55, 0.70, 0.75,
        0.80, 0.85, 0.95, 1.00, 1.05, 1.10, 0.90, 0.70, 0.95, 0.70, 0.55, 0.45, 0.35,
    ];

    /// <summary>How many times normal traffic the ticket release brings (4–6, drawn from the seed).</summary>
    public double ReleaseSurge { get; } = releaseSurge;

    /// <summary>The relative traffic at <paramref name="minuteOfDay"/> (local, 0 ≤ m &lt; 1440).</summary>
    public double Weight(double minuteOfDay)
    {
        var hour = (int)(minuteOfDay / 60);
        var within = (minuteOfDay - (hour * 60)) / 60;
        var weight = s_hourly[hour] + ((s_hourly[hour + 1] - s_hourly[hour]) * within);
        if (minuteOfDay >= TicketReleaseMinute && minuteOfDay < TicketReleaseMinute + TicketReleaseLength)
        {
            weight *= ReleaseSurge;
        }

        weight *= 1 + BuildUp(minuteOfDay, FirstKickOffMinute) + BuildUp(minuteOfDay, SecondKickOffMinute);
        return weight;
    }

    /// <summary>
    /// Expected benign access lines over a window, from the curve: fans (<paramref name="scale"/> times the curve),
    /// the CDN edges, the crawlers and the health probe. A run lands near it; campaigns come on top.
    /// </summary>
    public double ExpectedBenignAccessLines(DateTimeOffset start, int minutes, double scale)
    {
        var weight = 0.0;
        for (var s = 0; s < minutes * 60; s++)
        {
            weight += Weight(MinuteOfDay(start, s * RandomExtensions.MicrosPerSecond));
        }

        var seconds = minutes * 60.0;
        var fans = weight * SessionsPerSecondAtPeak * scale * MeanLinesPerSession;
        var cdn = CdnEdgeCount * ((CdnBaseRate * seconds) + (CdnRatePerWeight * weight));
        var crawlers = CrawlerCount * seconds / CrawlerMeanGapSeconds;
        return fans + cdn + crawlers + (seconds / HealthProbeSeconds);
    }

    public const int CdnEdgeCount = 10;
    public const double CdnBaseRate = 0.05;
    public const double CdnRatePerWeight = 0.25;
    public const int CrawlerCount = 5;
    public const double CrawlerMeanGapSeconds = 4;
    public const int HealthProbeSeconds = 30;

    /// <summary>Whether the ticket release surge is on.</summary>
    public static bool InRelease(double minuteOfDay) =>
        minuteOfDay >= TicketReleaseMinute && minuteOfDay < TicketReleaseMinute + TicketReleaseLength;

    /// <summary>The local minute of the day (fractional) at <paramref name="micros"/> after <paramref name="start"/>.</summary>
    public static double MinuteOfDay(DateTimeOffset start, long micros)
    {
        var ticks = (start.Ticks + (micros * 10)) % TimeSpan.TicksPerDay;
        return ticks / (double)TimeSpan.TicksPerMinute;
    }

    // Arrivals climb over the 90 minutes before kick-off to nearly twice the normal rate, then fall back at once.
    private static double BuildUp(double minute, int kickOff)
    {
        var before = kickOff - minute;
        return before is > 0 and <= BuildUpMinutes ? 0.9 * (1 - (before / BuildUpMinutes)) : 0;
    }
}
