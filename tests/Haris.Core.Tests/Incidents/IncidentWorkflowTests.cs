using Haris.Core.Incidents;

namespace Haris.Core.Tests.Incidents;

public sealed class IncidentWorkflowTests
{
    [Theory]
    [InlineData(IncidentStatus.Reported, IncidentStatus.Acknowledged)]
    [InlineData(IncidentStatus.Acknowledged, IncidentStatus.InProgress)]
    [InlineData(IncidentStatus.InProgress, IncidentStatus.Resolved)]
    [InlineData(IncidentStatus.Resolved, IncidentStatus.Closed)]
    // Reopening: the fire was out, then smoke again in the same stand.
    [InlineData(IncidentStatus.Resolved, IncidentStatus.InProgress)]
    // Dismissing a false alarm, or closing a duplicate merged into another, from any open status.
    [InlineData(IncidentStatus.Reported, IncidentStatus.Closed)]
    [InlineData(IncidentStatus.Acknowledged, IncidentStatus.Closed)]
    [InlineData(IncidentStatus.InProgress, IncidentStatus.Closed)]
    public void CanTransition_AllowedMove_IsAccepted(IncidentStatus from, IncidentStatus to) =>
        Assert.True(IncidentWorkflow.CanTransition(from, to));

    [Theory]
    // Closed is final (see also CanTransition_ClosedToReported_IsRejected).
    [InlineData(IncidentStatus.Closed, IncidentStatus.InProgress)]
    [InlineData(IncidentStatus.Closed, IncidentStatus.Resolved)]
    // Acknowledging is not skipped, so time to acknowledge can be measured.
    [InlineData(IncidentStatus.Reported, IncidentStatus.InProgress)]
    [InlineData(IncidentStatus.Reported, IncidentStatus.Resolved)]
    // Work is not undone backwards except by reopening a resolved incident.
    [InlineData(IncidentStatus.InProgress, IncidentStatus.Acknowledged)]
    [InlineData(IncidentStatus.Resolved, IncidentStatus.Reported)]
    // Staying put is not a move, so it does not fill the timeline.
    [InlineData(IncidentStatus.InProgress, IncidentStatus.InProgress)]
    public void CanTransition_DisallowedMove_IsRejected(IncidentStatus from, IncidentStatus to) =>
        Assert.False(IncidentWorkflow.CanTransition(from, to));

    // A closed incident is not reopened by a new report: that is a new incident, with its own timeline.
    [Fact]
    public void CanTransition_ClosedToReported_IsRejected() =>
        Assert.False(IncidentWorkflow.CanTransition(IncidentStatus.Closed, IncidentStatus.Reported));

    [Fact]
    public void NextStatuses_FollowCanTransition()
    {
        Assert.Equal([IncidentStatus.Acknowledged, IncidentStatus.Closed], IncidentWorkflow.NextStatuses(IncidentStatus.Reported));
        Assert.Equal([IncidentStatus.InProgress, IncidentStatus.Closed], IncidentWorkflow.NextStatuses(IncidentStatus.Resolved));
        Assert.Empty(IncidentWorkflow.NextStatuses(IncidentStatus.Closed));
    }

    [Fact]
    public void Initial_IsReportedAndOpen()
    {
        Assert.Equal(IncidentStatus.Reported, IncidentWorkflow.Initial);
        Assert.True(IncidentWorkflow.IsOpen(IncidentWorkflow.Initial));
        Assert.False(IncidentWorkflow.IsOpen(IncidentStatus.Closed));
    }

    [Theory]
    [InlineData(IncidentCategory.WebAttack, true)]
    [InlineData(IncidentCategory.BotScalping, true)]
    [InlineData(IncidentCategory.OtherCyber, true)]
    // Ticketing fraud is worked on the ground (fake tickets at the gate), unlike bot scalping online.
    [InlineData(IncidentCategory.TicketingFraud, false)]
    [InlineData(IncidentCategory.Medical, false)]
    [InlineData(IncidentCategory.OtherField, false)]
    public void IsCyber_SaysWhichRoomOwnsTheCategory(IncidentCategory category, bool cyber) =>
        Assert.Equal(cyber, category.IsCyber());
}
