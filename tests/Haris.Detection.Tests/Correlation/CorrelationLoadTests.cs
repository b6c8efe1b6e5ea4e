using Haris.Detection.Sigma;
using static Haris.Detection.Tests.Correlation.CorrelationHarness;

namespace Haris.Detection.Tests.Correlation;

public sealed class CorrelationLoadTests
{
    [Theory]
    [InlineData("    type: event_count\n    rules: [nowhere]\n    timespan: 1m\n    condition: {gte: 2}", "refers to 'nowhere'")]
    [InlineData("    type: event_sum\n    rules: [failed_login]\n    timespan: 1m\n    condition: {gte: 2}", "unknown correlation type 'event_sum'")]
    [InlineData("    type: value_percentile\n    rules: [failed_login]\n    timespan: 1m\n    condition: {gte: 2, field: x}", "not evaluated")]
    [InlineData("    type: event_count\n    rules: [failed_login]\n    timespan: 5 minutes\n    condition: {gte: 2}", "timespan '5 minutes'")]
    [InlineData("    type: event_count\n    rules: [failed_login]\n    condition: {gte: 2}", "no timespan")]
    [InlineData("    type: event_count\n    rules: [failed_login]\n    timespan: 1m", "no condition")]
    [InlineData("    type: event_count\n    rules: [failed_login]\n    timespan: 1m\n    condition: {more: 2}", "unknown condition operator 'more'")]
    [InlineData("    type: event_count\n    rules: [failed_login]\n    timespan: 1m\n    condition: {gte: many}", "must be a number")]
    [InlineData("    type: value_count\n    rules: [failed_login]\n    timespan: 1m\n    condition: {gte: 2}", "needs condition.field")]
    [InlineData("    type: temporal\n    rules: [failed_login, login_ok]\n    group-by: [who]\n    timespan: 1m\n    aliases:\n        who:\n            failed_login: user.name", "alias 'who' gives no field for the rule 'login_ok'")]
    [InlineData("    type: event_count\n    timespan: 1m\n    condition: {gte: 2}", "lists no rules")]
    public void InvalidCorrelations_AreLoadErrorsWithAReason(string body, string reason)
    {
        var result = SigmaRuleLoader.LoadText(BaseRules + "---\n" + CorrelationDoc("Broken", body), "rules.yml");

        var error = Assert.Single(result.Errors);
        Assert.Contains(reason, error.Reason);
        Assert.Equal("Broken", error.Title);
        Assert.Empty(result.Correlations);
        Assert.Equal(3, result.Rules.Count);
    }

    [Fact]
    public void Cycles_AreLoadErrors()
    {
        var result = SigmaRuleLoader.LoadText(
            CorrelationDoc("Ping", "    type: event_count\n    rules: [pong]\n    timespan: 1m\n    condition: {gte: 2}") + "---\n" +
            CorrelationDoc("Pong", "    type: event_count\n    rules: [ping]\n    timespan: 1m\n    condition: {gte: 2}"),
            "cycle.yml");

        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Contains("cycle", e.Reason));
    }

    [Fact]
    public void References_ResolveAcrossCombinedLoads()
    {
        var bases = SigmaRuleLoader.LoadText(BaseRules, "base.yml");
        var correlations = SigmaRuleLoader.LoadText(
            CorrelationDoc("Elsewhere", "    type: event_count\n    rules: [failed_login]\n    timespan: 1m\n    condition: {gte: 2}"), "corr.yml");

        // Alone, the correlation cannot find its rule; together they load cleanly.
        Assert.Contains("refers to 'failed_login'", Assert.Single(correlations.Errors).Reason);
        var combined = RuleLoadResult.Combine(bases, correlations);
        Assert.Empty(combined.Errors);
        Assert.Equal("Failed login", Assert.Single(Assert.Single(combined.Correlations).Rules).Title);
    }
}
