using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Haris.Simulation.Tests;

/// <summary>A run generated into memory and parsed back line by line, independently of the simulator's own code.</summary>
internal sealed partial class SimulatedRun
{
    /// <summary>The run most tests share: one busy afternoon hour (15:00–16:00 local), seed 42.</summary>
    public static SimulatedRun Hour => s_hour.Value;

    private static readonly Lazy<SimulatedRun> s_hour = new(() => Generate(new SimulationOptions
    {
        Seed = 42,
        Minutes = 60,
        Start = new DateTimeOffset(2026, 6, 11, 15, 0, 0, TimeSpan.FromHours(3)),
    }));

    private SimulatedRun(SimulationOptions options, SimulationSummary summary, byte[] access, byte[] auth, byte[] eve, byte[] labels)
    {
        Options = options;
        Summary = summary;
        AccessBytes = access;
        AuthBytes = auth;
        EveBytes = eve;
        LabelBytes = labels;
        _accessLines = [.. Lines(access)];
        _access = new(() => [.. _accessLines.Select(ParseAccess)]);
        Auth = [.. Lines(auth).Select(l => ParseAuth(l, options.Start.Year))];
        Eve = [.. Lines(eve).Select(ParseEve)];
        Labels = [.. Lines(labels).Select(CampaignLabel.Parse)];
    }

    private readonly string[] _accessLines;
    private readonly Lazy<IReadOnlyList<LogLine>> _access;

    public SimulationOptions Options { get; }

    public SimulationSummary Summary { get; }

    public byte[] AccessBytes { get; }

    public byte[] AuthBytes { get; }

    public byte[] EveBytes { get; }

    public byte[] LabelBytes { get; }

    /// <summary>Every access line, parsed on first use (the big file; most tests need only a campaign's lines).</summary>
    public IReadOnlyList<LogLine> Access => _access.Value;

    public IReadOnlyList<LogLine> Auth { get; }

    public IReadOnlyList<LogLine> Eve { get; }

    public IReadOnlyList<CampaignLabel> Labels { get; }

    public IReadOnlyList<LogLine> LinesOf(string log) => log switch
    {
        SimulationFiles.AccessLog => Access,
        SimulationFiles.AuthLog => Auth,
        SimulationFiles.Eve => Eve,
        _ => throw new ArgumentOutOfRangeException(nameof(log), log, null),
    };

    /// <summary>The access lines as written, unparsed.</summary>
    public IReadOnlyList<string> RawAccess => _accessLines;

    /// <summary>The lines of <paramref name="log"/> written from <paramref name="sources"/>, parsing only those.</summary>
    public List<LogLine> LinesFrom(string log, IReadOnlySet<string> sources) => log == SimulationFiles.AccessLog && !_access.IsValueCreated
        ? [.. _accessLines.Where(l => sources.Contains(l[..l.IndexOf(' ', StringComparison.Ordinal)])).Select(ParseAccess)]
        : [.. LinesOf(log).Where(l => sources.Contains(l.Source))];

    public static SimulatedRun Generate(SimulationOptions options)
    {
        using var access = new MemoryStream();
        using var auth = new MemoryStream();
        using var eve = new MemoryStream();
        using var labels = new MemoryStream();
        var summary = MatchDaySimulator.Run(options, access, auth, eve, labels, TestContext.Current.CancellationToken);
        return new SimulatedRun(options, summary, access.ToArray(), auth.ToArray(), eve.ToArray(), labels.ToArray());
    }

    /// <summary>nginx combined: <c>IP - USER [dd/MMM/yyyy:HH:mm:ss +zzzz] "METHOD TARGET HTTP/1.1" STATUS BYTES "REFERER" "UA"</c>.</summary>
    [GeneratedRegex("""^(?<ip>[0-9a-f.:]+) - (?<user>\S+) \[(?<time>\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2}) (?<offset>[+-]\d{4})\] "(?<method>[A-Z]+) (?<target>/\S*) HTTP/1\.1" (?<status>\d{3}) (?<bytes>\d+) "(?<referer>[^"]*)" "(?<agent>[^"]+)"$""")]
    public static partial Regex CombinedFormat();

    [GeneratedRegex("""^(?<month>[A-Z][a-z]{2}) (?<day>[ \d]\d) (?<time>\d{2}:\d{2}:\d{2}) (?<host>[a-z0-9]+) sshd\[\d+\]: (?<message>.+)$""")]
    private static partial Regex SyslogFormat();

    [GeneratedRegex(""" from (?<ip>[0-9a-f.:]+) port \d+""")]
    private static partial Regex SshSource();

    private static IEnumerable<string> Lines(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        if (text.Length == 0)
        {
            yield break;
        }

        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        foreach (var line in text[..^1].Split('\n'))
        {
            yield return line;
        }
    }

    private static LogLine ParseAccess(string line)
    {
        var m = CombinedFormat().Match(line);
        Assert.True(m.Success, "not a combined line: " + line);
        var local = DateTime.ParseExact(m.Groups["time"].Value, "dd/MMM/yyyy:HH:mm:ss", CultureInfo.InvariantCulture);
        return new LogLine(line, m.Groups["ip"].Value, new DateTimeOffset(local, Offset(m.Groups["offset"].Value)), m);
    }

    private static LogLine ParseAuth(string line, int year)
    {
        var m = SyslogFormat().Match(line);
        Assert.True(m.Success, "not an sshd syslog line: " + line);
        var local = DateTime.ParseExact(
            $"{year} {m.Groups["month"].Value} {m.Groups["day"].Value.Trim()} {m.Groups["time"].Value}", "yyyy MMM d HH:mm:ss", CultureInfo.InvariantCulture);
        var source = SshSource().Match(m.Groups["message"].Value);
        Assert.True(source.Success, "no source address: " + line);
        // RFC 3164 carries no zone; the simulator writes the venue's local time, +03:00 in these tests.
        return new LogLine(line, source.Groups["ip"].Value, new DateTimeOffset(local, TimeSpan.FromHours(3)), m);
    }

    private static LogLine ParseEve(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var stamp = root.GetProperty("timestamp").GetString()!;
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}[+-]\d{4}$", stamp);
        var time = DateTimeOffset.ParseExact(stamp[..^5], "yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        time = new DateTimeOffset(time.DateTime, Offset(stamp[^5..]));
        foreach (var field in new[] { "event_type", "src_ip", "dest_ip", "proto" })
        {
            Assert.Equal(JsonValueKind.String, root.GetProperty(field).ValueKind);
        }

        Assert.Equal(JsonValueKind.Number, root.GetProperty("src_port").ValueKind);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("dest_port").ValueKind);
        return new LogLine(line, root.GetProperty("src_ip").GetString()!, time, null)
        {
            EventType = root.GetProperty("event_type").GetString(),
            Severity = root.TryGetProperty("alert", out var alert) ? alert.GetProperty("severity").GetInt32() : null,
        };
    }

    private static TimeSpan Offset(string text)
    {
        var sign = text[0] == '-' ? -1 : 1;
        return sign * new TimeSpan(int.Parse(text[1..3], CultureInfo.InvariantCulture), int.Parse(text[3..5], CultureInfo.InvariantCulture), 0);
    }
}

/// <summary>One parsed line: its source address and time, and for access and auth lines the regex groups.</summary>
internal sealed record LogLine(string Text, string Source, DateTimeOffset Time, Match? Fields)
{
    public string? EventType { get; init; }

    public int? Severity { get; init; }

    public string Field(string name) => Fields!.Groups[name].Value;
}
