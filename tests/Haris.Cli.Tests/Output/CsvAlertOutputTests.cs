using System.Text;
using Haris.Cli.Output;

namespace Haris.Cli.Tests.Output;

public sealed class CsvAlertOutputTests
{
    [Theory]
    // Plain text needs no quotes.
    [InlineData("GET", false, "GET")]
    // A comma would split the field.
    [InlineData("a,b", false, "\"a,b\"")]
    // Quotes are doubled inside a quoted field (RFC 4180 §2.7).
    [InlineData("say \"hi\"", false, "\"say \"\"hi\"\"\"")]
    // A line break inside a field must not start a new record.
    [InlineData("line1\nline2", false, "\"line1\nline2\"")]
    [InlineData("line1\r\nline2", false, "\"line1\r\nline2\"")]
    // Edge spaces are kept by quoting (spreadsheets trim them otherwise).
    [InlineData(" padded ", false, "\" padded \"")]
    // Log text that starts like a formula is disarmed with an apostrophe (CSV injection).
    [InlineData("=cmd|' /C calc'!A0", true, "'=cmd|' /C calc'!A0")]
    [InlineData("+1+1", true, "'+1+1")]
    [InlineData("-2+3", true, "'-2+3")]
    [InlineData("@SUM(A1)", true, "'@SUM(A1)")]
    // Both rules at once: disarmed, then quoted because of the comma.
    [InlineData("=1,2", true, "\"'=1,2\"")]
    // nginx writes a lone '-' for "no value"; it is not a formula.
    [InlineData("-", true, "-")]
    // Our own values (levels, timestamps) are never rewritten.
    [InlineData("=x", false, "=x")]
    [InlineData("", true, "")]
    public void Quote_Value_FollowsRfc4180AndDisarmsFormulas(string value, bool neutralize, string expected) =>
        Assert.Equal(expected, CsvAlertOutput.Quote(value, neutralize));

    [Fact]
    public void Write_HostileAlert_RoundTripsThroughAnRfc4180Reader()
    {
        var stream = new MemoryStream();
        using (var output = new CsvAlertOutput(CsvAlertOutput.CreateWriter(stream, leaveOpen: true), ownsWriter: true))
        {
            output.Write(HostileAlert.Create());
            output.Complete();
        }

        var text = Encoding.UTF8.GetString(stream.ToArray());
        var records = ReadCsv(text);

        Assert.Equal(2, records.Count);
        Assert.Equal(CsvAlertOutput.Columns, records[0]);
        var row = Row(records[0], records[1]);
        Assert.Equal(HostileAlert.Url, row["url"]);
        Assert.Equal("'" + HostileAlert.UserAgent, row["user_agent"]);
        Assert.Equal(HostileAlert.RuleTitle, row["rule_title"]);
        Assert.Equal("Haris, Tester", row["rule_author"]);
        Assert.Equal("logs/[x] access.log", row["file"]);
        Assert.Equal("7", row["line"]);
        Assert.Equal("high", row["level"]);
        Assert.Equal("2026-06-14T18:00:00.000Z", row["timestamp"]);
        Assert.Equal("attack.initial-access;attack.t1190", row["tags"]);
        Assert.Equal("-", row["user_name"]);
        Assert.Equal(string.Empty, row["message"]);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Row(List<string> header, List<string> values)
    {
        Assert.Equal(header.Count, values.Count);
        return header.Zip(values).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    // A strict RFC 4180 reader, independent of the writer under test.
    private static List<List<string>> ReadCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                    }
                    else if (text[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        field.Append(text[i++]);
                    }
                }
            }
            else if (text[i] == ',')
            {
                record.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i += 2;
            }
            else
            {
                Assert.NotEqual('\n', text[i]);
                field.Append(text[i++]);
            }
        }

        Assert.Empty(record);
        return records;
    }
}
