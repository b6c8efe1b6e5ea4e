using System.ComponentModel.DataAnnotations;
using Haris.Core.Alerts;
using Haris.Core.Incidents;
using Haris.Server.Api;

namespace Haris.Server.Pipeline;

/// <summary>What an automatic incident rule counts alerts on.</summary>
public enum AutomationTarget
{
    /// <summary>The alert's rule and group (the correlation's group-by values, or its source address).</summary>
    RuleGroup,

    /// <summary>The alert's source address, or its venue when it has none.</summary>
    SourceIp,

    /// <summary>The alert's venue.</summary>
    Venue,

    /// <summary>The alert's rule, whatever the source.</summary>
    Rule,
}

/// <summary>One automatic incident rule: enough alerts of a level on one target within a window open an incident.</summary>
public sealed class IncidentAutomationRule
{
    /// <summary>The rule's name; the incidents it opens are created by <c>automation:&lt;name&gt;</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The lowest alert level counted.</summary>
    public AlertLevel MinLevel { get; set; } = AlertLevel.High;

    /// <summary>How many alerts (each counted as its <c>count</c>) within <see cref="Window"/> open an incident.</summary>
    public long Threshold { get; set; } = 1;

    /// <summary>How far back from the newest alert on the target alerts are counted.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>What alerts are counted on: <c>rule_group</c>, <c>source_ip</c>, <c>venue</c> or <c>rule</c>.</summary>
    public string Target { get; set; } = "rule_group";

    /// <summary>The category of the incidents opened (API spelling, <c>web_attack</c>); default <c>other_cyber</c>.</summary>
    public string? Category { get; set; }

    /// <summary>The severity of the incidents opened; default the highest level among the alerts that opened it.</summary>
    public string? Severity { get; set; }

    /// <summary>The actor written on what the rule does.</summary>
    public string Actor => "automation:" + Name;

    internal AutomationTarget TargetKind => EnumText.TryParse<AutomationTarget>(Target, out var target) ? target : AutomationTarget.RuleGroup;

    internal IncidentCategory CategoryValue => EnumText.TryParse<IncidentCategory>(Category, out var category) ? category : IncidentCategory.OtherCyber;

    internal IncidentSeverity? SeverityValue => EnumText.TryParse<IncidentSeverity>(Severity, out var severity) ? severity : null;
}

/// <summary>The <c>Incidents:Automation</c> section of <c>haris.yaml</c>: the rules that open incidents from alerts without a person.</summary>
public sealed class IncidentAutomationOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Incidents:Automation";

    /// <summary>The longest rule name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Whether automatic rules run at all (default on).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The rules; when none are configured, <see cref="DefaultRules"/> apply.</summary>
    public List<IncidentAutomationRule> Rules { get; set; } = [];

    /// <summary>
    /// The rules that apply when none are configured: every critical alert opens an incident (or joins the open one
    /// holding an alert of the same rule and group), and 10 high-or-above alerts on one source address (or venue)
    /// within 5 minutes open one.
    /// </summary>
    public static IReadOnlyList<IncidentAutomationRule> DefaultRules() =>
    [
        new() { Name = "critical-alert", MinLevel = AlertLevel.Critical, Threshold = 1, Window = TimeSpan.FromMinutes(5), Target = "rule_group" },
        new() { Name = "high-alert-burst", MinLevel = AlertLevel.High, Threshold = 10, Window = TimeSpan.FromMinutes(5), Target = "source_ip" },
    ];

    /// <summary>The rules in force: those configured, or the defaults.</summary>
    public IReadOnlyList<IncidentAutomationRule> ActiveRules() => Rules.Count > 0 ? Rules : DefaultRules();

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Rules.Count; i++)
        {
            var rule = Rules[i];
            var at = $"{SectionName}:Rules:{i}";
            if (string.IsNullOrWhiteSpace(rule.Name) || rule.Name.Length > MaxNameLength || rule.Name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                yield return new ValidationResult($"{at}:Name is required: 1 to {MaxNameLength} characters without spaces");
            }
            else if (!names.Add(rule.Name))
            {
                yield return new ValidationResult($"{at}:Name '{rule.Name}' is used by another rule");
            }

            if (!Enum.IsDefined(rule.MinLevel))
            {
                yield return new ValidationResult($"{at}:MinLevel must be one of {EnumText.Names<AlertLevel>()}");
            }

            if (rule.Threshold is < 1 or > 1_000_000_000)
            {
                yield return new ValidationResult($"{at}:Threshold must be 1 to 1000000000");
            }

            if (rule.Window < TimeSpan.FromSeconds(1) || rule.Window > TimeSpan.FromDays(1))
            {
                yield return new ValidationResult($"{at}:Window must be 1 second to 1 day");
            }

            if (!EnumText.TryParse<AutomationTarget>(rule.Target, out _))
            {
                yield return new ValidationResult($"{at}:Target must be one of {EnumText.Names<AutomationTarget>()}");
            }

            if (rule.Category is not null && !EnumText.TryParse<IncidentCategory>(rule.Category, out _))
            {
                yield return new ValidationResult($"{at}:Category must be one of {EnumText.Names<IncidentCategory>()}");
            }

            if (rule.Severity is not null && !EnumText.TryParse<IncidentSeverity>(rule.Severity, out _))
            {
                yield return new ValidationResult($"{at}:Severity must be one of {EnumText.Names<IncidentSeverity>()}");
            }
        }
    }
}
