using Haris.Core.Allowlist;

namespace Haris.Storage.Allowlist;

/// <summary>A known-good rule, address, block, path or user that alerts and decisions should leave alone.</summary>
public sealed class AllowlistEntry
{
    public long Id { get; set; }

    public AllowlistScope Scope { get; set; }

    /// <summary>The value in its normalised spelling (<see cref="AllowlistValues.TryNormalize"/>).</summary>
    public required string Value { get; set; }

    /// <summary>When set, the entry applies to this rule only (a scanner allowed for one noisy rule, not for all).</summary>
    public string? RuleId { get; set; }

    public required string Reason { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the entry stops applying; null for one that lasts until removed.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Creates an entry with <paramref name="value"/> normalised for its scope.</summary>
    /// <exception cref="ArgumentException">The value is not valid for the scope.</exception>
    public static AllowlistEntry Create(
        AllowlistScope scope, string value, string reason, string createdBy, DateTimeOffset createdAt, string? ruleId = null, DateTimeOffset? expiresAt = null) => new()
        {
            Scope = scope,
            Value = AllowlistValues.TryNormalize(scope, value, out var normalized)
                ? normalized
                : throw new ArgumentException($"Not a valid {scope} allowlist value.", nameof(value)),
            RuleId = ruleId,
            Reason = reason,
            CreatedBy = createdBy,
            CreatedAt = createdAt,
            ExpiresAt = expiresAt,
        };
}
