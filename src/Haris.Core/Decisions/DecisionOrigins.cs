namespace Haris.Core.Decisions;

/// <summary>The spellings of where a decision came from.</summary>
public static class DecisionOrigins
{
    /// <summary>Taken by a person in the room.</summary>
    public const string Manual = "manual";

    /// <summary>Taken by the platform without a specific rule (for example a rate policy).</summary>
    public const string Automatic = "automatic";

    private const string RulePrefix = "rule:";

    /// <summary>The origin of a decision a rule took, by the rule's name or id.</summary>
    public static string ForRule(string rule) => RulePrefix + rule;
}
