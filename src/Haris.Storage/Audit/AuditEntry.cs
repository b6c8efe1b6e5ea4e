namespace Haris.Storage.Audit;

/// <summary>One entry of the append-only, hash-chained audit log: who changed what, when.</summary>
/// <remarks>Written only by <see cref="AuditLog.AppendAsync"/>; the hash covers every other column (docs/storage.md).</remarks>
public sealed class AuditEntry
{
    /// <summary>1 for the first entry, then one more for each entry, with no gaps.</summary>
    public long Sequence { get; set; }

    /// <summary>When the entry was appended, in UTC, to the microsecond (what both databases keep exactly).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Who made the change: a user name, an API key name or <c>system</c>.</summary>
    public required string Actor { get; set; }

    /// <summary>What was done, as <c>noun.verb</c>: <c>incident.transition</c>, <c>decision.create</c>, <c>user.create</c>.</summary>
    public required string Action { get; set; }

    /// <summary>The kind of thing changed: <c>incident</c>, <c>decision</c>, <c>rule</c>, <c>user</c>, <c>api_key</c>.</summary>
    public required string TargetType { get; set; }

    /// <summary>The id of the thing changed, if it has one.</summary>
    public string? TargetId { get; set; }

    /// <summary>Detail of the change as JSON text, exactly as hashed; null when there is none.</summary>
    public string? Details { get; set; }

    /// <summary>The <see cref="Hash"/> of the entry before, or 64 zeros for the first.</summary>
    public required string PreviousHash { get; set; }

    /// <summary>Lower-case hex SHA-256 of the entry's canonical form (<see cref="AuditLog.ComputeHash"/>).</summary>
    public required string Hash { get; set; }
}
