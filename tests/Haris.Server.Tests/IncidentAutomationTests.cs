using System.ComponentModel.DataAnnotations;
using Haris.Core.Alerts;
using Haris.Core.Incidents;
using Haris.Server.Pipeline;
using Haris.Storage;
using Haris.Storage.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Haris.Server.Tests;

public sealed class IncidentAutomationTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string CriticalRule = "automation:critical-alert";
    private const string BurstRule = "automation:high-alert-burst";

    private static long s_line;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private AlertIntake Intake => server.App.Services.GetRequiredService<AlertIntake>();

    [Fact]
    public async Task Automation_CriticalAlert_OpensIncident()
    {
        var rule = TestData.Unique("rule");
        var alert = TestData.Alert(rule, AlertLevel.Critical, DateTimeOffset.UtcNow, "198.51.100.20", NextLine());

        await Intake.StoreAsync([alert], "stadium-north", "web", Cancel);

        var incident = Assert.Single(await IncidentsHoldingAsync(alert.Id));
        Assert.Equal(CriticalRule, incident.CreatedBy);
        Assert.Equal(IncidentSeverity.Critical, incident.Severity);
        Assert.Equal("stadium-north", incident.Venue);
        Assert.Equal($"Rule {rule} from 198.51.100.20", incident.Title);
        var created = Assert.Single(incident.Timeline);
        Assert.Equal(TimelineEntryKind.Created, created.Kind);
        Assert.Equal(CriticalRule, created.Actor);
        Assert.Equal(incident.Id, await StoredIncidentIdAsync(alert.Id));
    }

    [Fact]
    public async Task Automation_CriticalAlertOfTheSameRuleAndGroup_JoinsTheOpenIncident()
    {
        var rule = TestData.Unique("rule");
        var at = DateTimeOffset.UtcNow;
        var first = TestData.Alert(rule, AlertLevel.Critical, at, "198.51.100.21", NextLine());

        // Later than the suppression window, so it is stored as an alert of its own rather than counted into the first.
        var second = TestData.Alert(rule, AlertLevel.Critical, at.AddMinutes(11), "198.51.100.21", NextLine());
        await Intake.StoreAsync([first], null, "web", Cancel);

        await Intake.StoreAsync([second], null, "web", Cancel);

        var incident = Assert.Single(await IncidentsHoldingAsync(first.Id));
        Assert.Equal(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal), incident.AlertLinks.Select(l => l.AlertId).Order(StringComparer.Ordinal));
        Assert.Contains(incident.Timeline, e => e.Kind == TimelineEntryKind.AlertLinked && e.Actor == CriticalRule);
    }

    [Fact]
    public async Task Automation_TenHighAlertsOnOneTarget_OpenOneIncident()
    {
        const string Address = "203.0.113.40";
        var at = DateTimeOffset.UtcNow;
        var burst = Enumerable.Range(0, 10).Select(i => TestData.Alert(TestData.Unique("rule"), AlertLevel.High, at.AddSeconds(i), Address, NextLine())).ToList();
        var more = Enumerable.Range(0, 2).Select(i => TestData.Alert(TestData.Unique("rule"), AlertLevel.High, at.AddSeconds(20 + i), Address, NextLine())).ToList();

        await Intake.StoreAsync(burst, null, "web", Cancel);
        await Intake.StoreAsync(more, null, "web", Cancel);

        var incident = Assert.Single(await IncidentsOnAddressAsync(Address));
        Assert.Equal(BurstRule, incident.CreatedBy);
        Assert.Equal(IncidentSeverity.High, incident.Severity);
        Assert.Equal("10 alerts of level high or above from 203.0.113.40 within 5 minutes", incident.Title);
        Assert.Equal(12, incident.AlertLinks.Count);
        Assert.Equal(Address, Assert.Single(incident.Observables).Value);
    }

    [Fact]
    public async Task Automation_NineHighAlertsOnOneTarget_OpenNothing()
    {
        const string Address = "203.0.113.41";
        var at = DateTimeOffset.UtcNow;
        var alerts = Enumerable.Range(0, 9).Select(i => TestData.Alert(TestData.Unique("rule"), AlertLevel.High, at.AddSeconds(i), Address, NextLine())).ToList();

        await Intake.StoreAsync(alerts, null, "web", Cancel);

        Assert.Empty(await IncidentsOnAddressAsync(Address));
    }

    [Fact]
    public async Task Automation_AlertsOutsideTheWindow_DoNotAddUp()
    {
        const string Address = "203.0.113.42";
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        var early = Enumerable.Range(0, 5).Select(i => TestData.Alert(TestData.Unique("rule"), AlertLevel.High, at.AddSeconds(i), Address, NextLine())).ToList();
        var late = Enumerable.Range(0, 5).Select(i => TestData.Alert(TestData.Unique("rule"), AlertLevel.High, at.AddMinutes(6).AddSeconds(i), Address, NextLine())).ToList();

        await Intake.StoreAsync(early, null, "web", Cancel);
        await Intake.StoreAsync(late, null, "web", Cancel);

        Assert.Empty(await IncidentsOnAddressAsync(Address));
    }

    [Fact]
    public async Task Automation_CountsAlertsStoredBeforeARestartFromTheDatabase()
    {
        const string Address = "203.0.113.43";
        var at = DateTimeOffset.UtcNow;

        // Stored without the intake, as if before a restart: nothing in memory knows about them.
        var before = Enumerable.Range(0, 7).Select(i => TestData.StoredAlert(TestData.Unique("rule"), AlertLevel.High, at.AddSeconds(i), Address)).ToList();
        await server.App.Services.GetRequiredService<AlertStore>().AddAsync(before, Cancel);
        var after = Enumerable.Range(0, 3).Select(i => TestData.Alert(TestData.Unique("rule"), AlertLevel.High, at.AddSeconds(10 + i), Address, NextLine())).ToList();

        await Intake.StoreAsync(after, null, "web", Cancel);

        var incident = Assert.Single(await IncidentsOnAddressAsync(Address));
        Assert.Equal(10, incident.AlertLinks.Count);
    }

    [Fact]
    public async Task Automation_RepeatsCountedIntoOneStoredAlert_ReachTheThreshold()
    {
        const string Address = "203.0.113.44";
        var rule = TestData.Unique("rule");
        var at = DateTimeOffset.UtcNow;
        var opened = new TaskCompletionSource<LiveUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = server.App.Services.GetRequiredService<LiveFeed>().Subscribe(u =>
        {
            if (u.Kind == IncidentJournal.LiveKind)
            {
                opened.TrySetResult(u);
            }
        });

        // One rule from one address: the first alert is stored, the nine after it are counted into it.
        for (var i = 0; i < 10; i++)
        {
            await Intake.StoreAsync([TestData.Alert(rule, AlertLevel.High, at.AddSeconds(i), Address, NextLine())], null, "web", Cancel);
        }

        await opened.Task.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        var incident = Assert.Single(await IncidentsOnAddressAsync(Address));
        Assert.Equal(BurstRule, incident.CreatedBy);
        Assert.Single(incident.AlertLinks);
    }

    [Theory]
    // Each rule says what it counts on; a misspelt target would otherwise quietly count on something else.
    [InlineData("Target", "sourceip-ish", "Target must be one of rule_group, source_ip, venue, rule")]
    [InlineData("Threshold", "0", "Threshold must be 1 to")]
    [InlineData("Category", "riot", "Category must be one of web_attack")]
    public void Options_InvalidRule_IsRefusedNamingTheKey(string key, string value, string expected)
    {
        var rule = new IncidentAutomationRule { Name = "r" };
        switch (key)
        {
            case "Target":
                rule.Target = value;
                break;
            case "Threshold":
                rule.Threshold = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                break;
            default:
                rule.Category = value;
                break;
        }

        var options = new IncidentAutomationOptions { Rules = [rule] };

        var errors = options.Validate(new ValidationContext(options)).Select(e => e.ErrorMessage).ToList();

        Assert.Contains(errors, e => e!.StartsWith("Incidents:Automation:Rules:0:" + expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Options_NoneConfigured_UseTheDefaults()
    {
        var rules = new IncidentAutomationOptions().ActiveRules();

        Assert.Equal(["critical-alert", "high-alert-burst"], rules.Select(r => r.Name));
        Assert.Equal(10, rules[1].Threshold);
        Assert.Equal(TimeSpan.FromMinutes(5), rules[1].Window);
    }

    [Fact]
    public void Options_FromConfiguration_BindAsDocumented()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Incidents:Automation:Rules:0:Name"] = "gate-flood",
            ["Incidents:Automation:Rules:0:MinLevel"] = "medium",
            ["Incidents:Automation:Rules:0:Threshold"] = "50",
            ["Incidents:Automation:Rules:0:Window"] = "00:02:00",
            ["Incidents:Automation:Rules:0:Target"] = "venue",
            ["Incidents:Automation:Rules:0:Category"] = "ticketing_fraud",
        }).Build();
        var options = configuration.GetSection(IncidentAutomationOptions.SectionName).Get<IncidentAutomationOptions>()!;

        var rule = Assert.Single(options.ActiveRules());

        Assert.Empty(options.Validate(new ValidationContext(options)));
        Assert.Equal(AlertLevel.Medium, rule.MinLevel);
        Assert.Equal(TimeSpan.FromMinutes(2), rule.Window);
        Assert.Equal(50, rule.Threshold);
        Assert.Equal("automation:gate-flood", rule.Actor);
    }

    private static long NextLine() => Interlocked.Increment(ref s_line);

    private async Task<List<Storage.Incidents.Incident>> IncidentsHoldingAsync(string alertId)
    {
        await using var db = await Contexts().CreateDbContextAsync(Cancel);
        return await db.Incidents.AsNoTracking().Include(i => i.Timeline).Include(i => i.AlertLinks).AsSplitQuery()
            .Where(i => i.AlertLinks.Any(l => l.AlertId == alertId)).ToListAsync(Cancel);
    }

    private async Task<List<Storage.Incidents.Incident>> IncidentsOnAddressAsync(string address)
    {
        await using var db = await Contexts().CreateDbContextAsync(Cancel);
        return await db.Incidents.AsNoTracking().Include(i => i.AlertLinks).Include(i => i.Observables).AsSplitQuery()
            .Where(i => i.Observables.Any(o => o.Kind == ObservableKind.Ip && o.Value == address)).ToListAsync(Cancel);
    }

    private async Task<long?> StoredIncidentIdAsync(string alertId)
    {
        await using var db = await Contexts().CreateDbContextAsync(Cancel);
        return await db.Alerts.Where(a => a.Id == alertId).Select(a => a.IncidentId).SingleAsync(Cancel);
    }

    private IDbContextFactory<HarisDbContext> Contexts() => server.App.Services.GetRequiredService<IDbContextFactory<HarisDbContext>>();
}
