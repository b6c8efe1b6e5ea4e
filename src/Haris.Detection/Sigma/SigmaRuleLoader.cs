using System.Reflection;
using Haris.Core.Events;
using Haris.Detection.Correlation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Haris.Detection.Sigma;

/// <summary>Loads Sigma rule files (and filter documents), compiling each rule once; one bad rule never stops the others.</summary>
public static class SigmaRuleLoader
{
    private const string BuiltinPrefix = "Haris.Rules/";

    /// <summary>Loads every <c>.yml</c>/<c>.yaml</c> file under the given files and folders (folders recursively).</summary>
    public static RuleLoadResult LoadPaths(IEnumerable<string> paths, RuleLoadOptions? options = null)
    {
        options ??= RuleLoadOptions.Default;
        var rules = new List<SigmaRule>();
        var filters = new List<SigmaFilter>();
        var correlations = new List<CorrelationRule>();
        var errors = new List<RuleLoadError>();
        var files = 0;
        foreach (var path in paths)
        {
            IEnumerable<string> found;
            if (Directory.Exists(path))
            {
                found = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal);
            }
            else if (File.Exists(path))
            {
                found = [path];
            }
            else
            {
                errors.Add(new RuleLoadError(path, null, null, null, "no such file or directory"));
                continue;
            }

            foreach (var file in found)
            {
                files++;
                string text;
                try
                {
                    text = File.ReadAllText(file);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    errors.Add(new RuleLoadError(file, null, null, null, "cannot read: " + ex.Message));
                    continue;
                }

                LoadInto(text, file, options, rules, filters, correlations, errors);
            }
        }

