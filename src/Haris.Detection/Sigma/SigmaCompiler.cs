using Haris.Core.Events;
using Haris.Detection.Sigma.Matching;
using YamlDotNet.RepresentationModel;

namespace Haris.Detection.Sigma;

/// <summary>The compiled form of a <c>detection</c> (or filter) section.</summary>
internal sealed record CompiledDetection(SearchNode[] Searches, string[] Identifiers, ConditionNode Condition);

/// <summary>Compiles a Sigma detection section into search nodes and a condition tree, once, at load.</summary>
internal sealed partial class SigmaCompiler(Logsource logsource, RuleLoadOptions options)
{
    public CompiledDetection Compile(YamlMappingNode detection, string sectionName)
    {
        var names = new List<string>();
        var searches = new List<SearchNode>();
        YamlNode? condition = null;
        foreach (var (keyNode, valueNode) in detection.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            if (key == "condition")
            {
                condition = valueNode;
                continue;
            }

            if (key.Length == 0 || key.Contains(' ', StringComparison.Ordinal) || key.Contains('*', StringComparison.Ordinal))
            {
                throw new SigmaRuleException($"'{key}' is not a valid search identifier", SigmaYaml.Line(keyNode));
            }

            names.Add(key);
            searches.Add(CompileSearch(key, valueNode));
        }

        if (condition is null)
        {
            throw new SigmaRuleException($"{sectionName} has no condition", SigmaYaml.Line(detection));
        }

        if (names.Count == 0)
        {
            throw new SigmaRuleException($"{sectionName} has no search identifier", SigmaYaml.Line(detection));
        }

        var compiled = condition switch
        {
            YamlScalarNode { Value: { } text } => ParseCondition(text, names, condition),
            // A list of conditions means any of them.
            YamlSequenceNode list when list.Children.Count > 0 =>
                new OrNode([.. list.Children.Select(c => ParseCondition((c as YamlScalarNode)?.Value ?? string.Empty, names, c))]),
            _ => throw new SigmaRuleException("condition must be text or a list of texts", SigmaYaml.Line(condition)),
        };

        return new CompiledDetection([.. searches], [.. names], compiled);
    }

    private static ConditionNode ParseCondition(string text, List<string> names, YamlNode node)
    {
        try
        {
            return ConditionParser.Parse(text, names);
        }
        catch (SigmaRuleException ex) when (ex.Line is null)
        {
            throw new SigmaRuleException(ex.Message, SigmaYaml.Line(node));
        }
    }

    private SearchNode CompileSearch(string name, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                return CompileMap(name, map);
            case YamlSequenceNode list when list.Children.Count == 0:
                throw new SigmaRuleException($"search identifier '{name}' is an empty list", SigmaYaml.Line(node));
            case YamlSequenceNode list when list.Children.All(c => c is YamlMappingNode):
                return new AnySearch([.. list.Children.Select(c => CompileMap(name, (YamlMappingNode)c))]);
            case YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode):
                return CompileKeywords([.. list.Children.Cast<YamlScalarNode>().Select(SigmaYaml.Type)], [], SigmaYaml.Line(node));
            case YamlSequenceNode:
                throw new SigmaRuleException($"search identifier '{name}' mixes maps and plain values in one list", SigmaYaml.Line(node));
            case YamlScalarNode scalar when SigmaYaml.Type(scalar).Type != ScalarType.Null:
                return CompileKeywords([SigmaYaml.Type(scalar)], [], SigmaYaml.Line(node));
            default:
                throw new SigmaRuleException($"search identifier '{name}' is empty", SigmaYaml.Line(node));
        }
    }

    private SearchNode CompileMap(string name, YamlMappingNode map)
    {
        if (map.Children.Count == 0)
        {
            throw new SigmaRuleException($"search identifier '{name}' is an empty map", SigmaYaml.Line(map));
        }

        var parts = new List<SearchNode>(map.Children.Count);
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            var values = ReadValues(key, valueNode);
            var segments = key.Split('|');
            var field = segments[0];
            var modifiers = segments[1..];
            parts.Add(field.Length == 0
                ? CompileKeywords(values, modifiers, SigmaYaml.Line(keyNode))
                : CompileField(field, modifiers, values, SigmaYaml.Line(keyNode)));
        }

        return parts.Count == 1 ? parts[0] : new AllSearch([.. parts]);
    }

    private static List<TypedScalar> ReadValues(string key, YamlNode node)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                return [SigmaYaml.Type(scalar)];
            case YamlSequenceNode list when list.Children.Count == 0:
                throw new SigmaRuleException($"'{key}' has an empty list of values", SigmaYaml.Line(node));
            case YamlSequenceNode list:
                var values = new List<TypedScalar>(list.Children.Count);
                foreach (var item in list.Children)
                {
                    if (item is not YamlScalarNode scalar)
                    {
                        throw new SigmaRuleException($"'{key}' lists a value that is not a plain value", SigmaYaml.Line(item));
                    }

                    values.Add(SigmaYaml.Type(scalar));
                }

                return values;
            default:
                throw new SigmaRuleException($"'{key}' must hold a value or a list of values, not a map", SigmaYaml.Line(node));
        }
    }

    private FieldRef Resolve(string field)
    {
        var canonical = FieldMapping.Canonical(logsource, field);
        return new FieldRef(field, FieldRegistry.GetOrAdd(canonical), FieldRegistry.GetOrAdd(field));
    }
}
