using System.Collections.Frozen;
using System.Text.Json;
using Haris.Core.Alerts;
using Haris.Detection;
using Haris.Detection.Correlation;
using Haris.Detection.Sigma;
using Haris.Server.Hosting;
using Haris.Server.Pipeline;
using Haris.Storage;
using Microsoft.Extensions.Options;

namespace Haris.Server.Detection;

/// <summary>A rule as the API lists it.</summary>
public sealed record RuleInfo(string Id, string Title, string? Name, AlertLevel Level, string Kind, string? Author, IReadOnlyList<string> Tags, string? Logsource, bool Enabled);

/// <summary>The Sigma rules that run live, loaded once at start, and which of them operators have turned off.</summary>
/// <remarks>
/// Turning a rule off keeps it loaded: its matches are dropped before correlation and its alerts are not stored, and
/// turning it on again takes effect with the next event. The set of disabled rules is kept in
/// <c>&lt;data&gt;/rules-state.json</c> so that it survives restarts.
/// </remarks>
public sealed class LiveRules
{
    private const string StateFile = "rules-state.json";

    private readonly Lock _gate = new();
    private readonly string _statePath;
    private readonly FrozenDictionary<string, RuleMetadata> _byId;
    private FrozenSet<string> _disabled;

    public LiveRules(IOptions<RulesOptions> options, IOptions<StorageOptions> storage)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        var loaded = SigmaRuleLoader.LoadRuleSet(options.Value.Paths, options.Value.Builtin);
        if (loaded.Errors.Count > 0)
        {
            throw new ServerConfigurationException(
                $"{loaded.Errors.Count} rule(s) failed to load: " + string.Join("; ", loaded.Errors.Take(5).Select(e => e.ToString())));
        }

        Detector = new Detector(loaded.Rules);
        Correlations = loaded.Correlations;
        var all = new Dictionary<string, RuleMetadata>(StringComparer.Ordinal);
        foreach (var rule in loaded.Rules)
        {
            all.TryAdd(rule.Id, rule);
        }

        foreach (var rule in loaded.Correlations)
        {
            all.TryAdd(rule.Id, rule);
        }

        _byId = all.ToFrozenDictionary(StringComparer.Ordinal);
        _statePath = Path.Combine(Path.GetFullPath(storage.Value.DataDirectory), StateFile);
        _disabled = ReadState(_statePath);
    }

    /// <summary>The single-event rules, shared by every detection session.</summary>
    public Detector Detector { get; }

    /// <summary>The correlation rules.</summary>
    public IReadOnlyList<CorrelationRule> Correlations { get; }

    /// <summary>Every rule, single-event and correlation, with whether it is on.</summary>
    public IReadOnlyList<RuleInfo> List()
    {
        var disabled = Volatile.Read(ref _disabled);
        return [.. _byId.Values.OrderBy(r => r.Title, StringComparer.OrdinalIgnoreCase).Select(r => new RuleInfo(
            r.Id, r.Title, r.Name, r.Level, r is CorrelationRule ? "correlation" : "single", r.Author, r.Tags,
            (r as SigmaRule)?.Logsource.ToString(), !disabled.Contains(r.Id)))];
    }

    /// <summary>Whether a rule with this id is loaded.</summary>
    public bool Exists(string ruleId) => _byId.ContainsKey(ruleId);

    /// <summary>Whether the rule's matches and alerts count; unknown ids count as on.</summary>
    public bool IsEnabled(string ruleId) => !Volatile.Read(ref _disabled).Contains(ruleId);

    /// <summary>Turns a rule on or off and saves the choice; returns false when nothing changed.</summary>
    public bool SetEnabled(string ruleId, bool enabled)
    {
        lock (_gate)
        {
            var disabled = new HashSet<string>(_disabled, StringComparer.Ordinal);
            var changed = enabled ? disabled.Remove(ruleId) : disabled.Add(ruleId);
            if (!changed)
            {
                return false;
            }

            var temp = _statePath + ".tmp";
            Directory.CreateDirectory(Path.GetDirectoryName(_statePath)!);
            File.WriteAllText(temp, JsonSerializer.Serialize(disabled.Order(StringComparer.Ordinal).ToList()));
            File.Move(temp, _statePath, overwrite: true);
            Volatile.Write(ref _disabled, disabled.ToFrozenSet(StringComparer.Ordinal));
            return true;
        }
    }

    /// <summary>Removes from <paramref name="matches"/> the rules that are turned off.</summary>
    public void DropDisabled(List<SigmaRule> matches)
    {
        var disabled = Volatile.Read(ref _disabled);
        if (disabled.Count == 0)
        {
            return;
        }

        for (var i = matches.Count - 1; i >= 0; i--)
        {
            if (disabled.Contains(matches[i].Id))
            {
                matches.RemoveAt(i);
            }
        }
    }

    private static FrozenSet<string> ReadState(string path)
    {
        if (!File.Exists(path))
        {
            return FrozenSet<string>.Empty;
        }

        try
        {
            var ids = JsonSerializer.Deserialize<List<string>>(File.ReadAllText(path)) ?? [];
            return ids.ToFrozenSet(StringComparer.Ordinal);
        }
        catch (JsonException ex)
        {
            throw new ServerConfigurationException($"{path}: not a list of rule ids ({ex.Message}); fix or delete it");
        }
    }
}
