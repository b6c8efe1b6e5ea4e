using static Haris.Detection.Tests.Correlation.CorrelationHarness;

namespace Haris.Detection.Tests.Correlation;

public sealed class CorrelationMemoryTests
{
    [Fact]
    public void EventCountGroup_StaysWithinItsDocumentedSize()
    {
        // docs/correlation.md: an event_count group with threshold N holds about 150 + 24 N bytes plus its key.
        const int Groups = 50_000;
        var h = new CorrelationHarness(CorrelationDoc("Brute force", """
                type: event_count
                rules: [failed_login]
                group-by: [source.ip]
                timespan: 10m
                condition: {gte: 10}
            """));
        h.Feed(0, ("outcome", "failure"), ("source.ip", "warm-up"));
        var before = GC.GetTotalMemory(forceFullCollection: true);

        for (var i = 0; i < Groups; i++)
        {
            h.Feed(1, ("outcome", "failure"), ("source.ip", $"10.{i >> 16}.{(i >> 8) & 255}.{i & 255}"));
        }

        var perGroup = (GC.GetTotalMemory(forceFullCollection: true) - before) / (double)Groups;
        Assert.Equal(Groups + 1, h.Session.Correlations.GroupCount);

        // An IPv4 key is a string of about 50 bytes; the alert list of the harness stays empty.
        Assert.Empty(h.Alerts);
        Assert.InRange(perGroup, 150, 150 + (24 * 10) + 100);
        GC.KeepAlive(h);
    }
}
