using Microsoft.Extensions.Logging;

namespace Haris.Server;

/// <summary>The messages of the turnstile desk and the crowd watch.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} turnstile scans could not be stored; their decisions were undone")]
    public static partial void ScansNotStored(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing the crowd alerts of match {Match} failed; they are raised again at the next evaluation")]
    public static partial void CrowdAlertsNotStored(ILogger logger, Exception exception, string match);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticketing ready: {Venues} venues, keys {Keys}, {Imported} imported tickets, {Revoked} revoked")]
    public static partial void TicketingReady(ILogger logger, int venues, string keys, int imported, int revoked);
}
