using Haris.Core.Alerts;

namespace Haris.Cli.Output;

/// <summary>Receives the alerts of a scan in input order and writes them in one format.</summary>
internal interface IAlertOutput : IDisposable
{
    /// <summary>Writes (or, for tables, keeps) one alert.</summary>
    void Write(Alert alert);

    /// <summary>Finishes the output after the last alert: draws the table, flushes buffers.</summary>
    void Complete();
}
