namespace Haris.Operations.Crowd;

/// <summary>
/// Figures from the UK <i>Guide to Safety at Sports Grounds</i> ("Green Guide"), sixth edition, Sports Grounds Safety
/// Authority, 2018: the numbers every crowd computation in this namespace is measured against.
/// </summary>
public static class GreenGuide
{
    /// <summary>The most persons one turnstile is taken to admit in an hour (chapter 7, ingress).</summary>
    /// <remarks>A ground may use a lower figure from its own observed rates; it should not assume a higher one.</remarks>
    public const int TurnstilePersonsPerHour = 660;

    /// <summary>Persons per metre of exit width per minute over a level surface or ramp (chapter 10, egress).</summary>
    public const int LevelPersonsPerMetrePerMinute = 82;

    /// <summary>Persons per metre of exit width per minute down a stairway (chapter 10, egress).</summary>
    public const int StairwayPersonsPerMetrePerMinute = 66;

    /// <summary>One turnstile's rate in persons per minute: 660 / 60 = 11.</summary>
    public const double TurnstilePersonsPerMinute = TurnstilePersonsPerHour / 60.0;

    /// <summary>
    /// The normal egress time: every area of viewing accommodation should be able to leave through its exits within
    /// eight minutes (chapter 10).
    /// </summary>
    public static TimeSpan EgressTime { get; } = TimeSpan.FromMinutes(8);

    /// <summary>The period an entry capacity is counted over: the persons a ground can admit in one hour (chapter 2).</summary>
    public static TimeSpan EntryPeriod { get; } = TimeSpan.FromHours(1);
}
