using System.Globalization;
using System.Text;
using Haris.Core.Alerts;
using Haris.Core.Events;

namespace Haris.Cli.Output;

/// <summary>Writes alerts as CSV (RFC 4180: CRLF rows, quoted fields, doubled quotes) with a header row.</summary>
/// <remarks>
/// Log text is attacker-written and CSV files end up in spreadsheets, so a text cell that starts like a formula
/// (<c>= + - @</c>, tab, CR) gets a leading apostrophe (OWASP "CSV injection"); a lone <c>-</c> (nginx's empty value) is kept.
/// </remarks>
internal sealed class CsvAlertOutput : IAlertOutput
{
    /// <summary>The header row, in column order.</summary>
    public static readonly string[] Columns =
    [
        "id", "timestamp", "level", "rule_id", "rule_title", "rule_name", "rule_author", "tags",
        "file", "line", "source_ip", "user_name", "host_name", "http_method", "url", "status", "user_agent", "message",
    ];

    private readonly TextWriter _writer;
    private readonly bool _ownsWriter;

    public CsvAlertOutput(TextWriter writer, bool ownsWriter)
    {
        _writer = writer;
        _ownsWriter = ownsWriter;
        WriteRow(Columns, neutralize: false);
    }

    /// <summary>A UTF-8 (no BOM) writer over <paramref name="stream"/>, as the CSV output uses.</summary>
    public static StreamWriter CreateWriter(Stream stream, bool leaveOpen) =>
        new(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 65536, leaveOpen) { NewLine = "\r\n" };

    public void Write(Alert alert)
    {
        // Rule metadata and positions come from us; the event's fields come from the log and are neutralized.
        WriteField(alert.Id, neutralize: false);
        WriteField(alert.Timestamp is { } t ? AlertJsonWriter.FormatTime(t) : string.Empty, neutralize: false);
        WriteField(alert.Level.ToSigma(), neutralize: false);
        WriteField(alert.RuleId, neutralize: true);
        WriteField(alert.RuleTitle, neutralize: true);
        WriteField(alert.RuleName, neutralize: true);
        WriteField(alert.RuleAuthor, neutralize: true);
        WriteField(string.Join(';', alert.Tags), neutralize: true);
        WriteField(alert.SourceFile, neutralize: true);
        WriteField(alert.SourceLine.ToString(CultureInfo.InvariantCulture), neutralize: false);
        WriteField(AlertFieldValues.First(alert, FieldNames.SourceIp), neutralize: true);
        WriteField(AlertFieldValues.First(alert, FieldNames.UserName), neutralize: true);
        WriteField(AlertFieldValues.First(alert, FieldNames.HostName), neutralize: true);
        WriteField(AlertFieldValues.First(alert, FieldNames.HttpRequestMethod), neutralize: true);
        WriteField(AlertFieldValues.First(alert, FieldNames.UrlOriginal), neutralize: true);
        WriteField(AlertFieldValues.First(alert, FieldNames.HttpResponseStatusCode), neutralize: true);
        WriteField(AlertFieldValues.First(alert, FieldNames.UserAgentOriginal), neutralize: true);
        WriteField(AlertFieldValues.First(alert, FieldNames.Message), neutralize: true, last: true);
    }

    public void Complete() => _writer.Flush();

    public void Dispose()
    {
        if (_ownsWriter)
        {
            _writer.Dispose();
        }
        else
        {
            _writer.Flush();
        }
    }

    /// <summary>Quotes one field per RFC 4180 when it holds a comma, quote, CR or LF (or edge spaces).</summary>
    public static string Quote(string? value, bool neutralize)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (neutralize && value.Length > 1 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        else if (neutralize && value.Length == 1 && value[0] is '=' or '+' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        var needsQuotes = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value[0] == ' ' || value[^1] == ' ';
        return needsQuotes ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private void WriteRow(string[] values, bool neutralize)
    {
        for (var i = 0; i < values.Length; i++)
        {
            WriteField(values[i], neutralize, last: i == values.Length - 1);
        }
    }

    private void WriteField(string? value, bool neutralize, bool last = false)
    {
        _writer.Write(Quote(value, neutralize));
        if (last)
        {
            _writer.WriteLine();
        }
        else
        {
            _writer.Write(',');
        }
    }
}
