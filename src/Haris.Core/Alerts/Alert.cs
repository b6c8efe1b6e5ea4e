using System.Security.Cryptography;
using System.Text;

namespace Haris.Core.Alerts;

/// <summary>A rule's verdict on the input: what matched, where, and which event fields it saw.</summary>
public sealed class Alert
{
    /// <summary>Stable id derived from rule and input position, so a replay of the same input gives the same ids.</summary>
    public required string Id { get; init; }

    public required string RuleId { get; init; }

    public required string RuleTitle { get; init; }

    /// <summary>The Sigma <c>name</c> of the rule, which correlation rules refer to; null when the rule has none.</summary>
    public string? RuleName { get; init; }

    /// <summary>The rule's author; the Detection Rule License requires it on every alert from a SigmaHQ rule.</summary>
    public string? RuleAuthor { get; init; }

    public required AlertLevel Level { get; init; }

    /// <summary>Event time; null when the event carried none.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The input the event came from (a path, or <c>-</c> for standard input).</summary>
    public string? SourceFile { get; init; }

    /// <summary>1-based line of the event in <see cref="SourceFile"/>.</summary>
    public long SourceLine { get; init; }

    /// <summary>The matched event's canonical fields; a multi-valued field holds a list.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Fields { get; init; } = [];

    /// <summary>Derives an alert id from the rule id and the input position.</summary>
    public static string MakeId(string ruleId, string? sourceFile, long line)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{ruleId}\n{sourceFile}\n{line}"), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
