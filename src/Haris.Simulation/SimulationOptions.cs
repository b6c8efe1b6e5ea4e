using System.Globalization;

namespace Haris.Simulation;

/// <summary>What to simulate: the seed, the window of time and how much benign traffic.</summary>
/// <remarks>
/// Defaults: 1440 minutes (one day) from <see cref="DefaultStart"/>, scale 1.0, profile <c>matchday</c>. The offset of
/// <see cref="Start"/> is the venue's UTC offset: every log line is written in it.
/// </remarks>
public sealed record SimulationOptions
{
    /// <summary>The venue's local midnight on the opening match day, at UTC+3.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 6, 11, 0, 0, 0, TimeSpan.FromHours(3));

    /// <summary>The seed every random choice derives from; the same seed and options give byte-identical files.</summary>
    public required int Seed { get; init; }

    /// <summary>The first instant simulated, in the venue's local time (its offset is written into the logs).</summary>
    public DateTimeOffset Start { get; init; } = DefaultStart;

    /// <summary>How many minutes to simulate; more than zero.</summary>
    public int Minutes { get; init; } = 1440;

    /// <summary>Multiplier of benign fan volume; more than zero. Campaigns, the CDN, crawlers and probes do not scale.</summary>
    public double Scale { get; init; } = 1.0;

    /// <summary>The traffic profile: <see cref="SimulationProfiles.MatchDay"/>, the only one these options describe.</summary>
    public string Profile { get; init; } = SimulationProfiles.MatchDay;

    /// <summary>Throws <see cref="ArgumentException"/> with a message fit for the user when a value is out of range.</summary>
    public void Validate()
    {
        if (Minutes <= 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"minutes must be more than 0 (got {Minutes})"));
        }

        if (!(Scale > 0) || double.IsInfinity(Scale) || Scale > SimulationProfiles.MaxScale)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture, $"scale must be more than 0 and at most {SimulationProfiles.MaxScale} (got {Scale})"));
        }

        if (!SimulationProfiles.IsKnown(Profile))
        {
            throw new ArgumentException($"unknown profile '{Profile}' (expected {string.Join(", ", SimulationProfiles.Names)})");
        }

        if (Profile != SimulationProfiles.MatchDay)
        {
            throw new ArgumentException($"the {Profile} profile is not a match day of logs: run it with its own simulator");
        }

        if (Start.Offset.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            throw new ArgumentException("start must have a UTC offset in whole minutes");
        }
    }

    /// <summary>
    /// Parses a start time in ISO 8601. Without an offset the time is taken as the venue's default offset (+03:00),
    /// never the machine's zone, so a run does not depend on where it runs.
    /// </summary>
    public static bool TryParseStart(string? text, out DateTimeOffset start)
    {
        start = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var plain))
        {
            return false;
        }

        if (plain.Kind == DateTimeKind.Unspecified)
        {
            start = new DateTimeOffset(plain, DefaultStart.Offset);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out start);
    }
}

/// <summary>The traffic profiles the simulator knows.</summary>
public static class SimulationProfiles
{
    /// <summary>One match day: ticket release at 10:00, kick-offs at 18:00 and 21:00 local time.</summary>
    public const string MatchDay = "matchday";

    /// <summary>The turnstile scans of one match's ingress and egress (<see cref="Haris.Simulation.Ingress.IngressSimulator"/>).</summary>
    public const string Ingress = "ingress";

    /// <summary>The largest <see cref="SimulationOptions.Scale"/> accepted.</summary>
    public const double MaxScale = 1000;

    /// <summary>Every profile name, for help and error messages.</summary>
    public static IReadOnlyList<string> Names { get; } = [MatchDay, Ingress];

    /// <summary>Whether <paramref name="name"/> is a profile (exact, lower case).</summary>
    public static bool IsKnown(string? name) => name is MatchDay or Ingress;
}
