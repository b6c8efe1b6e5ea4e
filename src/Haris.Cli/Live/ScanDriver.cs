using System.Threading.Channels;
using Haris.Simulation.Ingress;

namespace Haris.Cli.Live;

/// <summary>
/// Sends turnstile scans to a server when its clock reaches each scan's time, over several connections at once, as the
/// turnstile lanes of a stadium would: every scan of one token goes through the same lane, so a ticket's entries,
/// exits and copies reach the server in the order they were made.
/// </summary>
internal sealed class ScanDriver
{
    // Enough to keep a lane busy while the reader waits on the clock, small enough that a stop is quick.
    private const int LaneCapacity = 64;

    private readonly HarisApiClient _api;
    private readonly ServerClock _clock;
    private readonly int _lanes;

    /// <summary>A driver sending through <paramref name="api"/>, paced by <paramref name="clock"/>, over <paramref name="lanes"/> lanes.</summary>
    public ScanDriver(HarisApiClient api, ServerClock clock, int lanes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        _api = api;
        _clock = clock;
        _lanes = lanes;
    }

    /// <summary>
    /// Sends <paramref name="scans"/> (in time order) at <paramref name="venue"/> and returns the verdicts by reason. A
    /// refused request is counted and the rest go on, unless every later one would be refused too (a wrong key, no
    /// tournament): then it throws <see cref="LiveTargetException"/> once the lanes have stopped.
    /// </summary>
    public async Task<ScanTally> RunAsync(string venue, IEnumerable<TurnstileScan> scans, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scans);
        var tally = new ScanTally();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        LiveTargetException? fatal = null;
        var lanes = new Channel<TurnstileScan>[_lanes];
        var workers = new Task[_lanes];
        for (var i = 0; i < _lanes; i++)
        {
            lanes[i] = Channel.CreateBounded<TurnstileScan>(new BoundedChannelOptions(LaneCapacity) { SingleReader = true, SingleWriter = true });
            var lane = lanes[i].Reader;
            workers[i] = Task.Run(async () =>
            {
                try
                {
                    await foreach (var scan in lane.ReadAllAsync(stop.Token).ConfigureAwait(false))
                    {
                        try
                        {
                            tally.Add(await _api.SubmitScanAsync(venue, scan, stop.Token).ConfigureAwait(false));
                        }
                        catch (LiveTargetException ex) when (!ex.IsFatal)
                        {
                            tally.Fail(ex.Message);
                        }
                    }
                }
                catch (LiveTargetException ex)
                {
                    Interlocked.CompareExchange(ref fatal, ex, null);
                    tally.Fail(ex.Message);
                    await stop.CancelAsync().ConfigureAwait(false);
                }
            }, CancellationToken.None);
        }

        try
        {
            foreach (var scan in scans)
            {
                await _clock.WaitUntilAsync(scan.Time, stop.Token).ConfigureAwait(false);
                var lane = (StringComparer.Ordinal.GetHashCode(scan.Token) & int.MaxValue) % _lanes;
                await lanes[lane].Writer.WriteAsync(scan, stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (fatal is not null)
        {
            // A lane met a refusal that every scan would meet; it is thrown below, once the lanes are done.
        }
        catch (LiveTargetException ex)
        {
            // The clock could not be read: nothing more can be paced.
            Interlocked.CompareExchange(ref fatal, ex, null);
            await stop.CancelAsync().ConfigureAwait(false);
        }
        finally
        {
            foreach (var lane in lanes)
            {
                lane.Writer.TryComplete();
            }

            try
            {
                await Task.WhenAll(workers).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopped: by the caller (rethrown by the loop above) or after a fatal refusal (thrown below).
            }
        }

        if (fatal is not null)
        {
            throw fatal;
        }

        return tally;
    }
}

/// <summary>The verdicts a server gave, by reason, and the requests it refused; safe to add to from several lanes.</summary>
internal sealed class ScanTally
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _reasons = new(StringComparer.Ordinal);
    private readonly List<string> _firstErrors = [];

    /// <summary>Scans the server decided.</summary>
    public long Decided { get; private set; }

    /// <summary>Requests refused with an error other than "busy".</summary>
    public long Errors { get; private set; }

    /// <summary>The first few errors, as their messages.</summary>
    public IReadOnlyList<string> FirstErrors
    {
        get
        {
            lock (_lock)
            {
                return [.. _firstErrors];
            }
        }
    }

    /// <summary>The verdicts by reason, most frequent first, then by name.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> ByReason()
    {
        lock (_lock)
        {
            return [.. _reasons.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal)];
        }
    }

    /// <summary>Counts one verdict.</summary>
    public void Add(ScanResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_lock)
        {
            _reasons[result.Reason] = _reasons.GetValueOrDefault(result.Reason) + 1;
            Decided++;
        }
    }

    /// <summary>Counts one refused request.</summary>
    public void Fail(string message)
    {
        lock (_lock)
        {
            Errors++;
            if (_firstErrors.Count < 5)
            {
                _firstErrors.Add(message);
            }
        }
    }
}
