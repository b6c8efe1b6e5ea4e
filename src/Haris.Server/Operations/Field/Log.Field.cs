using Microsoft.Extensions.Logging;

namespace Haris.Server;

// Part of the project's one Log class (Log.cs), kept beside the field operations code it serves; the namespace is the
// Log class's, not this folder's, because a partial class has one.

/// <summary>The messages of field operations: escalation.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {Incident} at {Venue} escalated to the commanders: critical and not acknowledged within {Limit}")]
    public static partial void IncidentEscalated(ILogger logger, long incident, string? venue, TimeSpan limit);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking for incidents to escalate failed; trying again in {Delay}")]
    public static partial void EscalationCheckFailed(ILogger logger, Exception exception, TimeSpan delay);
}
