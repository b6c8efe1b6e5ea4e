namespace Haris.Core.Alerts;

/// <summary>Sigma rule levels, lowest first, so levels compare by severity.</summary>
public enum AlertLevel
{
    Informational,
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>Text forms of <see cref="AlertLevel"/> as Sigma writes them.</summary>
public static class AlertLevels
{
    /// <summary>The lower-case Sigma name of a level.</summary>
    public static string ToSigma(this AlertLevel level) => level switch
    {
        AlertLevel.Informational => "informational",
        AlertLevel.Low => "low",
        AlertLevel.Medium => "medium",
        AlertLevel.High => "high",
        _ => "critical",
    };

    /// <summary>Parses a Sigma level name.</summary>
    public static bool TryParse(string? text, out AlertLevel level)
    {
        switch (text)
        {
            case "informational": level = AlertLevel.Informational; return true;
            case "low": level = AlertLevel.Low; return true;
            case "medium": level = AlertLevel.Medium; return true;
            case "high": level = AlertLevel.High; return true;
            case "critical": level = AlertLevel.Critical; return true;
            default: level = AlertLevel.Medium; return false;
        }
    }
}
