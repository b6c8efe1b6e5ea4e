using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Haris.Ingest.Sources;

namespace Haris.Ingest.Tests.Sources;

public sealed class SyslogTcpSourceTests
{
    [Fact]
    public async Task SyslogTcp_OctetCountingAndNewlineFraming_BothDelivered()
    {
        await using var h = TcpHarness.Start();
        using var client = await h.ConnectAsync();

        await SendAsync(client, "<34>1 2024-06-14T18:00:00Z web1 nginx - - - newline framed\n");
        await SendAsync(client, OctetCounted("<34>1 2024-06-14T18:00:01Z web1 nginx - - - octet counted"));
        await SendAsync(client, "<13>Jun 14 18:00:02 web1 sshd[1]: crlf framed\r\n");

        var lines = await h.Lines.ReadAsync(3);

        Assert.Equal(
            ["<34>1 2024-06-14T18:00:00Z web1 nginx - - - newline framed", "<34>1 2024-06-14T18:00:01Z web1 nginx - - - octet counted", "<13>Jun 14 18:00:02 web1 sshd[1]: crlf framed"],
            lines.Select(l => l.Text));
        Assert.Equal([1L, 2L, 3L], lines.Select(l => l.Position.Number));
        Assert.All(lines, l => Assert.Equal(lines[0].Position.Identity, l.Position.Identity));
        Assert.Equal(1, h.Source.GetCounters().ConnectionsOpen);
    }

    [Theory]
    // Octet counted: skipped by its count.
    [InlineData(true)]
    // Newline framed: skipped up to its newline.
    [InlineData(false)]
    public async Task SyslogTcp_OversizeFrame_CountedConnectionKept(bool octetCounted)
    {
        await using var h = TcpHarness.Start(o => o.MaxMessageSize = 100);
        using var client = await h.ConnectAsync();
        var oversize = "<34>" + new string('x', 5000);

        await SendAsync(client, octetCounted ? OctetCounted(oversize) : oversize + "\n");
        await SendAsync(client, "<34>after\n");
        Assert.Equal(["<34>after"], await h.Lines.ReadTextsAsync(1));
        await SendAsync(client, "<34>still open\n");

        Assert.Equal(["<34>still open"], await h.Lines.ReadTextsAsync(1));
        var counters = h.Source.GetCounters();
        Assert.Equal((1L, 1L, 0L), (counters.LinesTooLong, counters.ConnectionsAccepted, counters.MalformedFrames));
    }

    [Fact]
    public async Task SyslogTcp_MalformedOctetCount_ClosesOnlyThatConnection()
    {
        await using var h = TcpHarness.Start();
        using var bad = await h.ConnectAsync();
        using var good = await h.ConnectAsync();

        await SendAsync(bad, "<34>before\n12x <34>broken\n");
        Assert.Equal(["<34>before"], await h.Lines.ReadTextsAsync(1));
        await AssertClosedByServerAsync(bad);
        await SendAsync(good, "<34>other client\n");

        Assert.Equal(["<34>other client"], await h.Lines.ReadTextsAsync(1));
        var counters = h.Source.GetCounters();
        Assert.Equal((1L, 2L), (counters.MalformedFrames, counters.ConnectionsAccepted));
    }

