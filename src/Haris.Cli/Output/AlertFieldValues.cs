using System.Globalization;
using Haris.Core.Alerts;

namespace Haris.Cli.Output;

/// <summary>Reads event fields out of an alert for the columns of the table and CSV outputs.</summary>
internal static class AlertFieldValues
{
    /// <summary>The first value of a canonical field, or null when the event had none.</summary>
    public static string? First(Alert alert, string fieldName)
    {
        foreach (var (name, value) in alert.Fields)
        {
            if (!string.Equals(name, fieldName, StringComparison.Ordinal))
            {
                continue;
            }

            return value switch
            {
                null => null,
                IEnumerable<object?> list => list.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)).FirstOrDefault(v => v is not null),
                _ => Convert.ToString(value, CultureInfo.InvariantCulture),
            };
        }

        return null;
    }

    /// <summary>The first of several fields that the event has.</summary>
    public static string? FirstOf(Alert alert, params ReadOnlySpan<string> fieldNames)
    {
        foreach (var name in fieldNames)
        {
            if (First(alert, name) is { Length: > 0 } value)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary><c>file:line</c>, or just the line when the input had no name.</summary>
    public static string Location(Alert alert) =>
        alert.SourceFile is { } file
            ? string.Create(CultureInfo.InvariantCulture, $"{file}:{alert.SourceLine}")
            : alert.SourceLine.ToString(CultureInfo.InvariantCulture);
}
