namespace Haris.Storage.Audit;

/// <summary>What is wrong with an audit entry that fails verification.</summary>
public enum AuditFault
{
    /// <summary>Nothing: the chain is intact.</summary>
    None,

    /// <summary>The entry's stored hash is not the hash of its content: the row was edited.</summary>
    HashMismatch,

    /// <summary>The entry's previous hash is not the hash of the entry before it: an entry before it was replaced.</summary>
    BrokenLink,

    /// <summary>The entry's sequence does not follow the one before it: entries were deleted (or inserted).</summary>
    SequenceGap,
}

/// <summary>The result of walking the audit chain: intact with its length, or the first bad entry and why.</summary>
/// <param name="Count">Entries checked and found good, which is all of them when the chain is intact.</param>
/// <param name="Fault">What is wrong with the first bad entry, or <see cref="AuditFault.None"/>.</param>
/// <param name="FirstBadSequence">The sequence of the first bad entry; null when intact.</param>
/// <param name="HeadHash">The hash of the last good entry, to record elsewhere; null for an empty log.</param>
/// <param name="Detail">What was expected and what was found, for the first bad entry.</param>
public sealed record AuditVerification(long Count, AuditFault Fault, long? FirstBadSequence, string? HeadHash, string? Detail)
{
    /// <summary>Whether every entry checked out.</summary>
    public bool IsIntact => Fault == AuditFault.None;
}
