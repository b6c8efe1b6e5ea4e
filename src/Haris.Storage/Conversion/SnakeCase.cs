using System.Text;

namespace Haris.Storage.Conversion;

/// <summary>Turns PascalCase property names into snake_case column names.</summary>
/// <remarks>Lower-case names need no quoting in PostgreSQL, so the tables can be read by hand with psql or sqlite3.</remarks>
internal static class SnakeCase
{
    public static string From(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                // A word starts at an upper-case letter after a lower-case one, or before one in a run (IPAddress → ip_address).
                var startsWord = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])
                    || (char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1])));
                if (startsWord && text[^1] != '_')
                {
                    text.Append('_');
                }

                text.Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
