using static Haris.Detection.Tests.Correlation.CorrelationHarness;

namespace Haris.Detection.Tests.Correlation;

// Measures the whole heap, so nothing else may allocate meanwhile: this collection runs alone.
[CollectionDefinition(nameof(CorrelationMemoryTests), DisableParallelization = true)]
public sealed class CorrelationMemoryCollection;

[Collection(nameof(CorrelationMemoryTests))]
public sealed class CorrelationMemoryTests
{
    private const int Groups = 50_000;

    // docs/correlation.md, "Memory": the per-group sizes it states, table share included, with one event per group
    // keyed by an IPv4 address; the other upper bounds allow 120 bytes of slack for the group table's growth and the
    // runtime.
    [Theory]
    // event_count with threshold 10 holding one event: a 48-byte table entry. The bound is the 150 bytes a tracked
    // key may cost at most, table growth included, so that ten million flooding sources fit in 1.5 GB.
    [InlineData("type: event_count\n    rules: [failed_login]\n    group-by: [source.ip]\n    timespan: 10m\n    condition: {gte: 10}", 48, 150)]
    // value_count holding one value: a 48-byte table entry as well, under the same bound.
    [InlineData("type: value_count\n    rules: [failed_login]\n    group-by: [source.ip]\n    timespan: 10m\n    condition: {gte: 10, field: user.name}", 48, 150)]
    // temporal over two rules: about 50 bytes plus 40 per rule.
    [InlineData("type: temporal\n    rules: [failed_login, login_ok]\n    group-by: [source.ip]\n    timespan: 10m", 60, 50 + 80 + 120)]
    // a window (upper bound): about 410 bytes with its group values, plus 24 per input position held.
    [InlineData("type: event_count\n    rules: [failed_login]\n    group-by: [source.ip]\n    timespan: 10m\n    condition: {lt: 5}", 150, 410 + 24 + 120)]
    public void Group_StaysWithinItsDocumentedSize(string body, int atLeast, int atMost)
    {
        var h = new CorrelationHarness(CorrelationDoc("Measured", "    " + body));
        h.Feed(0, ("outcome", "failure"), ("source.ip", "warm-up"), ("user.name", "u"));
        var before = GC.GetTotalMemory(forceFullCollection: true);

        for (var i = 0; i < Groups; i++)
        {
            h.Feed(1, ("outcome", "failure"), ("source.ip", $"10.{i >> 16}.{(i >> 8) & 255}.{i & 255}"), ("user.name", "u"));
        }

        var perGroup = (GC.GetTotalMemory(forceFullCollection: true) - before) / (double)Groups;

        Assert.Equal(Groups + 1, h.Session.Correlations.GroupCount);
        Assert.Empty(h.Alerts);
        Assert.InRange(perGroup, atLeast, atMost);
        GC.KeepAlive(h);
    }
}
