using System.Text.Json;
using Haris.Core.Security;
using Haris.Server.Operations.Field;
using Haris.Server.Pipeline;
using Haris.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static Haris.Server.Tests.Field.FieldRequests;

namespace Haris.Server.Tests.Field;

// Whether an incident was escalated is read once another one, due at the same check or earlier, has been: a check that
// escalated the one that was due has looked at the other too, so "not escalated" is proven without waiting on a clock.
public sealed class EscalationTests(FieldServerFixture server) : IClassFixture<FieldServerFixture>
{
    private static readonly TimeSpan s_limit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task CriticalIncident_UnacknowledgedFor1m59_IsNot_AndAt2m_IsEscalatedOnceBySystem()
    {
        using var steward = server.ClientFor(Roles.Steward);
        using var commander = server.ClientFor(Roles.Commander);
        var control = await ReportAsync(steward, "fire", "critical");
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        var target = await ReportAsync(steward, "fire", "critical");
        var reported = server.Clock.GetUtcNow();

        server.Clock.Advance(s_limit - TimeSpan.FromSeconds(1));
        await PollAsync(commander, control, IsEscalated);
        var at1m59 = await IncidentAsync(commander, target);
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        var at2m = await PollAsync(commander, target, IsEscalated);

        Assert.False(IsEscalated(at1m59));
        Assert.Empty(Lines(at1m59, "escalated"));
        Assert.Equal(reported + s_limit, at2m.GetProperty("incident").GetProperty("escalated_at").GetDateTimeOffset());
        var line = Assert.Single(Lines(at2m, "escalated"));
        Assert.Equal("system", line.GetProperty("actor").GetString());
        Assert.Equal(reported + s_limit, line.GetProperty("at").GetDateTimeOffset());
        Assert.Equal("reported", at2m.GetProperty("incident").GetProperty("status").GetString());

        // Later checks (made for another incident falling due) leave it as it is.
        var later = await ReportAsync(steward, "fire", "critical");
        server.Clock.Advance(s_limit);
        await PollAsync(commander, later, IsEscalated);
        var (_, escalated) = await commander.GetJsonAsync("/api/v1/incidents?escalated=true&page_size=500");
        var (_, notEscalated) = await commander.GetJsonAsync("/api/v1/incidents?escalated=false&page_size=500");

        Assert.Single(Lines(await IncidentAsync(commander, target), "escalated"));
        Assert.Contains(target, Ids(escalated));
        Assert.DoesNotContain(target, Ids(notEscalated));
    }

    [Fact]
    public async Task CriticalIncident_AcknowledgedAfterOneMinute_IsNeverEscalated()
    {
        using var steward = server.ClientFor(Roles.Steward);
        using var op = server.ClientFor(Roles.Operator);
        var acknowledged = await ReportAsync(steward, "pitch_invasion", "critical");
        var control = await ReportAsync(steward, "pitch_invasion", "critical");

        server.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(200, (await op.PostJsonAsync($"/api/v1/incidents/{acknowledged}/acknowledge", null)).Status);
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        await PollAsync(op, control, IsEscalated);
        server.Clock.Advance(TimeSpan.FromMinutes(10));
        var lateControl = await ReportAsync(steward, "pitch_invasion", "critical");
        server.Clock.Advance(s_limit);
        await PollAsync(op, lateControl, IsEscalated);

        var incident = await IncidentAsync(op, acknowledged);
        Assert.False(IsEscalated(incident));
        Assert.Empty(Lines(incident, "escalated"));
    }

    [Theory]
    // Only critical incidents are escalated.
    [InlineData("high")]
    [InlineData("low")]
    public async Task NonCriticalIncident_UnacknowledgedPastTheLimit_IsNotEscalated(string severity)
    {
        using var op = server.ClientFor(Roles.Operator);
        var quiet = await ReportAsync(op, "fight", severity);
        var control = await ReportAsync(op, "fight", "critical");

        server.Clock.Advance(s_limit);
        await PollAsync(op, control, IsEscalated);

        Assert.False(IsEscalated(await IncidentAsync(op, quiet)));
    }

    private static List<long> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64())];
}

// Its own server: the test stops the escalation service that server runs.
public sealed class EscalationStartupTests(FieldServerFixture server) : IClassFixture<FieldServerFixture>
{
    [Fact]
    public async Task Start_EscalatesWhatFellDueWhileTheServiceWasDown()
    {
        using var steward = server.ClientFor(Roles.Steward);
        var running = server.App.Services.GetRequiredService<IncidentEscalation>();
        await running.StopAsync(TestContext.Current.CancellationToken);
        var id = await ReportAsync(steward, "crowd_pressure", "critical");
        server.Clock.Advance(TimeSpan.FromMinutes(5));
        var restartedAt = server.Clock.GetUtcNow();
        Assert.False(IsEscalated(await IncidentAsync(steward, id)));

        var services = server.App.Services;
        using var restarted = new IncidentEscalation(
            services.GetRequiredService<IDbContextFactory<HarisDbContext>>(),
            services.GetRequiredService<IncidentJournal>(),
            services.GetRequiredService<LiveFeed>(),
            services.GetRequiredService<IOptions<EscalationOptions>>(),
            server.Clock,
            services.GetRequiredService<ILogger<IncidentEscalation>>());
        await restarted.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var incident = await PollAsync(steward, id, IsEscalated);

            Assert.Equal(restartedAt, incident.GetProperty("incident").GetProperty("escalated_at").GetDateTimeOffset());
            Assert.Equal(TimeSpan.FromMinutes(2), restarted.AcknowledgeWithin);
        }
        finally
        {
            await restarted.StopAsync(TestContext.Current.CancellationToken);
        }
    }
}
