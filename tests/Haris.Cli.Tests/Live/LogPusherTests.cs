using Haris.Cli.Live;

namespace Haris.Cli.Tests.Live;

public sealed class LogPusherTests
{
    [Fact]
    public async Task Run_LinesAllDue_GoInBatchesOfAtMostTheBatchSize_InOrder_EachEndingInANewline()
    {
        var server = new FakeHarisServer();
        using var api = server.Client();
        var lines = Enumerable.Range(0, (2 * LogPusher.MaxBatchLines) + 3)
            .Select(i => $"198.51.100.{i % 250} - - [18/Jun/2026:17:00:00 +0300] \"GET /p{i} HTTP/1.1\" 200 5 \"-\" \"t\"")
            .ToList();

        var accepted = await new LogPusher(api, new ServerClock(api.GetClockAsync, TimeProvider.System), TimeProvider.System)
            .RunAsync("web.access", "combined", new StringReader(string.Join('\n', lines)), LogLineTimes.Combined, TestContext.Current.CancellationToken);

        Assert.Equal(lines.Count, accepted);
        Assert.Equal([LogPusher.MaxBatchLines, LogPusher.MaxBatchLines, 3], server.Pushes.Select(p => p.Count(c => c == '\n')));
        Assert.Equal(lines, server.Pushes.SelectMany(p => p.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Theory]
    // The offset as nginx writes it, without a colon.
    [InlineData("1.2.3.4 - - [11/Jun/2026:18:00:01 +0300] \"GET / HTTP/1.1\" 200 1", "2026-06-11T15:00:01+00:00")]
    // West of Greenwich, with minutes.
    [InlineData("1.2.3.4 - - [01/Jan/2026:00:30:00 -0430] \"GET / HTTP/1.1\" 200 1", "2026-01-01T05:00:00+00:00")]
    public void Combined_TimeOfAnAccessLogLine_IsReadWithItsOffset(string line, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), LogLineTimes.Combined(line));

    [Theory]
    // No time at all: pacing keeps it with the line before.
    [InlineData("a line without a time")]
    // A bracket, but not a time.
    [InlineData("1.2.3.4 - - [this is not a time at all!!] \"GET /\"")]
    // An offset out of range.
    [InlineData("1.2.3.4 - - [11/Jun/2026:18:00:01 +9900] \"GET /\"")]
    public void Combined_NoTime_IsNull(string line) => Assert.Null(LogLineTimes.Combined(line));
}
