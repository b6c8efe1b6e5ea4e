using System.Globalization;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Haris.Operations.Tournaments;

/// <summary>
/// Reading typed values out of YamlDotNet's representation model. Every value is read as text and checked by hand,
/// so a mistake is reported with its path and line instead of surfacing as a deserializer exception.
/// </summary>
internal sealed partial class TournamentReader
{
    // Configuration is hand-written; nothing legitimate nests this deep, and YamlDotNet builds nodes recursively.
    private const int MaxDepth = 32;
    private const int MaxIdLength = 64;

    private static string At(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string At(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    private static int Line(YamlNode node) => (int)node.Start.Line;

    private static string Clip(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 80), "…");

    private static string SnakeName<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static bool IsNull(YamlNode? node) =>
        node is null
        || node is YamlScalarNode { Value: null or "" }
        || node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: "~" or "null" or "Null" or "NULL" };

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode { Value: { } value } => $"'{Clip(value)}'",
        YamlMappingNode => "a map",
        YamlSequenceNode => "a list",
        _ => "nothing",
    };

    private void Error(YamlNode node, string path, string message) =>
        _errors.Add(new TournamentError(_file, Line(node), path.Length == 0 ? message : $"{path}: {message}"));

    /// <summary>Reports every key the map should not have: a misspelt optional key would otherwise be ignored without a word.</summary>
    private void CheckKeys(YamlMappingNode map, string path, params ReadOnlySpan<string> allowed)
    {
        foreach (var key in map.Children.Keys)
        {
            if (key is YamlScalarNode { Value: { } name } && allowed.Contains(name))
            {
                continue;
            }

            var what = key is YamlScalarNode { Value: { } text } ? $"'{Clip(text)}'" : "(not a text key)";
            Error(key, path, $"unknown key {what} (expected {string.Join(", ", allowed)})");
        }
    }

    private YamlMappingNode? AsMap(YamlNode node, string path, string what)
    {
        if (node is YamlMappingNode map)
        {
            return map;
        }

        Error(node, path, $"must be a map ({what}), not {Describe(node)}");
        return null;
    }

    private IList<YamlNode> Items(YamlMappingNode map, string key, string path, bool required)
    {
        var node = Get(map, key);
        if (IsNull(node))
        {
            if (required)
            {
                Error(node ?? map, At(path, key), "is required");
            }

            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(node!, At(path, key), $"must be a list, not {Describe(node!)}");
            return [];
        }

        if (required && sequence.Children.Count == 0)
        {
            Error(sequence, At(path, key), "must list at least one item");
        }

        return sequence.Children;
    }

    private string? Text(YamlMappingNode map, string key, string path, bool required, string? missing = null)
    {
        var node = Get(map, key);
        if (IsNull(node) || node is YamlScalarNode { Value: { } blank } && string.IsNullOrWhiteSpace(blank))
        {
            if (required)
            {
                Error(node ?? map, At(path, key), missing ?? "is required");
            }

            return null;
        }

        if (node is not YamlScalarNode { Value: { } value })
        {
            Error(node!, At(path, key), $"must be text, not {Describe(node!)}");
            return null;
        }

        return value.Trim();
    }

    private string? Text(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value) && !IsNull(node))
        {
            return value.Trim();
        }

        Error(node, path, $"must be text, not {Describe(node)}");
        return null;
    }

    private int? Count(YamlMappingNode map, string key, string path, bool required)
    {
        var node = Get(map, key);
        if (IsNull(node))
        {
            if (required)
            {
                Error(node ?? map, At(path, key), "is required");
            }

            return null;
        }

        if (node is YamlScalarNode { Value: { } text }
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count > 0)
        {
            return count;
        }

        Error(node!, At(path, key), $"must be a positive whole number (got {Describe(node!)})");
        return null;
    }

    /// <summary>An id: lower-case, so that <c>North-Upper</c> and <c>north-upper</c> can never name two zones.</summary>
    private string? Id(YamlMappingNode map, string path)
    {
        var id = Text(map, "id", path, required: true);
        if (id is not null && !IsId(id))
        {
            Error(Get(map, "id")!, At(path, "id"), $"'{Clip(id)}' is not a valid id: use lower-case letters, digits, '-' and '_', at most {MaxIdLength} characters");
        }

        return id;
    }

    private static bool IsId(string text)
    {
        if (text.Length is 0 or > MaxIdLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private T? Choice<T>(YamlMappingNode map, string key, string path, string what)
        where T : struct, Enum
    {
        var text = Text(map, key, path, required: true);
        if (text is null)
        {
            return null;
        }

        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(text, SnakeName(value), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        Error(Get(map, key)!, At(path, key), $"unknown {what} '{Clip(text)}' (expected {string.Join(", ", Enum.GetValues<T>().Select(SnakeName))})");
        return null;
    }

    /// <summary>
    /// A display name: <c>name: text</c> (English), or <c>names: {ar, fr, en}</c>; with <paramref name="requireAll"/> only the
    /// second form with all three languages will do.
    /// </summary>
    private LocalizedText? Names(YamlMappingNode map, string path, bool requireAll)
    {
        var single = Get(map, "name");
        var several = Get(map, "names");
        if (!IsNull(single) && !IsNull(several))
        {
            Error(single!, At(path, "name"), "give either name or names, not both");
            return null;
        }

        if (IsNull(several) && !requireAll)
        {
            var text = Text(map, "name", path, required: true);
            return text is null ? null : new LocalizedText(text);
        }

        var namesPath = At(path, "names");
        if (IsNull(several))
        {
            Error(several ?? map, namesPath, "is required: the name in Arabic, French and English (names: {ar, fr, en})");
            return null;
        }

        return AsMap(several!, namesPath, "ar, fr, en") is { } names ? Localized(names, namesPath, requireAll) : null;
    }

    private LocalizedText? Localized(YamlMappingNode map, string path, bool requireAll)
    {
        CheckKeys(map, path, "ar", "fr", "en");
        var ar = Text(map, "ar", path, requireAll, "is required: the Arabic name");
        var fr = Text(map, "fr", path, requireAll, "is required: the French name");
        var en = Text(map, "en", path, required: true, requireAll ? "is required: the English name" : "is required: the English text");
        if (ar is not null && !IsArabic(ar))
        {
            Error(Get(map, "ar")!, At(path, "ar"), $"must be written in Arabic script (got '{Clip(ar)}')");
        }

        return en is null ? null : new LocalizedText(en, fr, ar);
    }

    /// <summary>Whether the text has at least one letter of the Arabic blocks (U+0600–U+06FF, supplement, extended-A, presentation forms).</summary>
    private static bool IsArabic(string text)
    {
        foreach (var c in text)
        {
            if (c is (>= '\u0600' and <= '\u06FF') or (>= '\u0750' and <= '\u077F') or (>= '\u08A0' and <= '\u08FF')
                or (>= '\uFB50' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Records a new id, or reports it as a repeat of an earlier one.</summary>
    private bool Unique(Dictionary<string, int> seen, string id, YamlNode node, string path, string what)
    {
        if (seen.TryGetValue(id, out var first))
        {
            Error(node, path, string.Create(CultureInfo.InvariantCulture, $"duplicate {what} '{Clip(id)}' (first at line {first})"));
            return false;
        }

        seen.Add(id, Line(node));
        return true;
    }

    /// <summary>Stops a document nested deeper than <see cref="MaxDepth"/> before YamlDotNet recurses into it.</summary>
    private sealed class DepthLimitedParser(IParser inner) : IParser
    {
        private int _depth;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext())
            {
                return false;
            }

            switch (inner.Current)
            {
                case MappingStart or SequenceStart:
                    if (++_depth > MaxDepth)
                    {
                        throw new YamlException(inner.Current.Start, inner.Current.End, $"nested deeper than {MaxDepth} levels");
                    }

                    break;
                case MappingEnd or SequenceEnd:
                    _depth--;
                    break;
            }

            return true;
        }
    }
}
