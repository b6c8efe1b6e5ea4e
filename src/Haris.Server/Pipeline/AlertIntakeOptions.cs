using System.ComponentModel.DataAnnotations;

namespace Haris.Server.Pipeline;

/// <summary>The <c>Alerts</c> section of <c>haris.yaml</c>: how new alerts are folded and filtered.</summary>
public sealed class AlertIntakeOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Alerts";

    /// <summary>
    /// An alert of the same rule and group as an open alert seen within this window raises that alert's count instead
    /// of adding a row (default 10 minutes; zero turns suppression off).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan SuppressionWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the active allowlist is read again from the database (changes made through the API apply at once).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan AllowlistRefresh { get; set; } = TimeSpan.FromSeconds(30);
}
