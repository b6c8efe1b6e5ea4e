
namespace Haris.Cli.Output;

/// <summary>Opens the destination of <c>--output</c> in the form of <c>--output-format</c>.</summary>
internal static class AlertOutputs
{
    private const int StreamBufferSize = 1 << 16;

    /// <summary>Opens the output before any input is read, so a bad <c>--output</c> fails before the scan starts.</summary>
    public static IAlertOutput Open(CliEnvironment env, string output, AlertOutputFormat format)
    {
        var toStdout = output == "-";
        Stream stream;
        if (toStdout)
        {
            if (format == AlertOutputFormat.Table)
            {
                return new TableAlertOutput(env.Out, owned: null);
            }

            stream = new BufferedStream(env.OpenStandardOutput(), StreamBufferSize);
        }
        else
        {
            try
            {
                stream = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.Read, StreamBufferSize);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new CliException($"cannot write output '{output}': {ex.Message}");
            }
        }

        switch (format)
        {
            case AlertOutputFormat.Csv:
                return new CsvAlertOutput(CsvAlertOutput.CreateWriter(stream, leaveOpen: false), ownsWriter: true);
            case AlertOutputFormat.Table:
                var writer = new StreamWriter(stream);
                return new TableAlertOutput(CliEnvironment.CreateConsole(writer, isTerminal: false), writer);
            default:
                return new NdjsonAlertOutput(stream, ownsStream: true);
        }
    }
}
