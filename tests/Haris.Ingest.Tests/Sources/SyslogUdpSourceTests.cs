using System.Net.Sockets;
using System.Text;
using Haris.Ingest.Sources;

namespace Haris.Ingest.Tests.Sources;

public sealed class SyslogUdpSourceTests
{
    [Fact]
    public async Task SyslogUdp_Datagrams_DeliveredOnePerMessage()
    {
        using var source = new SyslogUdpSource(new SyslogUdpOptions { Port = 0 });
        var endPoint = source.Bind();
        var channel = LineChannel.Create(16);
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(channel.Writer, stop.Token);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        // Some senders end datagrams with LF (or NUL); it is not part of the message.
        foreach (var message in new[] { "<34>1 first", "<13>second\n", "<13>third\0" })
        {
            await client.SendToAsync(Encoding.UTF8.GetBytes(message), endPoint, TestContext.Current.CancellationToken);
        }

        var lines = await new LineCollector(channel.Reader).ReadAsync(3);
        await stop.CancelAsync();
        await run.WaitAsync(LineCollector.Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(["<34>1 first", "<13>second", "<13>third"], lines.Select(l => l.Text));
        Assert.Equal([1L, 2L, 3L], lines.Select(l => l.Position.Number));
        Assert.True(source.DropsWhenFull);
    }

    [Fact]
    public async Task SyslogUdp_FullChannel_DropsAreCounted()
    {
        const int Messages = 20;
        // One datagram per batch: queued datagrams would otherwise all fit in the first batch.
        using var source = new SyslogUdpSource(new SyslogUdpOptions { Port = 0, MaxBatchLines = 1 });
        var endPoint = source.Bind();
        var channel = LineChannel.Create(1);
        using var writer = new RecordingWriter(channel.Writer);
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(writer, stop.Token);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        // Nobody reads: the first batch fills the channel and every later one is dropped.
        for (var i = 0; i < Messages; i++)
        {
            await client.SendToAsync(Encoding.UTF8.GetBytes("<14>message " + i), endPoint, TestContext.Current.CancellationToken);
        }

        await writer.WaitForLinesOfferedAsync(Messages);
        Assert.True(channel.Reader.TryRead(out var kept));
        var first = Encoding.UTF8.GetString(kept.GetLine(0));
        kept.Dispose();
        await stop.CancelAsync();
        await run.WaitAsync(LineCollector.Timeout, TestContext.Current.CancellationToken);

        Assert.Equal("<14>message 0", first);
        var counters = source.GetCounters();
        Assert.Equal((Messages, Messages - 1L), (counters.LinesRead, counters.LinesDropped));
    }

    [Fact]
    public async Task SyslogUdp_OversizeDatagram_CountedAndSkipped()
    {
        using var source = new SyslogUdpSource(new SyslogUdpOptions { Port = 0, MaxMessageSize = 32 });
        var endPoint = source.Bind();
        var channel = LineChannel.Create(16);
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(channel.Writer, stop.Token);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        await client.SendToAsync(Encoding.UTF8.GetBytes("<34>" + new string('x', 1000)), endPoint, TestContext.Current.CancellationToken);
        await client.SendToAsync(Encoding.UTF8.GetBytes("<34>small"), endPoint, TestContext.Current.CancellationToken);

        Assert.Equal(["<34>small"], await new LineCollector(channel.Reader).ReadTextsAsync(1));
        await stop.CancelAsync();
        await run.WaitAsync(LineCollector.Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(1, source.GetCounters().LinesTooLong);
    }

    [Fact]
    public async Task SyslogUdp_DisposedWhileRunning_RunEndsQuietly()
    {
        var source = new SyslogUdpSource(new SyslogUdpOptions { Port = 0 });
        source.Bind();
        var run = source.RunAsync(LineChannel.Create(1).Writer, TestContext.Current.CancellationToken);

        source.Dispose();

        await run.WaitAsync(LineCollector.Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(0, source.GetCounters().ReadErrors);
    }
}
