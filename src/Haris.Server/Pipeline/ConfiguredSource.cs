using System.ComponentModel.DataAnnotations;
using Haris.Ingest.Sources;

namespace Haris.Server.Pipeline;

/// <summary>One entry of the <c>Sources</c> list in <c>haris.yaml</c>: a tailed file or a syslog listener.</summary>
/// <remarks>
/// One flat shape for every kind, so the list binds with the options pattern; <see cref="Type"/> says which of the
/// other settings apply. Example:
/// <code>
/// Sources:
///   - Type: file
///     Path: /var/log/nginx/access.log
///     Format: combined
///     Dataset: nginx.access
///   - Type: syslog-udp
///     Port: 5514
/// </code>
/// </remarks>
public sealed class ConfiguredSource
{
    /// <summary>The configuration section holding the list.</summary>
    public const string SectionName = "Sources";

    /// <summary><c>file</c>, <c>syslog-udp</c> or <c>syslog-tcp</c>.</summary>
    [Required]
    [RegularExpression("^(file|syslog-udp|syslog-tcp)$", ErrorMessage = "Type must be file, syslog-udp or syslog-tcp.")]
    public string Type { get; set; } = "";

    /// <summary>The source's name in alerts and counters (default: the path or the endpoint).</summary>
    public string? Name { get; set; }

    /// <summary>The <c>event.dataset</c> of its events.</summary>
    public string? Dataset { get; set; }

    /// <summary><c>auto</c>, <c>combined</c>, <c>json</c>, <c>syslog</c> or <c>eve</c> (default: auto for files, syslog for listeners).</summary>
    public string? Format { get; set; }

    /// <summary>The venue the source watches (its alerts are filed under it), when it watches one.</summary>
    public string? Venue { get; set; }

    /// <summary>For <c>file</c>: the path to follow.</summary>
    public string? Path { get; set; }

    /// <summary>For syslog: the address to listen on (default 127.0.0.1).</summary>
    public string? Address { get; set; }

    /// <summary>For syslog: the port to listen on (default 514).</summary>
    public int? Port { get; set; }

    /// <summary>Creates the source this entry describes.</summary>
    /// <exception cref="ArgumentException">A setting is missing or invalid; the message names it.</exception>
    public ILineSource Create(OffsetStore offsets, TimeProvider time)
    {
        switch (Type)
        {
            case "file":
                if (string.IsNullOrWhiteSpace(Path))
                {
                    throw new ArgumentException("a file source needs Path");
                }

                return new FileTailSource(Fill(new FileTailOptions { Path = System.IO.Path.GetFullPath(Path) }), offsets, time);
            case "syslog-udp":
                return new SyslogUdpSource(Fill(Listen(new SyslogUdpOptions())));
            case "syslog-tcp":
                return new SyslogTcpSource(Fill(Listen(new SyslogTcpOptions())), time);
            default:
                throw new ArgumentException($"unknown source type '{Type}': use file, syslog-udp or syslog-tcp");
        }
    }

    private T Listen<T>(T options)
        where T : SyslogOptions
    {
        options.Address = Address ?? options.Address;
        options.Port = Port ?? options.Port;
        return options;
    }

    private T Fill<T>(T options)
        where T : SourceOptions
    {
        options.Name = Name;
        options.Dataset = Dataset;
        options.Format = Format ?? options.Format;
        return options;
    }
}
