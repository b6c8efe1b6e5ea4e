using Haris.Operations.Tickets;

namespace Haris.Operations.Tests.Tickets;

public sealed class InMemoryTicketPresenceTests
{
    [Fact]
    public void TryEnter_ManyConcurrentCallers_ExactlyOneWins()
    {
        for (var round = 0; round < 200; round++)
        {
            var presence = new InMemoryTicketPresence();
            var winners = 0;

            Parallel.For(0, 64, _ =>
            {
                if (presence.TryEnter("T1"))
                {
                    Interlocked.Increment(ref winners);
                }
            });

            Assert.Equal(1, winners);
        }
    }

    [Fact]
    public void Exit_ThenEnter_AllowsReentry()
    {
        var presence = new InMemoryTicketPresence();

        Assert.False(presence.Exit("T1"));
        Assert.True(presence.TryEnter("T1"));
        Assert.Equal(1, presence.Count);
        Assert.False(presence.TryEnter("T1"));
        Assert.True(presence.Exit("T1"));
        Assert.False(presence.IsInside("T1"));
        Assert.True(presence.TryEnter("T1"));
    }
}
