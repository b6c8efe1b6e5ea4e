using System.Globalization;
using Haris.Simulation;

namespace Haris.Benchmarks;

/// <summary>Sizes of the in-memory inputs; benchmarks divide by them (<c>OperationsPerInvoke</c>) so every figure is per event.</summary>
internal static class BenchmarkSizes
{
    /// <summary>Lines per parser and rule-evaluation benchmark: sampled evenly over the whole simulated hour.</summary>
    public const int SampleLines = 512;

    /// <summary>Consecutive access-log events the correlation benchmark replays, pre-parsed.</summary>
    public const int CorrelationEvents = 8_192;

    /// <summary>Consecutive access-log lines the end-to-end scan reads per invocation.</summary>
    public const int ScanLines = 131_072;
}

/// <summary>
/// One simulated hour of the opening match day (seed 7, 17:00–18:00 venue time, the build-up to the first kick-off),
/// generated once per benchmark process by <see cref="MatchDaySimulator"/> into memory.
/// </summary>
internal sealed class SimulatedLogs
{
    /// <summary>The seed of the simulation.</summary>
    public const int Seed = 7;

    private static readonly Lazy<SimulatedLogs> s_instance = new(Simulate);

    private SimulatedLogs(byte[] access, byte[] auth, byte[] eve)
    {
        Access = access;
        Auth = auth;
        Eve = eve;
    }

    /// <summary>The simulated logs, generated on first use.</summary>
    public static SimulatedLogs Instance => s_instance.Value;

    /// <summary>nginx combined access log.</summary>
    public byte[] Access { get; }

    /// <summary>RFC 3164 syslog from sshd.</summary>
    public byte[] Auth { get; }

    /// <summary>Suricata EVE NDJSON.</summary>
    public byte[] Eve { get; }

    private static SimulatedLogs Simulate()
    {
        var options = new SimulationOptions
        {
            Seed = Seed,
            Start = SimulationOptions.DefaultStart.AddHours(17),
            Minutes = 60,
        };
        using var access = new MemoryStream();
        using var auth = new MemoryStream();
        using var eve = new MemoryStream();
        using var labels = new MemoryStream();
        var summary = MatchDaySimulator.Run(options, access, auth, eve, labels, CancellationToken.None);
        var logs = new SimulatedLogs(access.ToArray(), auth.ToArray(), eve.ToArray());
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"// simulated seed {Seed}, {options.Minutes} min from {options.Start:O}: access {logs.Access.Length:N0} B, auth {logs.Auth.Length:N0} B, eve {logs.Eve.Length:N0} B ({summary})"));
        return logs;
    }
}

/// <summary>Lines held in one compact buffer; indexing gives a span, so the benchmark loop allocates nothing itself.</summary>
internal sealed class LineSet
{
    private readonly byte[] _buffer;
    private readonly int[] _starts;
    private readonly int[] _lengths;

    private LineSet(byte[] buffer, int[] starts, int[] lengths)
    {
        _buffer = buffer;
        _starts = starts;
        _lengths = lengths;
    }

    /// <summary>How many lines the set holds.</summary>
    public int Count => _starts.Length;

    /// <summary>The bytes of line <paramref name="index"/>, without its terminator.</summary>
    public ReadOnlySpan<byte> this[int index] => _buffer.AsSpan(_starts[index], _lengths[index]);

    /// <summary>Takes <paramref name="count"/> lines spread evenly over all of <paramref name="text"/>, in order.</summary>
    public static LineSet Sample(byte[] text, int count)
    {
        var all = Split(text);
        Require(all.Count, count);
        var picked = new List<Range>(count);
        for (var i = 0; i < count; i++)
        {
            picked.Add(all[(int)((long)i * all.Count / count)]);
        }

        return Copy(text, picked);
    }

    /// <summary>Takes <paramref name="count"/> consecutive lines from the middle of <paramref name="text"/>.</summary>
    public static LineSet Middle(byte[] text, int count)
    {
        var all = Split(text);
        Require(all.Count, count);
        var first = (all.Count - count) / 2;
        return Copy(text, all.GetRange(first, count));
    }

    /// <summary>Takes the first <paramref name="count"/> lines of <paramref name="text"/>.</summary>
    public static LineSet First(byte[] text, int count)
    {
        var all = Split(text);
        Require(all.Count, count);
        return Copy(text, all.GetRange(0, count));
    }

    /// <summary>The lines joined again, each ended by <c>\n</c>, as a log file would hold them.</summary>
    public byte[] ToLog()
    {
        var size = 0;
        for (var i = 0; i < Count; i++)
        {
            size += _lengths[i] + 1;
        }

        var log = new byte[size];
        var at = 0;
        for (var i = 0; i < Count; i++)
        {
            this[i].CopyTo(log.AsSpan(at));
            at += _lengths[i];
            log[at++] = (byte)'\n';
        }

        return log;
    }

    private static void Require(int available, int wanted)
    {
        if (available < wanted)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture, $"the simulation gave {available} lines, the benchmark needs {wanted}"));
        }
    }

    private static List<Range> Split(byte[] text)
    {
        var lines = new List<Range>();
        var start = 0;
        while (start < text.Length)
        {
            var newline = text.AsSpan(start).IndexOf((byte)'\n');
            var end = newline < 0 ? text.Length : start + newline;
            if (end > start)
            {
                lines.Add(new Range(start, end));
            }

            start = end + 1;
        }

        return lines;
    }

    private static LineSet Copy(byte[] text, List<Range> ranges)
    {
        var size = 0;
        foreach (var range in ranges)
        {
            size += range.GetOffsetAndLength(text.Length).Length;
        }

        var buffer = new byte[size];
        var starts = new int[ranges.Count];
        var lengths = new int[ranges.Count];
        var at = 0;
        for (var i = 0; i < ranges.Count; i++)
        {
            var line = text.AsSpan(ranges[i]);
            line.CopyTo(buffer.AsSpan(at));
            starts[i] = at;
            lengths[i] = line.Length;
            at += line.Length;
        }

        return new LineSet(buffer, starts, lengths);
    }
}
