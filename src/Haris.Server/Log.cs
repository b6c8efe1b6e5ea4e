using Microsoft.Extensions.Logging;

namespace Haris.Server;

/// <summary>Every message the server logs. Log content is written by attackers: it goes in as structured values, never as format strings.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "A live-update handler failed on a {Kind} update")]
    public static partial void LiveHandlerFailed(ILogger logger, Exception exception, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {Source} started ({Kind})")]
    public static partial void SourceStarted(ILogger logger, string source, string kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "Source {Source} stopped with an error")]
    public static partial void SourceFailed(ILogger logger, Exception exception, string source);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing {Count} alerts failed; the lines will be read again after a restart")]
    public static partial void AlertStoreFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live detection running: {Rules} rules, {Correlations} correlations, {Sources} configured sources")]
    public static partial void PipelineStarted(ILogger logger, int rules, int correlations, int sources);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offsets could not be saved: {Error}")]
    public static partial void OffsetSaveFailed(ILogger logger, string error);
}
