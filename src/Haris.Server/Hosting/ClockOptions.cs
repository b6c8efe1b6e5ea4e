namespace Haris.Server.Hosting;

/// <summary>
/// The <c>Clock</c> section of <c>haris.yaml</c>: runs the server on an exercise clock, for drills and demonstrations
/// that replay a match day at another date or faster than real time.
/// </summary>
/// <remarks>Without <see cref="Start"/> the server runs on the real clock.</remarks>
public sealed class ClockOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Clock";

    /// <summary>The time the exercise clock shows when the server starts, e.g. <c>2026-06-20T15:00:00+03:00</c>.</summary>
    public DateTimeOffset? Start { get; set; }

    /// <summary>How many seconds of exercise time pass per real second (1 to 3600).</summary>
    public double Speed { get; set; } = 1;
}
