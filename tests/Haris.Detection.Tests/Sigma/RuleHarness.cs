using Haris.Core.Events;
using Haris.Detection.Sigma;

namespace Haris.Detection.Tests.Sigma;

/// <summary>Builds one-rule detectors from a detection section and runs them on hand-made events.</summary>
internal static class RuleHarness
{
    /// <summary>Compiles a rule whose detection section is <paramref name="detection"/> (indented YAML under <c>detection:</c>).</summary>
    public static SigmaRule Rule(string detection, string logsource = "    product: test", RuleLoadOptions? options = null)
    {
        var yaml = $"""
            title: Test rule
            id: 00000000-0000-0000-0000-000000000001
            author: Tester
            logsource:
            {logsource}
            detection:
            {detection}
            level: high
            """;
        var result = SigmaRuleLoader.LoadText(yaml, "test.yml", options);
        Assert.True(result.Errors.Count == 0, string.Join("; ", result.Errors));
        return Assert.Single(result.Rules);
    }

    /// <summary>The reason a rule with this detection section fails to load.</summary>
    public static string LoadError(string detection)
    {
        var yaml = $"""
            title: Broken rule
            logsource:
                product: test
            detection:
            {detection}
            """;
        var result = SigmaRuleLoader.LoadText(yaml, "broken.yml");
        Assert.Empty(result.Rules);
        return Assert.Single(result.Errors).Reason;
    }

    /// <summary>An event with the given fields; a value of null becomes a JSON null, an array several values.</summary>
    public static LogEvent Event(params (string Field, object? Value)[] fields)
    {
        var evt = new LogEvent();
        foreach (var (field, value) in fields)
        {
            var id = FieldRegistry.GetOrAdd(field);
            switch (value)
            {
                case null:
                    evt.Add(id, "", FieldValueKind.Null);
                    break;
                case string[] values:
                    foreach (var v in values)
                    {
                        evt.Add(id, v);
                    }

                    break;
                case int or long or double:
                    evt.Add(id, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), FieldValueKind.Number);
                    break;
                case bool b:
                    evt.Add(id, b ? "true" : "false", FieldValueKind.Boolean);
                    break;
                default:
                    evt.Add(id, value.ToString());
                    break;
            }
        }

        return evt;
    }

    public static bool Matches(this SigmaRule rule, LogEvent evt)
    {
        var matches = new List<SigmaRule>();
        new Detector([rule]).Evaluate(evt, matches);
        return matches.Count == 1;
    }

    public static bool Matches(this SigmaRule rule, params (string Field, object? Value)[] fields) => rule.Matches(Event(fields));
}
