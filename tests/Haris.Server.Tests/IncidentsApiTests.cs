using System.Text.Json;
using Haris.Core.Alerts;
using Haris.Core.Security;
using Haris.Server.Pipeline;
using Haris.Storage;
using Haris.Storage.Alerts;
using Haris.Storage.ApiKeys;
using Haris.Storage.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haris.Server.Tests;

public sealed class IncidentsApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_FieldIncidentByASteward_StartsReportedWithACreatedLineAndAnAuditEntry()
    {
        using var steward = server.ClientFor(Roles.Steward);
        var venue = TestData.Unique("venue");

        var (status, body) = await steward.PostJsonAsync("/api/v1/incidents", new
        {
            title = "Crowd pressure at gate C",
            category = "crowd_pressure",
            severity = "high",
            venue,
            zone = "north",
            gate = "C",
            description = "queue past the barriers",
        });

        Assert.Equal(201, status);
        var incident = body.GetProperty("incident");
        Assert.Equal("reported", incident.GetProperty("status").GetString());
        Assert.Equal("crowd_pressure", incident.GetProperty("category").GetString());
        Assert.Equal("api-key:test-steward", incident.GetProperty("created_by").GetString());
        var created = Assert.Single(body.GetProperty("timeline").EnumerateArray());
        Assert.Equal("created", created.GetProperty("kind").GetString());
        Assert.Contains("acknowledged", body.GetProperty("next_statuses").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains(await AuditActionsAsync(incident.GetProperty("id").GetInt64()), a => a == "incident.create");
    }

    [Fact]
    public async Task Create_CyberCategoryByASteward_Is403()
    {
        using var steward = server.ClientFor(Roles.Steward);

        var (status, body) = await steward.PostJsonAsync("/api/v1/incidents", new { title = "DDoS", category = "ddos", venue = "stadium-a" });

        Assert.Equal(403, status);
        Assert.Contains("field incidents only", body.Detail(), StringComparison.Ordinal);
    }

    [Theory]
    // Nothing at all: the first thing missing is named.
    [InlineData("{}", "title")]
    [InlineData("{\"title\":\"ok\"}", "category")]
    // A member that does not exist is not taken as its number or a default.
    [InlineData("{\"title\":\"ok\",\"category\":\"nonsense\"}", "category")]
    // Categories are spelled in snake_case, as answers write them; a number is not a category.
    [InlineData("{\"title\":\"ok\",\"category\":\"3\"}", "category must be one of web_attack")]
    // A place longer than the column would be cut by some databases; it is refused instead.
    [InlineData("{\"title\":\"ok\",\"category\":\"fight\",\"gate\":\"" + "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789X" + "\"}", "gate")]
    public async Task Create_InvalidBody_Is400NamingTheField(string json, string named)
    {
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        using var response = await analyst.PostAsync("/api/v1/incidents", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(400, (int)response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains(named, text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Haris", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transition_ReportedToAcknowledged_AddsATransitionLineWithFromAndTo()
    {
        var id = await CreateAsync();
        using var operatorClient = server.ClientFor(Roles.Operator);

        var (status, body) = await operatorClient.PostJsonAsync($"/api/v1/incidents/{id}/transition", new { status = "acknowledged", note = "unit on the way" });

        Assert.Equal(200, status);
        Assert.Equal("acknowledged", body.GetProperty("incident").GetProperty("status").GetString());
        var line = body.GetProperty("timeline").EnumerateArray().Last();
        Assert.Equal("transition", line.GetProperty("kind").GetString());
        Assert.Equal("unit on the way", line.GetProperty("text").GetString());
        Assert.Equal("reported", line.GetProperty("data").GetProperty("from").GetString());
        Assert.Equal("acknowledged", line.GetProperty("data").GetProperty("to").GetString());
        Assert.Contains(await AuditActionsAsync(id), a => a == "incident.transition");
    }

    [Fact]
    public async Task Transition_ReportedToResolved_Is409NamingTheAllowedMoves()
    {
        var id = await CreateAsync();
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        var (status, body) = await analyst.PostJsonAsync($"/api/v1/incidents/{id}/transition", new { status = "resolved" });

        Assert.Equal(409, status);
        Assert.Equal($"incident {id} is reported and cannot move to resolved; from there it may move to acknowledged, closed", body.Detail());
    }

    [Fact]
    public async Task Transition_ClosedToReported_Is409()
    {
        var id = await CreateAsync();
        using var commander = server.ClientFor(Roles.Commander);
        Assert.Equal(200, (await commander.PostJsonAsync($"/api/v1/incidents/{id}/transition", new { status = "closed", note = "false alarm" })).Status);

        var (status, body) = await commander.PostJsonAsync($"/api/v1/incidents/{id}/transition", new { status = "reported" });

        Assert.Equal(409, status);
        Assert.Contains("closed incidents are final", body.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transition_ToClosed_SetsClosedAt()
    {
        var id = await CreateAsync();
        using var commander = server.ClientFor(Roles.Commander);

        var (_, body) = await commander.PostJsonAsync($"/api/v1/incidents/{id}/transition", new { status = "closed" });

        Assert.Equal(JsonValueKind.String, body.GetProperty("incident").GetProperty("closed_at").ValueKind);
        Assert.Empty(body.GetProperty("next_statuses").EnumerateArray());
    }

    [Fact]
    public async Task Assign_ExistingUserThenNull_AssignsAndUnassignsWithTimelineLines()
    {
        var id = await CreateAsync();
        using var commander = server.ClientFor(Roles.Commander);

        var (assigned, body) = await commander.PostJsonAsync($"/api/v1/incidents/{id}/assign", new { assignee = ServerFixture.UserFor(Roles.Operator) });
        var (unassigned, after) = await commander.PostJsonAsync($"/api/v1/incidents/{id}/assign", new { assignee = (string?)null });

        Assert.Equal(200, assigned);
        Assert.Equal(ServerFixture.UserFor(Roles.Operator), body.GetProperty("incident").GetProperty("assignee").GetString());
        Assert.Equal(200, unassigned);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("incident").GetProperty("assignee").ValueKind);
        Assert.Equal(2, after.GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "assignment"));
    }

    [Fact]
    public async Task Assign_UnknownUser_Is400NamingIt()
    {
        var id = await CreateAsync();
        using var commander = server.ClientFor(Roles.Commander);

        var (status, body) = await commander.PostJsonAsync($"/api/v1/incidents/{id}/assign", new { assignee = "nobody-here" });

        Assert.Equal(400, status);
        Assert.Equal("no user 'nobody-here' to assign to", body.Detail());
    }

    [Fact]
    public async Task Comment_MarkupIsKeptAsPlainText()
    {
        var id = await CreateAsync();
        using var steward = await server.SignedInClientFor(Roles.Steward);
        const string Text = "<script>alert(1)</script> & <b>bold</b>";

        var (status, body) = await steward.PostJsonAsync($"/api/v1/incidents/{id}/comments", new { text = Text });

        Assert.Equal(200, status);
        var line = body.GetProperty("timeline").EnumerateArray().Last();
        Assert.Equal("comment", line.GetProperty("kind").GetString());
        Assert.Equal(Text, line.GetProperty("text").GetString());
        Assert.Equal(ServerFixture.UserFor(Roles.Steward), line.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Comment_TooLong_Is400WithTheLimit()
    {
        var id = await CreateAsync();
        using var steward = server.ClientFor(Roles.Steward);

        var (status, body) = await steward.PostJsonAsync($"/api/v1/incidents/{id}/comments", new { text = new string('x', 4001) });

        Assert.Equal(400, status);
        Assert.Equal("text is required, at most 4000 characters (got 4001)", body.Detail());
    }

    [Fact]
    public async Task Promote_Alert_OpensIncidentLinkedToIt()
    {
        var alert = TestData.StoredAlert("rule-sqli", AlertLevel.High, DateTimeOffset.UtcNow, "203.0.113.7", ruleTitle: "SQL injection in query");
        await server.App.Services.GetRequiredService<AlertStore>().AddAsync([alert], Cancel);
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        var (status, body) = await analyst.PostJsonAsync($"/api/v1/alerts/{alert.Id}/promote", new { category = "web_attack" });

        Assert.Equal(201, status);
        var incident = body.GetProperty("incident");
        Assert.Equal("SQL injection in query", incident.GetProperty("title").GetString());
        Assert.Equal("high", incident.GetProperty("severity").GetString());
        Assert.Equal("web_attack", incident.GetProperty("category").GetString());
        Assert.Equal(alert.Id, Assert.Single(body.GetProperty("alerts").EnumerateArray()).GetProperty("id").GetString());
        var observable = Assert.Single(body.GetProperty("observables").EnumerateArray());
        Assert.Equal("ip", observable.GetProperty("kind").GetString());
        Assert.Equal("203.0.113.7", observable.GetProperty("value").GetString());
        var (_, stored) = await analyst.GetJsonAsync($"/api/v1/alerts/{alert.Id}");
        Assert.Equal(incident.GetProperty("id").GetInt64(), stored.GetProperty("alert").GetProperty("incident_id").GetInt64());
    }

    [Fact]
    public async Task Promote_AlertAlreadyInAnOpenIncident_Is409NamingIt()
    {
        var alert = TestData.StoredAlert("rule-scan", AlertLevel.Medium, DateTimeOffset.UtcNow);
        await server.App.Services.GetRequiredService<AlertStore>().AddAsync([alert], Cancel);
        using var analyst = server.ClientFor(Roles.CyberAnalyst);
        var (_, first) = await analyst.PostJsonAsync($"/api/v1/alerts/{alert.Id}/promote", new { });

        var (status, body) = await analyst.PostJsonAsync($"/api/v1/alerts/{alert.Id}/promote", new { });

        Assert.Equal(409, status);
        Assert.Contains($"open incident {first.GetProperty("incident").GetProperty("id").GetInt64()}", body.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinkAlerts_OneUnknownId_Is400NamingItAndLinksNothing()
    {
        var id = await CreateAsync();
        var alert = TestData.StoredAlert("rule-bot", AlertLevel.Low, DateTimeOffset.UtcNow);
        await server.App.Services.GetRequiredService<AlertStore>().AddAsync([alert], Cancel);
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        var (status, body) = await analyst.PostJsonAsync($"/api/v1/incidents/{id}/alerts", new { alert_ids = new[] { alert.Id, "no-such-alert" } });
        var (_, incident) = await analyst.GetJsonAsync($"/api/v1/incidents/{id}");

        Assert.Equal(400, status);
        Assert.Equal("no alert 'no-such-alert'; nothing was linked", body.Detail());
        Assert.Empty(incident.GetProperty("alerts").EnumerateArray());
    }

    [Fact]
    public async Task LinkAlerts_Known_LinksOnceWithOneTimelineLine()
    {
        var id = await CreateAsync();
        var alerts = new[] { TestData.StoredAlert("rule-bot", AlertLevel.Low, DateTimeOffset.UtcNow), TestData.StoredAlert("rule-bot", AlertLevel.Low, DateTimeOffset.UtcNow) };
        await server.App.Services.GetRequiredService<AlertStore>().AddAsync(alerts, Cancel);
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        await analyst.PostJsonAsync($"/api/v1/incidents/{id}/alerts", new { alert_ids = alerts.Select(a => a.Id) });
        var (status, body) = await analyst.PostJsonAsync($"/api/v1/incidents/{id}/alerts", new { alert_ids = alerts.Select(a => a.Id) });

        Assert.Equal(200, status);
        Assert.Equal(2, body.GetProperty("alerts").GetArrayLength());
        Assert.Single(body.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "alert_linked");
    }

    [Theory]
    // Spelled another way, one address is one observable: the IPv4-mapped form becomes the IPv4 address.
    [InlineData("ip", "::ffff:198.51.100.9", "198.51.100.9")]
    // Host bits of a block are cleared, so 10.1.2.3/8 and 10.0.0.0/8 are one block.
    [InlineData("cidr", "10.1.2.3/8", "10.0.0.0/8")]
    // Domains compare without case or the root dot.
    [InlineData("domain", "Tickets.Example.ORG.", "tickets.example.org")]
    [InlineData("hash", "D41D8CD98F00B204E9800998ECF8427E", "d41d8cd98f00b204e9800998ecf8427e")]
    public async Task Observable_IsStoredNormalised(string kind, string value, string normalised)
    {
        var id = await CreateAsync();
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        var (status, body) = await analyst.PostJsonAsync($"/api/v1/incidents/{id}/observables", new { kind, value, note = "seen in the logs" });

        Assert.Equal(200, status);
        Assert.Equal(normalised, Assert.Single(body.GetProperty("observables").EnumerateArray()).GetProperty("value").GetString());
    }

    [Theory]
    // The inet_aton short form reads as another address; refused rather than guessed.
    [InlineData("ip", "127.1")]
    [InlineData("cidr", "10.0.0.0/33")]
    [InlineData("hash", "abc")]
    public async Task Observable_BadValue_Is400NamingIt(string kind, string value)
    {
        var id = await CreateAsync();
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        var (status, body) = await analyst.PostJsonAsync($"/api/v1/incidents/{id}/observables", new { kind, value });

        Assert.Equal(400, status);
        Assert.Equal($"'{value}' is not a valid {kind} observable", body.Detail());
    }

    [Fact]
    public async Task Observable_SameValueTwice_Is409()
    {
        var id = await CreateAsync();
        using var analyst = server.ClientFor(Roles.CyberAnalyst);
        await analyst.PostJsonAsync($"/api/v1/incidents/{id}/observables", new { kind = "ip", value = "192.0.2.1" });

        var (status, body) = await analyst.PostJsonAsync($"/api/v1/incidents/{id}/observables", new { kind = "ip", value = "192.0.2.1" });

        Assert.Equal(409, status);
        Assert.Equal($"ip 192.0.2.1 is already recorded on incident {id}", body.Detail());
    }

    [Fact]
    public async Task Merge_ClosesTheSourceAndMovesItsAlertsAndObservables()
    {
        var source = await CreateAsync();
        var target = await CreateAsync();
        var alert = TestData.StoredAlert("rule-dup", AlertLevel.Medium, DateTimeOffset.UtcNow);
        await server.App.Services.GetRequiredService<AlertStore>().AddAsync([alert], Cancel);
        using var analyst = server.ClientFor(Roles.CyberAnalyst);
        await analyst.PostJsonAsync($"/api/v1/incidents/{source}/alerts", new { alert_ids = new[] { alert.Id } });
        await analyst.PostJsonAsync($"/api/v1/incidents/{source}/observables", new { kind = "ip", value = "192.0.2.50" });
        await analyst.PostJsonAsync($"/api/v1/incidents/{source}/observables", new { kind = "domain", value = "both.example" });
        await analyst.PostJsonAsync($"/api/v1/incidents/{target}/observables", new { kind = "domain", value = "both.example" });

        var (status, merged) = await analyst.PostJsonAsync($"/api/v1/incidents/{source}/merge", new { into = target });
        var (_, closed) = await analyst.GetJsonAsync($"/api/v1/incidents/{source}");

        Assert.Equal(200, status);
        Assert.Equal(target, merged.GetProperty("incident").GetProperty("id").GetInt64());
        Assert.Equal(alert.Id, Assert.Single(merged.GetProperty("alerts").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(["192.0.2.50", "both.example"], merged.GetProperty("observables").EnumerateArray().Select(o => o.GetProperty("value").GetString()).Order());
        Assert.Equal("merged", merged.GetProperty("timeline").EnumerateArray().Last().GetProperty("kind").GetString());
        Assert.Equal("closed", closed.GetProperty("incident").GetProperty("status").GetString());
        Assert.Equal(target, closed.GetProperty("incident").GetProperty("merged_into").GetInt64());
        Assert.Empty(closed.GetProperty("alerts").EnumerateArray());
        Assert.Empty(closed.GetProperty("observables").EnumerateArray());
        Assert.Equal("merged", closed.GetProperty("timeline").EnumerateArray().Last().GetProperty("kind").GetString());
        var (_, movedAlert) = await analyst.GetJsonAsync($"/api/v1/alerts/{alert.Id}");
        Assert.Equal(target, movedAlert.GetProperty("alert").GetProperty("incident_id").GetInt64());
    }

    [Fact]
    public async Task Merge_IntoItself_Is400()
    {
        var id = await CreateAsync();
        using var analyst = server.ClientFor(Roles.CyberAnalyst);

        var (status, _) = await analyst.PostJsonAsync($"/api/v1/incidents/{id}/merge", new { into = id });

        Assert.Equal(400, status);
    }

    [Fact]
    public async Task List_FiltersByVenueAndStatus_NewestFirst()
    {
        var venue = TestData.Unique("venue");
        var first = await CreateAsync(venue);
        var second = await CreateAsync(venue);
        var third = await CreateAsync(venue);
        using var commander = server.ClientFor(Roles.Commander);
        await commander.PostJsonAsync($"/api/v1/incidents/{second}/transition", new { status = "acknowledged" });
        await commander.PostJsonAsync($"/api/v1/incidents/{third}/transition", new { status = "acknowledged" });
        await commander.PostJsonAsync($"/api/v1/incidents/{third}/transition", new { status = "in_progress" });

        var (_, all) = await commander.GetJsonAsync($"/api/v1/incidents?venue={venue}&page_size=2");
        var (_, inProgress) = await commander.GetJsonAsync($"/api/v1/incidents?venue={venue}&status=in_progress");
        var (badStatus, problem) = await commander.GetJsonAsync($"/api/v1/incidents?status=done");

        Assert.Equal(3, all.GetProperty("total").GetInt32());
        Assert.Equal([third, second], all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(third, Assert.Single(inProgress.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(400, badStatus);
        Assert.StartsWith("status must be one of reported, acknowledged, in_progress", problem.Detail(), StringComparison.Ordinal);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task ScopedOperatorKey_CannotReadAnotherVenuesIncident()
    {
        var mine = TestData.Unique("venue");
        var theirs = TestData.Unique("venue");
        var other = await CreateAsync(theirs);
        var key = await server.App.Services.GetRequiredService<ApiKeyService>().CreateAsync(TestData.Unique("op"), Roles.Operator, mine, "test", Cancel);
        using var scoped = new HttpClient { BaseAddress = server.BaseAddress };
        scoped.DefaultRequestHeaders.Add("X-Api-Key", key.Plaintext);

        var (created, own) = await scoped.PostJsonAsync("/api/v1/incidents", new { title = "Fight in block 112", category = "fight" });
        var (read, _) = await scoped.GetJsonAsync($"/api/v1/incidents/{other}");
        var (moved, _) = await scoped.PostJsonAsync($"/api/v1/incidents/{other}/transition", new { status = "acknowledged" });
        var (_, list) = await scoped.GetJsonAsync("/api/v1/incidents");

        Assert.Equal(201, created);
        Assert.Equal(mine, own.GetProperty("incident").GetProperty("venue").GetString());
        Assert.Equal(404, read);
        Assert.Equal(404, moved);
        Assert.All(list.GetProperty("items").EnumerateArray(), i => Assert.Equal(mine, i.GetProperty("venue").GetString()));
    }

    [Fact]
    public async Task ScopedOperatorUser_CannotReadAnotherVenuesIncident()
    {
        var other = await CreateAsync(TestData.Unique("venue"));
        var name = TestData.Unique("scoped");
        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HarisUser>>();
            var user = new HarisUser { UserName = name };
            user.Venues.Add(new HarisUserVenue { UserId = user.Id, Venue = TestData.Unique("venue") });
            Assert.True((await users.CreateAsync(user, ServerFixture.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Operator)).Succeeded);
        }

        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = server.BaseAddress };
        Assert.Equal(200, (await client.PostJsonAsync("/api/v1/auth/login", new { user_name = name, password = ServerFixture.Password })).Status);

        var (status, _) = await client.GetJsonAsync($"/api/v1/incidents/{other}");

        Assert.Equal(404, status);
    }

    [Fact]
    public async Task Change_IsPublishedOnTheLiveFeed()
    {
        var id = await CreateAsync();
        var updates = new List<LiveUpdate>();
        using var subscription = server.App.Services.GetRequiredService<LiveFeed>().Subscribe(u =>
        {
            lock (updates)
            {
                updates.Add(u);
            }
        });
        using var steward = server.ClientFor(Roles.Steward);

        await steward.PostJsonAsync($"/api/v1/incidents/{id}/comments", new { text = "still there" });

        lock (updates)
        {
            Assert.Contains(updates, u => u.Kind == "incident" && u.Id == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private async Task<long> CreateAsync(string? venue = null)
    {
        using var commander = server.ClientFor(Roles.Commander);
        var (status, body) = await commander.PostJsonAsync("/api/v1/incidents", new
        {
            title = "Suspicious object near gate B",
            category = "suspicious_object",
            severity = "high",
            venue = venue ?? TestData.Unique("venue"),
        });
        Assert.Equal(201, status);
        return body.GetProperty("incident").GetProperty("id").GetInt64();
    }

    private async Task<List<string>> AuditActionsAsync(long incidentId)
    {
        var contexts = server.App.Services.GetRequiredService<IDbContextFactory<HarisDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(Cancel);
        var id = incidentId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await db.AuditEntries.Where(e => e.TargetType == "incident" && e.TargetId == id).Select(e => e.Action).ToListAsync(Cancel);
    }
}
