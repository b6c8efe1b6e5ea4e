using Haris.Core.Alerts;
using Haris.Core.Events;
using Haris.Detection.Sigma;

namespace Haris.Detection;

/// <summary>Turns a rule match into an alert; this is where event text first becomes strings.</summary>
public static class AlertFactory
{
    /// <summary>Builds the alert for <paramref name="rule"/> matching <paramref name="evt"/>.</summary>
    public static Alert Create(SigmaRule rule, LogEvent evt) => new()
    {
        Id = Alert.MakeId(rule.Id, evt.SourceName, evt.LineNumber),
        RuleId = rule.Id,
        RuleTitle = rule.Title,
        RuleName = rule.Name,
        RuleAuthor = rule.Author,
        Level = rule.Level,
        Timestamp = evt.Timestamp,
        Tags = rule.Tags,
        SourceFile = evt.SourceName,
        SourceLine = evt.LineNumber,
        Fields = evt.Snapshot(),
    };
}
