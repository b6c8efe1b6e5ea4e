using Haris.Core.Alerts;

namespace Haris.Cli.Output;

/// <summary>Writes alerts as NDJSON through <see cref="AlertJsonWriter"/>, the schema other tools rely on.</summary>
internal sealed class NdjsonAlertOutput(Stream stream, bool ownsStream) : IAlertOutput
{
    private readonly AlertJsonWriter _writer = new(stream);

    public void Write(Alert alert) => _writer.Write(alert);

    public void Complete() => stream.Flush();

    public void Dispose()
    {
        _writer.Dispose();
        if (ownsStream)
        {
            stream.Dispose();
        }
    }
}
