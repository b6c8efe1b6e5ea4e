namespace Haris.Storage.Decisions;

/// <summary>A batch of changed decisions, the cursor to ask from next, and the store's clock to judge expiry by.</summary>
/// <param name="Decisions">Changed decisions in sequence order, each in its current state (active, revoked or expired).</param>
/// <param name="Cursor">The sequence of the last decision in the batch, or the cursor asked with when there was none.</param>
/// <param name="Now">The store's time when the batch was read.</param>
public sealed record DecisionChanges(IReadOnlyList<Decision> Decisions, long Cursor, DateTimeOffset Now);

/// <summary>The decisions in force, and the cursor from which to follow changes after them.</summary>
/// <param name="Decisions">Every decision active at <paramref name="Now"/>.</param>
/// <param name="Cursor">A cursor read before the decisions, so no change is missed; some changes after it may already show.</param>
/// <param name="Now">The store's time when the snapshot was read.</param>
public sealed record DecisionSnapshot(IReadOnlyList<Decision> Decisions, long Cursor, DateTimeOffset Now);
