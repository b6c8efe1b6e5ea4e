using Microsoft.Extensions.Logging;

// Part of the server's one Log class (Log.cs), kept beside the accreditation code that logs it.
namespace Haris.Server;

/// <summary>The messages of accreditation: loading the registry and storing the checkpoint alerts.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Accreditation loaded: {People} people, {Revocations} revoked badges, {Skipped} rows skipped")]
    public static partial void AccreditationLoaded(ILogger logger, int people, int revocations, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Badge {Badge} has a grant the tournament no longer has ({Problem}); its other grants stay")]
    public static partial void AccreditationGrantOutdated(ILogger logger, string badge, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Accreditation row of badge {Badge} skipped: {Problem}")]
    public static partial void AccreditationRowSkipped(ILogger logger, string badge, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing {Count} accreditation alerts failed; the scan is stored and was answered")]
    public static partial void AccreditationAlertsFailed(ILogger logger, Exception exception, int count);
}
