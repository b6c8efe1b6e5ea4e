using System.Buffers;
using System.Globalization;
using System.Text;

namespace Haris.Cli.Live;

/// <summary>
/// Pushes log lines to a server's ingest endpoint when its clock reaches each line's time, a batch at a time: every
/// line whose time has come goes in one request, so a fast exercise clock does not turn into a request per line.
/// </summary>
internal sealed class LogPusher
{
    /// <summary>The most lines one request carries.</summary>
    public const int MaxBatchLines = 5_000;

    // The server refuses bodies over Ingest:MaxRequestBytes (8 MB by default); a batch stays well below.
    private const int MaxBatchBytes = 1 << 20;

    // Between two requests that each carried every line due, wait a little so the next carries more than one.
    private static readonly TimeSpan s_batchInterval = TimeSpan.FromMilliseconds(100);

    private readonly HarisApiClient _api;
    private readonly ServerClock _clock;
    private readonly TimeProvider _time;

    /// <summary>A pusher sending through <paramref name="api"/>, paced by <paramref name="clock"/>; <paramref name="time"/> measures real time.</summary>
    public LogPusher(HarisApiClient api, ServerClock clock, TimeProvider time)
    {
        _api = api;
        _clock = clock;
        _time = time;
    }

    /// <summary>
    /// Sends the lines of <paramref name="reader"/> (in time order) as <paramref name="dataset"/> in <paramref name="format"/>;
    /// a line whose time <paramref name="timeOf"/> cannot read goes with the line before it. Returns the lines the
    /// server accepted.
    /// </summary>
    public async Task<long> RunAsync(
        string dataset, string format, TextReader reader, Func<string, DateTimeOffset?> timeOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(timeOf);
        var batch = new ArrayBufferWriter<byte>(64 * 1024);
        long accepted = 0;
        var line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        var due = line is null ? default : timeOf(line) ?? DateTimeOffset.MinValue;
        while (line is not null)
        {
            await _clock.WaitUntilAsync(due, cancellationToken).ConfigureAwait(false);
            var now = _clock.Now;
            var lines = 0;
            while (line is not null && due <= now && lines < MaxBatchLines && batch.WrittenCount < MaxBatchBytes)
            {
                var bytes = Encoding.UTF8.GetByteCount(line) + 1;
                var span = batch.GetSpan(bytes);
                Encoding.UTF8.GetBytes(line, span);
                span[bytes - 1] = (byte)'\n';
                batch.Advance(bytes);
                lines++;
                line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                if (line is not null)
                {
                    due = timeOf(line) ?? due;
                }
            }

            accepted += await _api.PushAsync(dataset, format, batch.WrittenMemory, cancellationToken).ConfigureAwait(false);
            batch.ResetWrittenCount();
            if (line is not null && due > _clock.Now)
            {
                await Task.Delay(s_batchInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }

        return accepted;
    }
}

/// <summary>Reads the time of a log line, for pacing it.</summary>
internal static class LogLineTimes
{
    /// <summary>The time of an nginx or Apache access-log line: <c>[11/Jun/2026:18:00:01 +0300]</c>; null when it has none.</summary>
    public static DateTimeOffset? Combined(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var open = line.IndexOf('[', StringComparison.Ordinal);
        var close = open < 0 ? -1 : line.IndexOf(']', open);
        if (close - open != 27)
        {
            return null;
        }

        // 11/Jun/2026:18:00:01 +0300: the offset has no colon, which DateTimeOffset's "zzz" does not read.
        var text = line.AsSpan(open + 1, 26);
        if (!DateTime.TryParseExact(text[..20], "dd/MMM/yyyy:HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || text[20] != ' ' || text[21] is not ('+' or '-')
            || !int.TryParse(text[22..24], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(text[24..26], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || hours > 14 || minutes > 59)
        {
            return null;
        }

        var offset = new TimeSpan(hours, minutes, 0);
        return new DateTimeOffset(local, text[21] == '-' ? -offset : offset);
    }
}
