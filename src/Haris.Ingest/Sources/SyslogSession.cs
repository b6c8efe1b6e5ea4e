using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading.Channels;

namespace Haris.Ingest.Sources;

/// <summary>What the two syslog receivers share: the session identity, the receive sequence and socket set-up.</summary>
internal sealed class SyslogSession
{
    private long _sequence;

    /// <summary>A random identity, so positions of two runs never collide though both count from one.</summary>
    public ulong Identity { get; } = NewIdentity();

    /// <summary>Reserves <paramref name="count"/> consecutive sequence numbers and returns the first.</summary>
    public long Reserve(int count) => Interlocked.Add(ref _sequence, count) - count + 1;

    public static Socket CreateSocket(IPEndPoint endPoint, SocketType type, ProtocolType protocol)
    {
        var socket = new Socket(endPoint.AddressFamily, type, protocol);
        if (endPoint.Address.Equals(IPAddress.IPv6Any))
        {
            // "::" is meant as every interface: take IPv4 senders too.
            socket.DualMode = true;
        }

        return socket;
    }

    public static string DefaultName(string scheme, SyslogOptions options) =>
        options.Name ?? $"{scheme}://{options.Address}:{options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Writes a batch, waiting while the channel is full; a batch that cannot be written is disposed.</summary>
    public static async ValueTask WriteAsync(ChannelWriter<LineBatch> output, LineBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            await output.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            batch.Dispose();
            throw;
        }
    }

    private static ulong NewIdentity()
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        RandomNumberGenerator.Fill(bytes);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }
}
