using Microsoft.Extensions.Logging;

namespace Haris.Server;

/// <summary>The messages of incident automation.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Automation rule {Rule} opened incident {Incident} on {Target} {Value}")]
    public static partial void AutomationOpened(ILogger logger, string rule, long incident, string target, string value);

    [LoggerMessage(Level = LogLevel.Error, Message = "Automation rule {Rule} failed; the alerts are stored, no incident was opened or linked for them")]
    public static partial void AutomationFailed(ILogger logger, Exception exception, string rule);
}
