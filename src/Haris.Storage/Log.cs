using Haris.Storage.Audit;
using Microsoft.Extensions.Logging;

namespace Haris.Storage;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Applying {Count} migration(s) to the {Provider} database")]
    public static partial void ApplyingMigrations(ILogger logger, int count, string provider);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "The {Provider} database is up to date")]
    public static partial void DatabaseUpToDate(ILogger logger, string provider);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "SQLite journal mode is {Mode}, not WAL; readers and the writer will block each other")]
    public static partial void NotInWalMode(ILogger logger, string? mode);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Another writer took the next {What} sequence value; attempt {Attempt} is retried")]
    public static partial void SequenceConflict(ILogger logger, Exception exception, string what, int attempt);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "The audit chain is broken at entry {Sequence}: {Fault}")]
    public static partial void AuditChainBroken(ILogger logger, long sequence, AuditFault fault);
}
