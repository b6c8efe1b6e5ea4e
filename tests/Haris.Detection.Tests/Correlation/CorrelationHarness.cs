using Haris.Core.Alerts;
using Haris.Core.Events;
using Haris.Detection.Sigma;

namespace Haris.Detection.Tests.Correlation;

/// <summary>Loads base rules plus correlations from YAML and feeds hand-made events through a detection session.</summary>
internal sealed class CorrelationHarness
{
    /// <summary>Base rules every test can refer to: <c>failed_login</c>, <c>login_ok</c>, <c>any_request</c>.</summary>
    public const string BaseRules = """
        title: Failed login
        id: 10000000-0000-4000-8000-000000000001
        name: failed_login
        author: Tester
        logsource: {product: test}
        detection:
            sel:
                outcome: failure
            condition: sel
        level: low
        ---
        title: Successful login
        id: 10000000-0000-4000-8000-000000000002
        name: login_ok
        author: Tester
        logsource: {product: test}
        detection:
            sel:
                outcome: success
            condition: sel
        level: informational
        ---
        title: Any request
        name: any_request
        logsource: {product: test}
        detection:
            sel:
                kind: request
            condition: sel

        """;

    /// <summary>An <c>event_count</c> body: five failed logins from one source within a minute.</summary>
    public const string BruteForce = """
            type: event_count
            rules: [failed_login]
            group-by: [source.ip]
            timespan: 1m
            condition:
                gte: 5
        """;

    private static readonly DateTimeOffset s_start = new(2026, 6, 11, 15, 0, 0, TimeSpan.Zero);

    private readonly DetectionSession _session;
    private long _line;

    public CorrelationHarness(string correlations)
    {
        Load = SigmaRuleLoader.LoadText(BaseRules + "---\n" + correlations, "rules.yml");
        Assert.True(Load.Errors.Count == 0, string.Join("; ", Load.Errors));
        _session = new DetectionSession(new Detector(Load.Rules), Load.Correlations);
    }

    public RuleLoadResult Load { get; }

    public DetectionSession Session => _session;

    public List<Alert> Alerts { get; } = [];

    /// <summary>The source name the next events are read from.</summary>
    public string Source { get; set; } = "test.log";

    /// <summary>Feeds one event <paramref name="seconds"/> after the start; null seconds means the event has no time.</summary>
    public void Feed(double? seconds, params (string Field, string? Value)[] fields)
    {
        var evt = new LogEvent
        {
            SourceName = Source,
            LineNumber = ++_line,
            Timestamp = seconds is { } s ? s_start.AddSeconds(s) : null,
            Logsource = new Logsource(null, "test", null),
        };
        foreach (var (field, value) in fields)
        {
            evt.Add(FieldRegistry.GetOrAdd(field), value ?? string.Empty, value is null ? FieldValueKind.Null : FieldValueKind.String);
        }

        _session.Process(evt, Alerts);
    }

    public void Complete() => _session.Complete(Alerts);

    public List<Alert> Of(string ruleTitle) => [.. Alerts.Where(a => a.RuleTitle == ruleTitle)];

    public static DateTimeOffset At(double seconds) => s_start.AddSeconds(seconds);

    public static string CorrelationDoc(string title, string body, string level = "high") => $"""
        title: {title}
        id: 20000000-0000-4000-8000-{Math.Abs(title.GetHashCode(StringComparison.Ordinal)) % 1_000_000_000_000:D12}
        name: {title.ToLowerInvariant().Replace(' ', '_')}
        author: Tester
        correlation:
        {body}
        level: {level}

        """;
}
