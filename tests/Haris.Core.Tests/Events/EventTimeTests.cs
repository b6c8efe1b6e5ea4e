using Haris.Core.Events;

namespace Haris.Core.Tests.Events;

public sealed class EventTimeTests
{
    [Theory]
    // ISO 8601 with an offset is converted to UTC.
    [InlineData("2026-06-11T18:00:00+03:00", "2026-06-11T15:00:00.0000000+00:00")]
    // No offset: UTC is assumed, never the machine's zone.
    [InlineData("2026-06-11T15:00:00", "2026-06-11T15:00:00.0000000+00:00")]
    // Epoch seconds, as many shippers write them.
    [InlineData("1781190000", "2026-06-11T15:00:00.0000000+00:00")]
    // Epoch milliseconds (Elastic, Java loggers).
    [InlineData("1781190000123", "2026-06-11T15:00:00.1230000+00:00")]
    public void TryParse_KnownForms_GiveUtcTime(string text, string expected)
    {
        Assert.True(EventTime.TryParse(text, out var time));
        Assert.Equal(expected, time.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("1e300")]
    public void TryParse_Garbage_IsRejected(string text) => Assert.False(EventTime.TryParse(text, out _));

    [Fact]
    public void Resolve_PrefersAtTimestampOverTime()
    {
        var evt = new LogEvent();
        evt.Add(FieldRegistry.GetOrAdd("time"), "2020-01-01T00:00:00Z");
        evt.Add(KnownFields.Timestamp, "2026-06-11T15:00:00Z");

        EventTime.Default.Resolve(evt);

        Assert.Equal(new DateTimeOffset(2026, 6, 11, 15, 0, 0, TimeSpan.Zero), evt.Timestamp);
    }

    [Fact]
    public void Resolve_NamedField_IsTheOnlyOneRead()
    {
        var evt = new LogEvent();
        evt.Add(KnownFields.Timestamp, "2026-06-11T15:00:00Z");
        evt.Add(FieldRegistry.GetOrAdd("seen_at"), "2020-01-01T00:00:00Z");

        EventTime.FromField("seen_at").Resolve(evt);

        Assert.Equal(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), evt.Timestamp);
    }
}
