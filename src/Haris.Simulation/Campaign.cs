namespace Haris.Simulation;

/// <summary>The running tally of one campaign, turned into its <see cref="CampaignLabel"/> at the end of the run.</summary>
internal sealed class Campaign(string id, CampaignKind kind, string target)
{
    private readonly List<string> _sources = [];
    private long _first = -1;
    private long _last;

    public string Id { get; } = id;

    public CampaignKind Kind { get; } = kind;

    public string Target { get; } = target;

    /// <summary>User names the campaign tries, for the kinds that name them in the label.</summary>
    public List<string>? Usernames { get; set; }

    public long Events { get; private set; }

    /// <summary>Notes a line written at <paramref name="at"/> from <paramref name="source"/>.</summary>
    public void Count(long at, SourceSlot source)
    {
        if (_first < 0)
        {
            _first = at;
        }

        _last = at;
        Events++;
        if (!source.Listed)
        {
            // Listed on its first line only, so a source the end of the run cut off before it spoke is not named.
            source.Listed = true;
            _sources.Add(source.Ip);
        }
    }

    public CampaignLabel ToLabel(DateTimeOffset start)
    {
        var log = CampaignKinds.Log(Kind);
        return new CampaignLabel(
            Id, CampaignKinds.Name(Kind), log, _sources, Target, Usernames,
            Truncate(start.AddTicks(_first * 10), log), Truncate(start.AddTicks(_last * 10), log), Events);
    }

    // access.log and auth.log carry whole seconds; the label says what the log says.
    private static DateTimeOffset Truncate(DateTimeOffset time, string log)
    {
        var utc = time.ToUniversalTime();
        var precision = log == SimulationFiles.Eve ? 10 : TimeSpan.TicksPerSecond;
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % precision), TimeSpan.Zero);
    }
}

/// <summary>One source address of a campaign, and whether the label lists it yet.</summary>
internal sealed class SourceSlot(string ip)
{
    public string Ip { get; } = ip;

    public bool Listed { get; set; }
}

/// <summary>An actor speaking for a campaign from one source: every line it writes is counted in the label.</summary>
internal abstract class CampaignActor : Actor
{
    protected CampaignActor(Campaign campaign, Random rng, string ip, long at, long end)
    {
        Campaign = campaign;
        Rng = rng;
        Source = new SourceSlot(ip);
        NextAt = at;
        End = end;
    }

    protected Campaign Campaign { get; }

    protected Random Rng { get; }

    protected SourceSlot Source { get; }

    protected string Ip => Source.Ip;

    /// <summary>No event after this time (microseconds since the start of the run).</summary>
    protected long End { get; }

    protected void Access(SimulationContext context, string user, string method, string target, int status, long bytes, string referer, string agent)
    {
        context.WriteAccess(NextAt, Ip, user, method, target, status, bytes, referer, agent);
        Campaign.Count(NextAt, Source);
    }

    protected void Auth(SimulationContext context, string host, int pid, string message)
    {
        context.WriteAuth(NextAt, host, pid, message);
        Campaign.Count(NextAt, Source);
    }

    protected void EveAlert(SimulationContext context, long flowId, int srcPort, string destIp, int destPort, in Signature signature)
    {
        context.WriteEveAlert(NextAt, flowId, Ip, srcPort, destIp, destPort, signature);
        Campaign.Count(NextAt, Source);
    }

    /// <summary>Moves to the next event after <paramref name="gap"/>, or ends the actor when that is past <see cref="End"/>.</summary>
    protected void Advance(long gap)
    {
        NextAt += Math.Max(1, gap);
        if (NextAt > End)
        {
            NextAt = -1;
        }
    }
}
