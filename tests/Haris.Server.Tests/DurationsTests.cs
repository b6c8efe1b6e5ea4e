using System.Text.Json;
using Haris.Server.Api;

namespace Haris.Server.Tests;

public sealed class DurationsTests
{
    [Theory]
    // Plain seconds, as scripts send them.
    [InlineData("3600", 3600)]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("1h", 3600)]
    // Units combine, each at most once, in any case.
    [InlineData("1h30m", 5400)]
    [InlineData("2D", 172800)]
    [InlineData("1w", 604800)]
    // ISO 8601, as other tools and XML schemas write durations.
    [InlineData("PT1H", 3600)]
    [InlineData("P1DT2H", 93600)]
    [InlineData(" 10m ", 600)]
    public void TryParse_Accepted(string text, long seconds)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.5h")]
    [InlineData("h")]
    [InlineData("1y")]
    // A repeated unit is more likely a typo than a sum.
    [InlineData("1h1h")]
    // Longer than a year: such blocks are made without an end, on purpose.
    [InlineData("366d")]
    [InlineData("PT")]
    [InlineData("P1Q")]
    [InlineData("99999999999999999999")]
    public void TryParse_Refused(string text)
    {
        Assert.False(Durations.TryParse(text, out _));
    }

    [Theory]
    [InlineData("3600", true)]
    [InlineData("\"1h\"", true)]
    [InlineData("1.5", false)]
    [InlineData("true", false)]
    [InlineData("null", false)]
    public void TryParse_JsonNumberOrString(string json, bool accepted)
    {
        Assert.Equal(accepted, Durations.TryParse(JsonDocument.Parse(json).RootElement, out _));
    }
}