        return new RuleLoadResult(rules, errors, filters, correlations, files);
    }

    /// <summary>Loads what a scan or the server runs: the built-in pack unless turned off, plus <paramref name="paths"/>.</summary>
    /// <remarks>Correlations may reference rules of either part, so both are combined into one result.</remarks>
    public static RuleLoadResult LoadRuleSet(IReadOnlyList<string> paths, bool includeBuiltin)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var parts = new List<RuleLoadResult>(2);
        if (includeBuiltin)
        {
            parts.Add(LoadBuiltin());
        }

        if (paths.Count > 0)
        {
            parts.Add(LoadPaths(paths));
        }

        return RuleLoadResult.Combine([.. parts]);
    }

    /// <summary>Loads the rule pack built into Haris (the repository's <c>rules/</c> folder).</summary>
    public static RuleLoadResult LoadBuiltin(RuleLoadOptions? options = null)
    {
        options ??= RuleLoadOptions.Default;
        var rules = new List<SigmaRule>();
        var filters = new List<SigmaFilter>();
        var correlations = new List<CorrelationRule>();
        var errors = new List<RuleLoadError>();
        var assembly = typeof(SigmaRuleLoader).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(BuiltinPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        foreach (var name in names)
        {
            LoadInto(ReadResource(assembly, name), "builtin:" + name[BuiltinPrefix.Length..], options, rules, filters, correlations, errors);
        }

        return new RuleLoadResult(rules, errors, filters, correlations, names.Count);
    }

    /// <summary>Loads rules from YAML text; <paramref name="fileName"/> names it in errors and alerts.</summary>
    public static RuleLoadResult LoadText(string yaml, string fileName, RuleLoadOptions? options = null)
    {
        var rules = new List<SigmaRule>();
        var filters = new List<SigmaFilter>();
        var correlations = new List<CorrelationRule>();
        var errors = new List<RuleLoadError>();
        LoadInto(yaml, fileName, options ?? RuleLoadOptions.Default, rules, filters, correlations, errors);
        return new RuleLoadResult(rules, errors, filters, correlations, 1);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static void LoadInto(
        string text,
        string file,
        RuleLoadOptions options,
        List<SigmaRule> rules,
        List<SigmaFilter> filters,
        List<CorrelationRule> correlations,
        List<RuleLoadError> errors)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var reason = ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message;
            errors.Add(new RuleLoadError(file, (int)ex.Start.Line, null, null, "invalid YAML: " + reason.Trim()));
            return;
        }
        catch (ArgumentException ex)
        {
            // YamlDotNet reports a duplicate key in a mapping this way.
            errors.Add(new RuleLoadError(file, null, null, null, "invalid YAML: " + ex.Message));
            return;
        }

        foreach (var document in stream.Documents)
        {
            if (document.RootNode is not YamlMappingNode root)
            {
                if (document.RootNode is YamlScalarNode { Value: null or "" })
                {
                    continue;
                }

                errors.Add(new RuleLoadError(file, SigmaYaml.Line(document.RootNode), null, null, "a Sigma document must be a map"));
                continue;
            }

            string? id = null, title = null;
            try
            {
                id = SigmaYaml.GetString(root, "id");
                title = SigmaYaml.GetString(root, "title");
                switch (SigmaYaml.Get(root, "correlation"))
                {
                    case YamlMappingNode correlation:
                        correlations.Add(CorrelationParser.Parse(root, correlation, id, title, file));
                        continue;
                    case { } other:
                        throw new SigmaRuleException("correlation must be a map (type, rules, group-by, timespan, condition)", SigmaYaml.Line(other));
                }

                if (SigmaYaml.Get(root, "filter") is YamlMappingNode filter)
                {
                    filters.Add(CompileFilter(root, filter, title, file, options));
                    continue;
                }

                if (SigmaYaml.GetString(root, "action") is "global" or "reset" or "repeat")
                {
                    throw new SigmaRuleException("'action' rule collections are Sigma v1 syntax; write one rule per document", SigmaYaml.Line(root));
                }

                rules.Add(CompileRule(root, id, title, file, options));
            }
            catch (SigmaRuleException ex)
            {
                errors.Add(new RuleLoadError(file, ex.Line, id, title, ex.Message));
            }
        }
    }

    private static SigmaRule CompileRule(YamlMappingNode root, string? id, string? title, string file, RuleLoadOptions options)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new SigmaRuleException("the rule has no title", SigmaYaml.Line(root));
        }

        var logsource = ReadLogsource(root);
        if (SigmaYaml.Get(root, "detection") is not YamlMappingNode detection)
        {
            throw new SigmaRuleException("the rule has no detection section (a map with search identifiers and a condition)", SigmaYaml.Line(root));
        }

        var compiled = new SigmaCompiler(logsource, options).Compile(detection, "detection");
        return new SigmaRule(root, id, title, file, logsource, compiled);
    }

    private static SigmaFilter CompileFilter(YamlMappingNode root, YamlMappingNode filter, string? title, string file, RuleLoadOptions options)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new SigmaRuleException("the filter has no title", SigmaYaml.Line(root));
        }

        var logsource = ReadLogsource(root);
        var targets = SigmaYaml.GetStrings(filter, "rules");
        var appliesToAny = targets is ["any"];
        if (targets.Count == 0)
        {
            throw new SigmaRuleException("the filter names no rules (filter.rules: ids, names or 'any')", SigmaYaml.Line(filter));
        }

        var detection = new YamlMappingNode();
        foreach (var (key, value) in filter.Children)
        {
            if (key is YamlScalarNode { Value: "rules" })
            {
                continue;
            }

            detection.Add(key, value);
        }

        return new SigmaFilter
        {
            Title = title,
            File = file,
            Targets = targets,
            AppliesToAny = appliesToAny,
            Logsource = logsource,
            Detection = new SigmaCompiler(logsource, options).Compile(detection, "filter"),
        };
    }

    private static Logsource ReadLogsource(YamlMappingNode root)
    {
        if (SigmaYaml.Get(root, "logsource") is not YamlMappingNode map)
        {
            throw new SigmaRuleException("the rule has no logsource map", SigmaYaml.Line(root));
        }

        return new Logsource(
            SigmaYaml.GetString(map, "category")?.ToLowerInvariant(),
            SigmaYaml.GetString(map, "product")?.ToLowerInvariant(),
            SigmaYaml.GetString(map, "service")?.ToLowerInvariant());
    }
}
