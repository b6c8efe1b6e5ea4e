using System.Text;
using Haris.Core.Events;
using Haris.Ingest.Parsing;

namespace Haris.Ingest.Tests.Parsing;

/// <summary>Runs a parser over a test line the way a reader does: one reset event, the line as UTF-8 bytes.</summary>
internal static class ParserHarness
{
    public static (bool Ok, LogEvent Event, string? Error) Parse(ILogParser parser, string line) =>
        Parse(parser, Encoding.UTF8.GetBytes(line));

    public static (bool Ok, LogEvent Event, string? Error) Parse(ILogParser parser, byte[] line)
    {
        var evt = new LogEvent();
        evt.Reset();
        var ok = parser.TryParse(line, evt, out var error);
        if (ok)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.False(string.IsNullOrEmpty(error));
        }

        return (ok, evt, error);
    }

    /// <summary>All values of a field, in order; empty when absent.</summary>
    public static List<string> All(LogEvent evt, string field)
    {
        var values = new List<string>();
        if (!FieldRegistry.TryGet(field, out var id))
        {
            return values;
        }

        for (var slot = evt.First(id); slot >= 0; slot = evt.Next(slot))
        {
            values.Add(evt.Text(slot).ToString());
        }

        return values;
    }

    public static FieldValueKind KindOf(LogEvent evt, string field)
    {
        Assert.True(FieldRegistry.TryGet(field, out var id), field + " was never registered");
        var slot = evt.First(id);
        Assert.True(slot >= 0, field + " is absent");
        return evt.Kind(slot);
    }
}
