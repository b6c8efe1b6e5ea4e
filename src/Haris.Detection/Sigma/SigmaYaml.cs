using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Haris.Detection.Sigma;

/// <summary>The YAML 1.2 core-schema type of a scalar.</summary>
internal enum ScalarType : byte
{
    Null,
    Boolean,
    Integer,
    Float,
    String,
}

/// <summary>A scalar from a rule with its YAML 1.2 type and its text exactly as written.</summary>
internal readonly record struct TypedScalar(ScalarType Type, string Text, int Line)
{
    public double Number => SigmaYaml.ParseNumber(Text);
}

/// <summary>
/// YAML helpers. Plain scalars are typed by the YAML 1.2 core schema, by hand, because YamlDotNet's representation
/// model keeps every scalar as text and a 1.1 reading would turn <c>yes</c> into true and <c>2024-01-01</c> into a date;
/// quoted scalars are always strings.
/// </summary>
internal static partial class SigmaYaml
{
    public static TypedScalar Type(YamlScalarNode node)
    {
        var text = node.Value ?? string.Empty;
        var line = Line(node);
        if (node.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded
            || (node.Tag.IsGlobal && node.Tag.Value == "tag:yaml.org,2002:str"))
        {
            return new TypedScalar(ScalarType.String, text, line);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return new TypedScalar(ScalarType.Null, text, line);
        }

        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return new TypedScalar(ScalarType.Boolean, text.ToLowerInvariant(), line);
        }

        if (IntegerPattern().IsMatch(text))
        {
            return new TypedScalar(ScalarType.Integer, text, line);
        }

        if (FloatPattern().IsMatch(text))
        {
            return new TypedScalar(ScalarType.Float, text, line);
        }

        return new TypedScalar(ScalarType.String, text, line);
    }

    public static double ParseNumber(string text)
    {
        if (text.StartsWith("0x", StringComparison.Ordinal))
        {
            return long.Parse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }

        if (text.StartsWith("0o", StringComparison.Ordinal))
        {
            return Convert.ToInt64(text[2..], 8);
        }

        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public static int Line(YamlNode node) => (int)node.Start.Line;

    /// <summary>The string value of a top-level key, or null when absent; a non-scalar is an error.</summary>
    public static string? GetString(YamlMappingNode map, string key)
    {
        var node = Get(map, key);
        return node switch
        {
            null => null,
            YamlScalarNode scalar => Type(scalar).Type == ScalarType.Null ? null : scalar.Value,
            _ => throw new SigmaRuleException($"'{key}' must be a text value", Line(node)),
        };
    }

    /// <summary>The strings of a key holding a list (or a single scalar), or an empty list.</summary>
    public static List<string> GetStrings(YamlMappingNode map, string key)
    {
        var node = Get(map, key);
        var result = new List<string>();
        switch (node)
        {
            case null:
                break;
            case YamlScalarNode scalar when scalar.Value is { Length: > 0 } value:
                result.Add(value);
                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence)
                {
                    if (item is YamlScalarNode { Value: { } text })
                    {
                        result.Add(text);
                    }
                }

                break;
        }

        return result;
    }

    public static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    [GeneratedRegex(@"^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