    [Fact]
    public async Task SyslogTcp_ManyClients_AllMessagesDeliveredInOrderPerClient()
    {
        const int Clients = 16;
        const int PerClient = 200;
        await using var h = TcpHarness.Start();

        var senders = Enumerable.Range(0, Clients).Select(async c =>
        {
            using var client = await h.ConnectAsync();
            var text = new StringBuilder();
            for (var i = 0; i < PerClient; i++)
            {
                var message = $"<14>client {c} message {i}";
                text.Append(i % 2 == 0 ? OctetCounted(message) : message + "\n");
            }

            await SendAsync(client, text.ToString());
            client.Shutdown(SocketShutdown.Send);
        }).ToArray();
        var lines = await h.Lines.ReadAsync(Clients * PerClient);
        await Task.WhenAll(senders);

        var byClient = lines.Select(l => l.Text.Split(' ')).GroupBy(p => p[1], p => int.Parse(p[3], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Clients, byClient.Count());
        Assert.All(byClient, g => Assert.Equal(Enumerable.Range(0, PerClient), g));
        Assert.Equal(Enumerable.Range(1, Clients * PerClient).Select(i => (long)i), lines.Select(l => l.Position.Number).Order());
    }

    [Fact]
    public async Task SyslogTcp_FullChannel_SenderWaitsAndNothingIsLost()
    {
        const int Messages = 5000;
        await using var h = TcpHarness.Start(capacity: 1);
        using var client = await h.ConnectAsync();

        var text = new StringBuilder();
        for (var i = 0; i < Messages; i++)
        {
            text.Append("<14>message ").Append(i).Append('\n');
        }

        var send = SendAsync(client, text.ToString());
        var lines = await h.Lines.ReadTextsAsync(Messages);
        await send;

        Assert.Equal(Enumerable.Range(0, Messages).Select(i => "<14>message " + i), lines);
        Assert.Equal(0, h.Source.GetCounters().LinesDropped);
    }

    [Fact]
    public async Task SyslogTcp_ConnectionLimitReached_ExtraConnectionClosedAndCounted()
    {
        await using var h = TcpHarness.Start(o => o.MaxConnections = 1);
        using var first = await h.ConnectAsync();
        await SendAsync(first, "<34>first\n");
        Assert.Equal(["<34>first"], await h.Lines.ReadTextsAsync(1));

        using var second = await h.ConnectAsync();
        await AssertClosedByServerAsync(second);

        Assert.Equal(1, h.Source.GetCounters().ConnectionsRejected);
    }

    [Fact]
    public async Task SyslogTcp_DisposedWhileRunning_ClosesConnectionsAndRunEndsQuietly()
    {
        var source = new SyslogTcpSource(new SyslogTcpOptions { Port = 0 });
        var endPoint = source.Bind();
        var channel = LineChannel.Create(4);
        var run = source.RunAsync(channel.Writer, TestContext.Current.CancellationToken);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(endPoint, TestContext.Current.CancellationToken);
        await SendAsync(client, "<34>hello\n");
        Assert.Equal(["<34>hello"], await new LineCollector(channel.Reader).ReadTextsAsync(1));

        source.Dispose();

        await run.WaitAsync(LineCollector.Timeout, TestContext.Current.CancellationToken);
        await AssertClosedByServerAsync(client);
        var counters = source.GetCounters();
        Assert.Equal((0L, 0L, 0L), (counters.ReadErrors, counters.ConnectionsOpen, counters.MalformedFrames));
    }

    private static string OctetCounted(string message) => Encoding.UTF8.GetByteCount(message) + " " + message;

    private static async Task SendAsync(Socket socket, string text) =>
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None, TestContext.Current.CancellationToken);

    private static async Task AssertClosedByServerAsync(Socket socket)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(LineCollector.Timeout);
        try
        {
            // A close with unread data arrives as a reset rather than an end of stream; either way it is closed.
            Assert.Equal(0, await socket.ReceiveAsync(new byte[16], SocketFlags.None, timeout.Token));
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
        }
    }

    private sealed class TcpHarness : IAsyncDisposable
    {
        private readonly Channel<LineBatch> _channel;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _run;

        private TcpHarness(SyslogTcpOptions options, int capacity)
        {
            Source = new SyslogTcpSource(options);
            Source.Bind();
            _channel = LineChannel.Create(capacity);
            Lines = new LineCollector(_channel.Reader);
            _run = Source.RunAsync(_channel.Writer, _stop.Token);
        }

        public SyslogTcpSource Source { get; }

        public LineCollector Lines { get; }

        public static TcpHarness Start(Action<SyslogTcpOptions>? configure = null, int capacity = 64)
        {
            var options = new SyslogTcpOptions { Address = "127.0.0.1", Port = 0 };
            configure?.Invoke(options);
            return new TcpHarness(options, capacity);
        }

        public async Task<Socket> ConnectAsync()
        {
            var socket = new Socket(System.Net.Sockets.AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(Source.LocalEndPoint!, TestContext.Current.CancellationToken);
            return socket;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run.WaitAsync(LineCollector.Timeout, TestContext.Current.CancellationToken);
            LineChannel.DisposeRemaining(_channel.Reader);
            Source.Dispose();
            _stop.Dispose();
        }
    }
}
