using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Haris.Ingest.Sources;

/// <summary>Settings shared by the syslog receivers: the endpoint listened on and the message-size limit.</summary>
public class SyslogOptions : SourceOptions, IValidatableObject
{
    /// <summary>The default message-size limit: 64 KiB.</summary>
    public const int DefaultMaxMessageSize = 64 * 1024;

    /// <summary>Creates options for the syslog format.</summary>
    public SyslogOptions() => Format = "syslog";

    /// <summary>The IP address to listen on; defaults to the loopback address, so nothing is exposed unless configured.</summary>
    /// <remarks><c>0.0.0.0</c> listens on every IPv4 interface, <c>::</c> on every interface, IPv4 included.</remarks>
    [Required]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The port to listen on; 514 by default (RFC 5426 for UDP, the customary one for TCP); 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 514;

    /// <summary>The largest message kept, in bytes, without its framing; larger ones are skipped and counted.</summary>
    [Range(1, 16 * 1024 * 1024)]
    public int MaxMessageSize { get; set; } = DefaultMaxMessageSize;

    /// <summary>The endpoint made of <see cref="Address"/> and <see cref="Port"/>.</summary>
    public IPEndPoint GetEndPoint() => new(IPAddress.Parse(Address), Port);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(Address, out _))
        {
            yield return new ValidationResult($"The Address field must be an IP address, not '{Address}'.", [nameof(Address)]);
        }
    }
}

/// <summary>Settings of a <see cref="SyslogUdpSource"/>.</summary>
public sealed class SyslogUdpOptions : SyslogOptions
{
    /// <summary>The socket's receive buffer (<c>SO_RCVBUF</c>) in bytes, to absorb bursts; the system default when not set.</summary>
    [Range(4096, 256 * 1024 * 1024)]
    public int? ReceiveBufferSize { get; set; }
}

/// <summary>Settings of a <see cref="SyslogTcpSource"/>.</summary>
public sealed class SyslogTcpOptions : SyslogOptions
{
    /// <summary>The most connections open at once; further ones are closed at once and counted. Defaults to 1024.</summary>
    [Range(1, 100_000)]
    public int MaxConnections { get; set; } = 1024;
}
