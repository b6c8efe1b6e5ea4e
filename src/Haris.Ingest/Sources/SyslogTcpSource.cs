using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Haris.Ingest.Sources;

/// <summary>Receives syslog over TCP with either framing of RFC 6587, from many clients at once, never dropping a message.</summary>
/// <remarks>
/// <para>Framing is decided per message (see <see cref="SyslogFrameReader"/>): octet counting (<c>123 &lt;34&gt;1 ...</c>)
/// when a frame starts with a digit, otherwise a message ended by LF (or NUL, CR LF). Over-size messages are skipped
/// and counted without closing the connection; a bad octet count closes that connection only, counted.</para>
/// <para>A full channel makes every connection wait, which fills the TCP windows and slows the senders: back-pressure
/// instead of loss. Each connection holds one pooled buffer and hands out one batch per receive.</para>
/// </remarks>
public sealed class SyslogTcpSource : ILineSource
{
    private const int ListenBacklog = 512;

    private readonly SyslogTcpOptions _options;
    private readonly TimeProvider _time;
    private readonly SourceCounters _counters = new();
    private readonly SyslogSession _session = new();
    private readonly Lock _lock = new();
    private readonly HashSet<Connection> _connections = [];
    private Socket? _listener;
    private int _open;
    private int _started;

    /// <summary>Creates a receiver for <paramref name="options"/>; nothing is bound until <see cref="Bind"/> or <see cref="RunAsync"/>.</summary>
    /// <param name="options">The endpoint and limits; validated here.</param>
    /// <param name="timeProvider">The clock for the pause after a failed accept; the system clock by default.</param>
    public SyslogTcpSource(SyslogTcpOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        Name = SyslogSession.DefaultName("tcp", options);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public SourceOptions Options => _options;

    /// <inheritdoc />
    public bool DropsWhenFull => false;

    /// <summary>The endpoint listened on, with the actual port when port 0 was asked for; null before <see cref="Bind"/>.</summary>
    public IPEndPoint? LocalEndPoint => (IPEndPoint?)_listener?.LocalEndPoint;

    /// <summary>Binds and starts listening (once) and returns the endpoint, so a failure to bind shows at start-up.</summary>
    /// <exception cref="SocketException">The endpoint cannot be bound (in use, not permitted).</exception>
    public IPEndPoint Bind()
    {
        lock (_lock)
        {
            if (_listener is null)
            {
                var endPoint = _options.GetEndPoint();
                var listener = SyslogSession.CreateSocket(endPoint, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    listener.Bind(endPoint);
                    listener.Listen(ListenBacklog);
                }
                catch
                {
                    listener.Dispose();
                    throw;
                }

                _listener = listener;
            }

            return (IPEndPoint)_listener.LocalEndPoint!;
        }
    }

    /// <inheritdoc />
    public SourceCounterSnapshot GetCounters() => _counters.Snapshot();

    /// <summary>Ignored: a message cannot be received again.</summary>
    public void Commit(InputPosition checkpoint)
    {
    }

    /// <inheritdoc />
    public async Task RunAsync(ChannelWriter<LineBatch> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("A source runs once.");
        }

        Bind();
        var listener = _listener!;
        try
        {
            while (true)
            {
                Socket client;
                try
                {
                    client = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (SocketException ex) when (ex.SocketErrorCode != SocketError.OperationAborted)
                {
                    // Out of descriptors, or a client gone before it was accepted: pause rather than spin.
                    _counters.AddReadError($"accept on {Name}: {ex.Message}");
                    await Task.Delay(TimeSpan.FromMilliseconds(100), _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (Volatile.Read(ref _open) >= _options.MaxConnections)
                {
                    _counters.AddConnectionRejected();
                    client.Dispose();
                    continue;
                }

                var connection = new Connection(client);
                lock (_lock)
                {
                    _connections.Add(connection);
                }

                Interlocked.Increment(ref _open);
                _counters.ConnectionOpened();
                connection.Task = ServeAsync(connection, output, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.OperationAborted)
        {
            // Disposed while accepting.
        }
        finally
        {
            Dispose();
            Task[] running;
            lock (_lock)
            {
                running = [.. _connections.Select(c => c.Task).OfType<Task>()];
            }

            // Serving never throws; this only waits for the connections to close.
            await Task.WhenAll(running).ConfigureAwait(false);
        }
    }

    /// <summary>Stops listening and closes every connection; a running <see cref="RunAsync"/> then ends.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _listener?.Dispose();
            foreach (var connection in _connections)
            {
                connection.Socket.Dispose();
            }
        }
    }

    private async Task ServeAsync(Connection connection, ChannelWriter<LineBatch> output, CancellationToken cancellationToken)
    {
        // Off the accept loop at once, so a busy connection never delays the next accept.
        await Task.Yield();
        var socket = connection.Socket;
        using var reader = new SyslogFrameReader(_options.MaxMessageSize, _options.MaxBatchLines, _counters);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            while (!reader.IsMalformed)
            {
                var received = await socket.ReceiveAsync(reader.GetReadBuffer(), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (received == 0)
                {
                    reader.Complete();
                    if (reader.Count > 0)
                    {
                        await WriteAsync(output, reader, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                }

                reader.Advance(received);
                bool full;
                do
                {
                    full = reader.Parse();
                    if (reader.Count > 0)
                    {
                        await WriteAsync(output, reader, cancellationToken).ConfigureAwait(false);
                    }
                }
                while (full);
            }
        }
        catch (SocketException)
        {
            reader.Abort();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        catch (ChannelClosedException)
        {
        }
        finally
        {
            socket.Dispose();
            lock (_lock)
            {
                _connections.Remove(connection);
            }

            Interlocked.Decrement(ref _open);
            _counters.ConnectionClosed();
        }
    }

    private ValueTask WriteAsync(ChannelWriter<LineBatch> output, SyslogFrameReader reader, CancellationToken cancellationToken) =>
        SyslogSession.WriteAsync(output, reader.TakeBatch(this, _session.Identity, _session.Reserve(reader.Count)), cancellationToken);

    private sealed class Connection(Socket socket)
    {
        public Socket Socket { get; } = socket;

        public Task? Task { get; set; }
    }
}
