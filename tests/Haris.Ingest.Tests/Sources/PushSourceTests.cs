using System.Text;
using Haris.Ingest.Sources;

namespace Haris.Ingest.Tests.Sources;

public sealed class PushSourceTests
{
    [Fact]
    public async Task Push_Lines_QueuedAsOneNumberedBatch()
    {
        var channel = LineChannel.Create(4);
        using var stop = new CancellationTokenSource();
        var source = new PushSource("ingest:web", new SourceOptions { Format = "combined" }, maxLineLength: 100);
        var running = source.RunAsync(channel.Writer, stop.Token);

        // CRLF and a missing final newline both end a line; the blank line is not one.
        var first = source.Push("one\r\ntwo\n\nthree"u8);
        var second = source.Push("four\n"u8);

        Assert.Equal(new PushResult(PushOutcome.Accepted, 3, 0), first);
        Assert.Equal(new PushResult(PushOutcome.Accepted, 1, 0), second);
        var lines = await new LineCollector(channel.Reader).ReadAsync(4);
        Assert.Equal(["one", "two", "three", "four"], lines.Select(l => l.Text));
        Assert.Equal([1L, 2, 3, 4], lines.Select(l => l.Position.Number));
        Assert.Single(lines.Select(l => l.Position.Identity).Distinct());
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task Push_ChannelFull_QueuesNothingAndCountsTheLines()
    {
        var channel = LineChannel.Create(1);
        using var stop = new CancellationTokenSource();
        var source = new PushSource("ingest:web", new SourceOptions(), maxLineLength: 100);
        var running = source.RunAsync(channel.Writer, stop.Token);
        Assert.Equal(PushOutcome.Accepted, source.Push("a\nb\n"u8).Outcome);

        var refused = source.Push("c\nd\ne\n"u8);

        Assert.Equal(new PushResult(PushOutcome.Full, 0, 0), refused);
        var counters = source.GetCounters();
        Assert.Equal(5, counters.LinesRead);
        Assert.Equal(3, counters.LinesDropped);

        // The refused block did not take sequence numbers: a retry continues where the accepted lines ended.
        Assert.True(channel.Reader.TryRead(out var batch));
        batch.Dispose();
        Assert.Equal(PushOutcome.Accepted, source.Push("c\n"u8).Outcome);
        Assert.True(channel.Reader.TryRead(out var retried));
        Assert.Equal(3, retried.GetPosition(0).Number);
        retried.Dispose();
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public void Push_LineOverTheLimit_SkippedAndCounted()
    {
        var channel = LineChannel.Create(4);
        using var stop = new CancellationTokenSource();
        var source = new PushSource("ingest:web", new SourceOptions(), maxLineLength: 10);
        _ = source.RunAsync(channel.Writer, stop.Token);

        var result = source.Push(Encoding.UTF8.GetBytes("short\n" + new string('x', 11) + "\nfine\n"));

        Assert.Equal(new PushResult(PushOutcome.Accepted, 2, 1), result);
        Assert.Equal(1, source.GetCounters().LinesTooLong);
        stop.Cancel();
    }

    [Fact]
    public void Push_BeforeRunning_IsRefusedAsStopped()
    {
        var source = new PushSource("ingest:web", new SourceOptions(), maxLineLength: 10);

        Assert.Equal(PushOutcome.Stopped, source.Push("line\n"u8).Outcome);
    }
}
