using System.Globalization;
using System.Text;

namespace Haris.Operations;

/// <summary>The CSV reading the operations imports share (ticket lists, accreditation lists).</summary>
internal static class CsvText
{
    private static readonly string[] s_timeFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];

    /// <summary>Reads an ISO 8601 time that carries its offset (<c>Z</c> or <c>+03:00</c>).</summary>
    public static bool TryParseTime(string text, out DateTimeOffset time)
    {
        // An offset is required: a bare local time means a different instant in every room that opens the file.
        var hasOffset = text.Length > 6
            && (text[^1] is 'Z' or 'z' || (text[^6] is '+' or '-' && text[^3] == ':'));
        if (hasOffset && DateTimeOffset.TryParseExact(text, s_timeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time))
        {
            return true;
        }

        time = default;
        return false;
    }

    /// <summary>
    /// Splits one line into RFC 4180 fields: a quoted field may hold commas and doubled quotes, not line breaks; returns
    /// the problem, naming the column, or null.
    /// </summary>
    /// <remarks>
    /// No field of these files may hold a control character, so a line break inside quotes can only be a broken file,
    /// and every line number is a physical line.
    /// </remarks>
    public static string? SplitLine(string line, List<string> fields)
    {
        fields.Clear();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        return $"column {fields.Count + 1}: a quoted field is not closed on its line";
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(line[i++]);
                }

                if (i < line.Length && line[i] != ',')
                {
                    return $"column {fields.Count + 1}: text after the closing quote";
                }
            }
            else
            {
                var end = line.IndexOf(',', i);
                var stop = end < 0 ? line.Length : end;
                if (line.AsSpan(i, stop - i).Contains('"'))
                {
                    return $"column {fields.Count + 1}: a quote inside an unquoted field";
                }

                field.Append(line, i, stop - i);
                i = stop;
            }

            fields.Add(field.ToString());
            if (i >= line.Length)
            {
                return null;
            }

            i++;
        }
    }
}
