using Haris.Core.Decisions;

namespace Haris.Storage.Decisions;

/// <summary>A decision to block an IP address or CIDR block at the edge, for a time or until revoked.</summary>
/// <remarks>
/// <para>
/// <see cref="Sequence"/> is taken from one increasing counter each time the row is written (created, then revoked),
/// so "changes since cursor" is <c>Sequence &gt; cursor</c> and gives each changed decision in its current state.
/// </para>
/// <para>
/// Expiry writes nothing and takes no sequence value: a decision's end is in the row from the start
/// (<see cref="ExpiresAt"/>), so a consumer that has received the row drops it itself when that time passes, and one
/// that receives it later finds it already expired. Consumers compare with the store's clock, sent with every batch
/// (<see cref="DecisionChanges.Now"/>), not their own.
/// </para>
/// </remarks>
public sealed class Decision
{
    public long Id { get; set; }

    /// <summary>The blocked address or block, normalised (<see cref="DecisionScope.TryNormalize"/>).</summary>
    public required string Value { get; set; }

    public DecisionKind Kind { get; set; } = DecisionKind.Ban;

    public required string Reason { get; set; }

    /// <summary>Where the decision came from: <see cref="DecisionOrigins.Manual"/>, a rule, or automatic.</summary>
    public required string Origin { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the decision ends by itself; null for one that lasts until revoked.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    /// <summary>The position of the row's latest change in the stream of decision changes.</summary>
    public long Sequence { get; set; }

    /// <summary>Whether the decision is in force at <paramref name="now"/>: neither revoked nor expired.</summary>
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is not { } expires || expires > now);
}
