using System.Globalization;
using Haris.Ingest.Parsing;

namespace Haris.Ingest.Tests.Parsing;

public sealed class TimestampFormatTests
{
    [Theory]
    // No fraction: the point goes too, as with .NET's F specifiers.
    [InlineData("2026-06-11T14:00:00.0000000Z", "2026-06-11T14:00:00Z")]
    // Trailing zeros of the fraction are dropped, inner ones kept.
    [InlineData("2026-06-11T14:00:00.1200000Z", "2026-06-11T14:00:00.12Z")]
    [InlineData("2026-06-11T14:00:00.0000001Z", "2026-06-11T14:00:00.0000001Z")]
    // The first and last instants a DateTime holds.
    [InlineData("0001-01-01T00:00:00.0000000Z", "0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999999Z")]
    public void FormatIsoUtc_WritesTheCanonicalEventTime(string instant, string expected)
    {
        var time = DateTime.Parse(instant, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var buffer = new char[ParseText.MaxIsoUtcLength];

        var length = ParseText.FormatIsoUtc(time, buffer);

        Assert.Equal(expected, new string(buffer, 0, length));
    }

    [Fact]
    public void FormatIsoUtc_RandomInstants_AgreeWithTheCustomFormat()
    {
        var random = new Random(20260611);
        var buffer = new char[ParseText.MaxIsoUtcLength];
        for (var i = 0; i < 10_000; i++)
        {
            var time = new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc);

            // A quarter with a round fraction, so that trimming is exercised as often as not.
            if (i % 4 == 0)
            {
                time = time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMillisecond));
            }

            var length = ParseText.FormatIsoUtc(time, buffer);

            Assert.Equal(time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture), new string(buffer, 0, length));
        }
    }
}
