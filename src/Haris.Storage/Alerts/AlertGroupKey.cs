using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Haris.Core.Alerts;

namespace Haris.Storage.Alerts;

/// <summary>Derives the key under which repeats of an alert are counted into one stored alert.</summary>
public static class AlertGroupKey
{
    /// <summary>
    /// The key of a correlation alert's group-by values, or for a single-event alert of its source address; empty when
    /// there is neither.
    /// </summary>
    /// <remarks>
    /// Group values are text from the log, of any length; the key is the hex SHA-256 of them, so the suppression index
    /// stays small and within PostgreSQL's index row limit.
    /// </remarks>
    public static string For(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.Group is { } group)
        {
            return For(group);
        }

        return alert.SubjectSourceIp is { } ip ? For([new(Core.Events.FieldNames.SourceIp, ip)]) : "";
    }

    /// <summary>The key of a list of group-by fields and values, in the order given.</summary>
    public static string For(IReadOnlyList<KeyValuePair<string, string?>> group)
    {
        ArgumentNullException.ThrowIfNull(group);

        // Length-prefixed so that no choice of values can make two different groups spell the same bytes.
        var text = new StringBuilder();
        foreach (var (name, value) in group)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name.Length}:{name}");
            if (value is null)
            {
                text.Append("-1:");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"{value.Length}:{value}");
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
