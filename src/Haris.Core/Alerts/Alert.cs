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

    /// <summary>For a correlation alert: the group-by fields and their values; null for a single-event alert.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>>? Group { get; init; }

    /// <summary>For a correlation alert: what the condition measured (events, distinct values or rules seen).</summary>
    public long? Count { get; init; }

    /// <summary>For a <c>value_sum</c> or <c>value_avg</c> correlation alert: the sum or mean it measured.</summary>
    public double? Value { get; init; }

    /// <summary>For a correlation alert: time of the first contributing event.</summary>
    public DateTimeOffset? FirstSeen { get; init; }

    /// <summary>For a correlation alert: time of the last contributing event.</summary>
    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>For a correlation alert: where the contributing events were read, at most <see cref="MaxLines"/>.</summary>
    public IReadOnlyList<AlertLine>? Lines { get; init; }

    /// <summary>
    /// The source address the alert is about: for a correlation alert its <c>source.ip</c> group value (none when it
    /// is grouped otherwise, by path or user), for a single-event alert the matched event's <c>source.ip</c>.
    /// </summary>
    public string? SubjectSourceIp
    {
        get
        {
            if (Group is { } group)
            {
                foreach (var (name, value) in group)
                {
                    if (name == Events.FieldNames.SourceIp)
                    {
                        return value;
                    }
                }

                return null;
            }

            foreach (var (name, value) in Fields)
            {
                if (name == Events.FieldNames.SourceIp)
                {
                    return value as string;
                }
            }

            return null;
        }
    }

    /// <summary>The most contributing lines a correlation alert lists.</summary>
    public const int MaxLines = 100;

    /// <summary>Derives an alert id from the rule id and the input position.</summary>
    public static string MakeId(string ruleId, string? sourceFile, long line)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{ruleId}\n{sourceFile}\n{line}"), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}

/// <summary>The input position of one event that contributed to an alert.</summary>
/// <param name="File">The input (a path, or <c>-</c> for standard input).</param>
/// <param name="Line">1-based line number in <paramref name="File"/>.</param>
public readonly record struct AlertLine(string? File, long Line);
