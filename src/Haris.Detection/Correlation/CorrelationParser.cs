using System.Globalization;
using Haris.Detection.Sigma;
using YamlDotNet.RepresentationModel;

namespace Haris.Detection.Correlation;

/// <summary>Reads a Sigma correlation document; its references are resolved later, once every rule is loaded.</summary>
internal static class CorrelationParser
{
    public static CorrelationRule Parse(YamlMappingNode root, YamlMappingNode correlation, string? id, string? title, string file)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new SigmaRuleException("the correlation rule has no title", SigmaYaml.Line(root));
        }

        var typeText = SigmaYaml.GetString(correlation, "type")
            ?? throw new SigmaRuleException("correlation has no type (event_count, value_count, temporal, temporal_ordered, value_sum, value_avg)", SigmaYaml.Line(correlation));
        var type = typeText switch
        {
            "event_count" => CorrelationType.EventCount,
            "value_count" => CorrelationType.ValueCount,
            "temporal" => CorrelationType.Temporal,
            "temporal_ordered" => CorrelationType.TemporalOrdered,
            "value_sum" => CorrelationType.ValueSum,
            "value_avg" => CorrelationType.ValueAvg,
            "value_percentile" or "value_median" => throw new SigmaRuleException(
                $"correlation type '{typeText}' is not evaluated: the specification does not define which percentile or how to interpolate",
                Line(correlation, "type")),
            _ => throw new SigmaRuleException($"unknown correlation type '{typeText}'", Line(correlation, "type")),
        };

        var references = SigmaYaml.GetStrings(correlation, "rules");
        if (references.Count == 0)
        {
            throw new SigmaRuleException("correlation lists no rules (ids or names)", SigmaYaml.Line(correlation));
        }

        var timespanText = SigmaYaml.GetString(correlation, "timespan")
            ?? throw new SigmaRuleException("correlation has no timespan (e.g. 5m)", SigmaYaml.Line(correlation));
        var timespan = ParseTimespan(timespanText, Line(correlation, "timespan"));
        var (condition, valueFields) = ParseCondition(correlation, type, references.Count);
        if (type is CorrelationType.ValueCount or CorrelationType.ValueSum or CorrelationType.ValueAvg && valueFields.Count == 0)
        {
            throw new SigmaRuleException($"a {typeText} correlation needs condition.field", Line(correlation, "condition"));
        }

        var generate = SigmaYaml.Get(correlation, "generate") switch
        {
            null => false,
            YamlScalarNode scalar when SigmaYaml.Type(scalar) is { Type: ScalarType.Boolean } typed => typed.Text == "true",
            var node => throw new SigmaRuleException("generate must be true or false", SigmaYaml.Line(node)),
        };

        return new CorrelationRule(root, id, title, file)
        {
            Type = type,
            Timespan = timespan,
            GroupBy = SigmaYaml.GetStrings(correlation, "group-by"),
            ValueFields = valueFields,
            Condition = condition,
            Generate = generate,
            ReferenceNames = references,
            Aliases = ParseAliases(correlation),
        };
    }

    /// <summary>Parses <c>&lt;integer&gt;&lt;unit&gt;</c>: s, m, h, d, and pySigma's w, M (30 days) and y (365 days).</summary>
    public static TimeSpan ParseTimespan(string text, int line)
    {
        if (text.Length >= 2 && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            var seconds = text[^1] switch
            {
                's' => 1L,
                'm' => 60L,
                'h' => 3600L,
                'd' => 86400L,
                'w' => 7 * 86400L,
                'M' => 30 * 86400L,
                'y' => 365 * 86400L,
                _ => 0L,
            };
            if (seconds > 0 && amount <= TimeSpan.MaxValue.TotalSeconds / seconds / 2)
            {
                return TimeSpan.FromSeconds(amount * seconds);
            }
        }

        throw new SigmaRuleException($"timespan '{text}' is not a whole number followed by s, m, h, d, w, M or y", line);
    }

    private static (CorrelationCondition Condition, IReadOnlyList<string> Fields) ParseCondition(YamlMappingNode correlation, CorrelationType type, int referenceCount)
    {
        var node = SigmaYaml.Get(correlation, "condition");
        if (node is null)
        {
            if (type is CorrelationType.Temporal or CorrelationType.TemporalOrdered)
            {
                // Temporal rules without a condition need every referenced rule.
                return (new CorrelationCondition(null, referenceCount, null, null, null, null), []);
            }

            throw new SigmaRuleException("correlation has no condition (e.g. gte: 10)", SigmaYaml.Line(correlation));
        }

        if (node is not YamlMappingNode map)
        {
            throw new SigmaRuleException("the correlation condition must be a map such as {gte: 10}", SigmaYaml.Line(node));
        }

        double? gt = null, gte = null, lt = null, lte = null, eq = null, neq = null;
        var fields = new List<string>();
        var bounds = 0;
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value;
            if (key == "field")
            {
                fields.AddRange(valueNode switch
                {
                    YamlScalarNode { Value: { Length: > 0 } single } => [single],
                    YamlSequenceNode list => list.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty).Where(s => s.Length > 0),
                    _ => throw new SigmaRuleException("condition.field must name a field or a list of fields", SigmaYaml.Line(valueNode)),
                });
                continue;
            }

            if (valueNode is not YamlScalarNode scalar || SigmaYaml.Type(scalar) is not { Type: ScalarType.Integer or ScalarType.Float } number)
            {
                throw new SigmaRuleException($"condition '{key}' must be a number", SigmaYaml.Line(valueNode));
            }

            bounds++;
            switch (key)
            {
                case "gt": gt = number.Number; break;
                case "gte": gte = number.Number; break;
                case "lt": lt = number.Number; break;
                case "lte": lte = number.Number; break;
                case "eq": eq = number.Number; break;
                case "neq": neq = number.Number; break;
                default: throw new SigmaRuleException($"unknown condition operator '{key}' (gt, gte, lt, lte, eq, neq)", SigmaYaml.Line(keyNode));
            }
        }

        if (bounds is 0 or > 2)
        {
            throw new SigmaRuleException("the correlation condition needs one or two of gt, gte, lt, lte, eq, neq", SigmaYaml.Line(map));
        }

        return (new CorrelationCondition(gt, gte, lt, lte, eq, neq), fields);
    }

    private static Dictionary<string, IReadOnlyDictionary<string, string>> ParseAliases(YamlMappingNode correlation)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (SigmaYaml.Get(correlation, "aliases") is not { } node)
        {
            return result;
        }

        if (node is not YamlMappingNode aliases)
        {
            throw new SigmaRuleException("aliases must map each alias to {rule: field}", SigmaYaml.Line(node));
        }

        foreach (var (aliasNode, mappingNode) in aliases.Children)
        {
            var alias = ((YamlScalarNode)aliasNode).Value ?? string.Empty;
            if (mappingNode is not YamlMappingNode perRule)
            {
                throw new SigmaRuleException($"alias '{alias}' must map rule names to fields", SigmaYaml.Line(mappingNode));
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (ruleNode, fieldNode) in perRule.Children)
            {
                fields[((YamlScalarNode)ruleNode).Value ?? string.Empty] = (fieldNode as YamlScalarNode)?.Value
                    ?? throw new SigmaRuleException($"alias '{alias}' must give a field name for each rule", SigmaYaml.Line(fieldNode));
            }

            result[alias] = fields;
        }

        return result;
    }

    private static int Line(YamlMappingNode map, string key) => SigmaYaml.Get(map, key) is { } node ? SigmaYaml.Line(node) : SigmaYaml.Line(map);
}
