using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Haris.Storage.Audit;

/// <summary>The append-only audit log: each entry carries the hash of the one before, so editing history shows.</summary>
/// <remarks>
/// The chain shows edits, deletions inside it and replaced entries. It cannot show the last entries being cut off:
/// record the head hash (<see cref="AuditVerification.HeadHash"/>) somewhere else from time to time to catch that.
/// </remarks>
public sealed class AuditLog : IDisposable
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string GenesisHash = new('0', 64);

    private const int DefaultBatchSize = 1000;

    private static readonly JsonSerializerOptions s_detailsOptions = new()
    {
        // Details often quote log text; keep other scripts readable in the column.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly IDbContextFactory<HarisDbContext> _contexts;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditLog> _logger;
    private readonly SequencedWriter _writer;

    /// <summary>Creates the log over the store's contexts, taking each entry's time from <paramref name="time"/>.</summary>
    public AuditLog(IDbContextFactory<HarisDbContext> contexts, TimeProvider time, ILogger<AuditLog> logger)
    {
        _contexts = contexts;
        _time = time;
        _logger = logger;
        _writer = new SequencedWriter(contexts, logger, "audit");
    }

    /// <summary>Appends one entry at the end of the chain and returns it; safe to call from many threads at once.</summary>
    public Task<AuditEntry> AppendAsync(
        string actor, string action, string targetType, string? targetId, JsonObject? details = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentException.ThrowIfNullOrWhiteSpace(targetType);

        // Serialised once: the text stored is the text hashed, so verification never depends on re-serialising.
        var detailsJson = details?.ToJsonString(s_detailsOptions);
        return _writer.WriteAsync(
            async (db, ct) =>
            {
                var last = await db.AuditEntries.AsNoTracking()
                    .OrderByDescending(e => e.Sequence)
                    .Select(e => new { e.Sequence, e.Hash })
                    .FirstOrDefaultAsync(ct).ConfigureAwait(false);
                var entry = new AuditEntry
                {
                    Sequence = (last?.Sequence ?? 0) + 1,
                    At = TruncateToMicroseconds(_time.GetUtcNow()),
                    Actor = actor,
                    Action = action,
                    TargetType = targetType,
                    TargetId = targetId,
                    Details = detailsJson,
                    PreviousHash = last?.Hash ?? GenesisHash,
                    Hash = "",
                };
                entry.Hash = ComputeHash(entry);
                db.AuditEntries.Add(entry);
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                return entry;
            },
            cancellationToken);
    }

    /// <summary>Walks the whole chain in order, a batch at a time, and reports the first bad entry or the intact length.</summary>
    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default) =>
        VerifyAsync(DefaultBatchSize, cancellationToken);

    internal async Task<AuditVerification> VerifyAsync(int batchSize, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        long count = 0;
        var previousSequence = 0L;
        var previousHash = GenesisHash;
        while (true)
        {
            var after = previousSequence;
            var batch = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Sequence > after)
                .OrderBy(e => e.Sequence)
                .Take(batchSize)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var entry in batch)
            {
                var (fault, detail) = Check(entry, previousSequence, previousHash);
                if (fault != AuditFault.None)
                {
                    Log.AuditChainBroken(_logger, entry.Sequence, fault);
                    return new AuditVerification(count, fault, entry.Sequence, count == 0 ? null : previousHash, detail);
                }

                count++;
                previousSequence = entry.Sequence;
                previousHash = entry.Hash;
            }

            if (batch.Count < batchSize)
            {
                return new AuditVerification(count, AuditFault.None, null, count == 0 ? null : previousHash, null);
            }
        }
    }

    /// <summary>
    /// The lower-case hex SHA-256 of an entry's canonical form: sequence, time, actor, action, target type, target id,
    /// details and previous hash, each as a 4-byte big-endian length and its UTF-8 bytes (docs/storage.md).
    /// </summary>
    /// <remarks>
    /// Length-prefixed fields cannot run into each other, and unlike JSON the form does not change with a serializer's
    /// escaping. The sequence is written in decimal and the time as round-trip text (<c>O</c>) in UTC; a null field
    /// is the length <c>0xFFFFFFFF</c> with no bytes, so it differs from an empty one.
    /// </remarks>
    public static string ComputeHash(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendField(hash, entry.Sequence.ToString(CultureInfo.InvariantCulture));
        AppendField(hash, entry.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        AppendField(hash, entry.Actor);
        AppendField(hash, entry.Action);
        AppendField(hash, entry.TargetType);
        AppendField(hash, entry.TargetId);
        AppendField(hash, entry.Details);
        AppendField(hash, entry.PreviousHash);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    private static (AuditFault Fault, string? Detail) Check(AuditEntry entry, long previousSequence, string previousHash)
    {
        if (entry.Sequence != previousSequence + 1)
        {
            return (AuditFault.SequenceGap, $"expected sequence {previousSequence + 1}, found {entry.Sequence}");
        }

        var hash = ComputeHash(entry);
        if (!string.Equals(hash, entry.Hash, StringComparison.Ordinal))
        {
            return (AuditFault.HashMismatch, $"content hashes to {hash}, stored hash is {entry.Hash}");
        }

        if (!string.Equals(entry.PreviousHash, previousHash, StringComparison.Ordinal))
        {
            return (AuditFault.BrokenLink, $"previous hash is {entry.PreviousHash}, the entry before has hash {previousHash}");
        }

        return (AuditFault.None, null);
    }

    private static void AppendField(IncrementalHash hash, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteUInt32BigEndian(length, uint.MaxValue);
            hash.AppendData(length);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }

    // PostgreSQL keeps microseconds; a finer time would be hashed with digits the database then drops.
    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }
}
