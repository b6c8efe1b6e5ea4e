using Haris.Core.Alerts;
using Haris.Core.Incidents;
using Haris.Storage.Alerts;
using Haris.Storage.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Haris.Storage.Tests.Incidents;

public sealed class IncidentTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Incident_WithTimelineAlertsAndObservables_RoundTrips()
    {
        await using var database = await TestDatabase.CreateAsync();
        var t = TestDatabase.Start;
        await new AlertStore(database.Contexts).AddAsync([StoredAlert.FromAlert(new Alert { Id = "a1", RuleId = "r", RuleTitle = "R", Level = AlertLevel.High }, t)], Token);
        long id;
        await using (var db = database.CreateContext())
        {
            var incident = NewIncident("Bot surge on the ticket shop", IncidentCategory.BotScalping, t);
            incident.Timeline.Add(new IncidentTimelineEntry { At = t, Actor = "analyst1", Kind = TimelineEntryKind.Created, Text = "Opened from alert a1" });
            incident.Timeline.Add(new IncidentTimelineEntry { At = t.AddMinutes(1), Actor = "analyst1", Kind = TimelineEntryKind.Transition, Data = """{"from":"Reported","to":"Acknowledged"}""" });
            incident.AlertLinks.Add(new IncidentAlertLink { AlertId = "a1", LinkedAt = t, LinkedBy = "analyst1" });
            incident.Observables.Add(IncidentObservable.Create(ObservableKind.Ip, "::ffff:203.0.113.7", t, "analyst1"));
            incident.Observables.Add(IncidentObservable.Create(ObservableKind.Domain, "Scalper-Bots.EXAMPLE.", t, "analyst1", "seen in user agents"));
            db.Incidents.Add(incident);
            await db.SaveChangesAsync(Token);
            id = incident.Id;
        }

        await using (var db = database.CreateContext())
        {
            var incident = await db.Incidents
                .Include(i => i.Timeline).Include(i => i.AlertLinks).Include(i => i.Observables)
                .SingleAsync(i => i.Id == id, Token);
            Assert.Equal(IncidentStatus.Reported, incident.Status);
            Assert.Equal(IncidentCategory.BotScalping, incident.Category);
            Assert.Equal([TimelineEntryKind.Created, TimelineEntryKind.Transition], incident.Timeline.OrderBy(e => e.At).Select(e => e.Kind));
            Assert.Equal("a1", Assert.Single(incident.AlertLinks).AlertId);
            Assert.Equal(["203.0.113.7", "scalper-bots.example"], incident.Observables.Select(o => o.Value).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Incident_SameObservableTwice_Rejected()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        var incident = NewIncident("Scan from one address", IncidentCategory.Scanner, TestDatabase.Start);
        incident.Observables.Add(IncidentObservable.Create(ObservableKind.Ip, "203.0.113.7", TestDatabase.Start, "a"));
        incident.Observables.Add(IncidentObservable.Create(ObservableKind.Ip, "::ffff:203.0.113.7", TestDatabase.Start, "b"));
        db.Incidents.Add(incident);

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Token));
    }

    [Fact]
    public async Task Incident_ChangedByTwoPeopleAtOnce_SecondSaveFails()
    {
        await using var database = await TestDatabase.CreateAsync();
        long id;
        await using (var db = database.CreateContext())
        {
            var incident = NewIncident("Crowd pressure at gate C", IncidentCategory.CrowdPressure, TestDatabase.Start);
            db.Incidents.Add(incident);
            await db.SaveChangesAsync(Token);
            id = incident.Id;
        }

        await using var commander = database.CreateContext();
        await using var operatorRoom = database.CreateContext();
        var seenByCommander = await commander.Incidents.SingleAsync(i => i.Id == id, Token);
        var seenByOperator = await operatorRoom.Incidents.SingleAsync(i => i.Id == id, Token);

        seenByCommander.Status = IncidentStatus.Acknowledged;
        await commander.SaveChangesAsync(Token);
        seenByOperator.Status = IncidentStatus.Closed;

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => operatorRoom.SaveChangesAsync(Token));
        Assert.Equal(1, seenByCommander.Version);
    }

    [Fact]
    public async Task Incident_MergedIntoAnother_KeepsReference()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        var kept = NewIncident("Fight in block 112", IncidentCategory.Fight, TestDatabase.Start);
        var duplicate = NewIncident("Fight near block 112", IncidentCategory.Fight, TestDatabase.Start);
        db.Incidents.AddRange(kept, duplicate);
        await db.SaveChangesAsync(Token);

        duplicate.MergedIntoId = kept.Id;
        duplicate.Status = IncidentStatus.Closed;
        await db.SaveChangesAsync(Token);

        Assert.Equal(kept.Id, await db.Incidents.Where(i => i.Id == duplicate.Id).Select(i => i.MergedIntoId).SingleAsync(Token));
    }

    [Fact]
    public async Task Incidents_ClosedInRange_NullableTimesCompareAndSortInSql()
    {
        await using var database = await TestDatabase.CreateAsync();
        var t = TestDatabase.Start;
        await using var db = database.CreateContext();
        var open = NewIncident("open", IncidentCategory.Medical, t);
        var early = NewIncident("early", IncidentCategory.Medical, t);
        early.ClosedAt = t.AddMinutes(5);
        var late = NewIncident("late", IncidentCategory.Medical, t);
        late.ClosedAt = t.AddMinutes(50);
        var outside = NewIncident("outside", IncidentCategory.Medical, t);
        outside.ClosedAt = t.AddHours(3);
        db.Incidents.AddRange(open, early, late, outside);
        await db.SaveChangesAsync(Token);

        var from = t;
        var to = t.AddHours(1);
        var titles = await db.Incidents.Where(i => i.ClosedAt >= from && i.ClosedAt < to)
            .OrderByDescending(i => i.ClosedAt).Select(i => i.Title).ToListAsync(Token);

        Assert.Equal(["late", "early"], titles);
    }

    internal static Incident NewIncident(string title, IncidentCategory category, DateTimeOffset at) => new()
    {
        Title = title,
        Category = category,
        Severity = IncidentSeverity.High,
        Venue = "lusail",
        CreatedBy = "operator1",
        CreatedAt = at,
        UpdatedAt = at,
    };
}
