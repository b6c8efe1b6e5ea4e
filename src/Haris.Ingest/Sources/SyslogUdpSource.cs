using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Haris.Ingest.Sources;

/// <summary>Receives syslog over UDP (RFC 5426): one message per datagram, dropped and counted when the channel is full.</summary>
/// <remarks>
/// Datagrams received back to back are packed into one batch, which is offered as soon as the socket has nothing more
/// waiting (or the batch is full), so a quiet sender sees no added latency. A trailing LF, CR or NUL is not part of
/// the message. Waiting on a full channel would only move the loss into the kernel's socket buffer, where it cannot be
/// counted, so a batch that does not fit is dropped and its lines counted in
/// <see cref="SourceCounterSnapshot.LinesDropped"/>.
/// </remarks>
public sealed class SyslogUdpSource : ILineSource
{
    // The largest UDP payload; receiving into less would truncate a datagram silently on some systems.
    private const int MaxDatagramSize = 65535;
    private const int BufferSize = 256 * 1024;

    private readonly SyslogUdpOptions _options;
    private readonly SourceCounters _counters = new();
    private readonly SyslogSession _session = new();
    private readonly Lock _lock = new();
    private Socket? _socket;
    private int _started;

    /// <summary>Creates a receiver for <paramref name="options"/>; nothing is bound until <see cref="Bind"/> or <see cref="RunAsync"/>.</summary>
    public SyslogUdpSource(SyslogUdpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        _options = options;
        Name = SyslogSession.DefaultName("udp", options);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public SourceOptions Options => _options;

    /// <inheritdoc />
    public bool DropsWhenFull => true;

    /// <summary>The endpoint bound, with the actual port when port 0 was asked for; null before <see cref="Bind"/>.</summary>
    public IPEndPoint? LocalEndPoint => (IPEndPoint?)_socket?.LocalEndPoint;

    /// <summary>Binds the socket (once) and returns the endpoint, so a failure to bind shows at start-up.</summary>
    /// <exception cref="SocketException">The endpoint cannot be bound (in use, not permitted).</exception>
    public IPEndPoint Bind()
    {
        lock (_lock)
        {
            if (_socket is null)
            {
                var endPoint = _options.GetEndPoint();
                var socket = SyslogSession.CreateSocket(endPoint, SocketType.Dgram, ProtocolType.Udp);
                try
                {
                    if (_options.ReceiveBufferSize is { } size)
                    {
                        socket.ReceiveBufferSize = size;
                    }

                    socket.Bind(endPoint);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }

                _socket = socket;
            }

            return (IPEndPoint)_socket.LocalEndPoint!;
        }
    }

    /// <inheritdoc />
    public SourceCounterSnapshot GetCounters() => _counters.Snapshot();

    /// <summary>Ignored: a datagram cannot be received again.</summary>
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
        var socket = _socket!;
        var builder = new LineBatchBuilder(BufferSize, _options.MaxBatchLines);
        var end = 0;
        try
        {
            while (true)
            {
                if (builder.Buffer.Length - end < MaxDatagramSize)
                {
                    end = 0;
                }

                int received;
                try
                {
                    received = await socket.ReceiveAsync(builder.Buffer.AsMemory(end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
                {
                    // Windows reports an ICMP port-unreachable for an earlier send as a reset on the next receive.
                    _counters.AddReadError($"receive on {Name}: {ex.Message}");
                    continue;
                }

                _counters.AddBytesRead(received);
                var length = received;
                var buffer = builder.Buffer;
                while (length > 0 && buffer[end + length - 1] is (byte)'\n' or (byte)'\r' or 0)
                {
                    length--;
                }

                if (length > _options.MaxMessageSize)
                {
                    _counters.AddLinesTooLong();
                }
                else if (length > 0)
                {
                    builder.Add(end, length, 0, 0);
                    end += received;
                }

                if (builder.Count > 0 && (builder.IsFull || builder.Buffer.Length - end < MaxDatagramSize || socket.Available == 0))
                {
                    Offer(output, builder, end);
                    end = 0;
                }
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
            // Disposed while receiving.
        }
        finally
        {
            builder.Dispose();
            Dispose();
        }
    }

    /// <summary>Closes the socket; a running <see cref="RunAsync"/> then ends.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _socket?.Dispose();
        }
    }

    private void Offer(ChannelWriter<LineBatch> output, LineBatchBuilder builder, int end)
    {
        var count = builder.Count;
        var first = _session.Reserve(count);
        builder.NumberFrom(first);
        _counters.AddLinesRead(count);
        var batch = builder.Build(this, _session.Identity, new InputPosition(_session.Identity, 0, first + count), end, end);
        if (!output.TryWrite(batch))
        {
            _counters.AddLinesDropped(count);
            batch.Dispose();
        }
    }
}
