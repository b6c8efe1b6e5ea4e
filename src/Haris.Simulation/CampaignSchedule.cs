using System.Globalization;

namespace Haris.Simulation;

/// <summary>
/// Plans the campaigns of a run and starts each when its time comes. The run is cut into rounds of at most
/// 10 hours (one round below 20 hours, two for a day); every kind starts once per round at a seeded time, so
/// every kind is present in any run and at least twice in a full day. Only the plan (a few dozen entries) is held.
/// </summary>
internal sealed class CampaignSchedule : Actor
{
    private const int RoundMinutes = 600;

    private readonly List<(long At, CampaignKind Kind, int Seed)> _plan;
    private readonly List<Campaign> _started;
    private int _next;

    public CampaignSchedule(Random rng, int minutes, List<Campaign> started)
    {
        _started = started;
        var rounds = Math.Max(1, minutes / RoundMinutes);
        var roundMicros = minutes * 60L * RandomExtensions.MicrosPerSecond / rounds;
        _plan = [];
        for (var round = 0; round < rounds; round++)
        {
            foreach (var kind in CampaignKinds.All)
            {
                var latest = Math.Max(0, roundMicros - (ShortestMinutes(kind) * 60 * RandomExtensions.MicrosPerSecond));
                var at = (round * roundMicros) + (long)(rng.NextDouble() * latest);
                _plan.Add((at, kind, rng.Next()));
            }
        }

        _plan.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Kind.CompareTo(b.Kind));
        NextAt = _plan.Count > 0 ? _plan[0].At : -1;
    }

    /// <summary>How many campaigns the plan holds.</summary>
    public int PlannedCount => _plan.Count;

    public override void Fire(SimulationContext context)
    {
        var (at, kind, seed) = _plan[_next];
        var id = "c" + (_started.Count + 1).ToString("D3", CultureInfo.InvariantCulture);
        _started.Add(CampaignFactory.Start(context, id, kind, at, new Random(seed)));
        _next++;
        NextAt = _next < _plan.Count ? _plan[_next].At : -1;
    }

    // The shortest run of each kind, so that it is planned early enough in its round to play out whole.
    private static int ShortestMinutes(CampaignKind kind) => kind switch
    {
        CampaignKind.HttpFlood => 2,
        CampaignKind.DistributedFlood or CampaignKind.VulnScanner => 3,
        CampaignKind.LoginBruteForce or CampaignKind.SshBruteForce or CampaignKind.CredentialStuffingSource => 5,
        CampaignKind.CredentialStuffingUser => 4,
        CampaignKind.ScalperBot or CampaignKind.SshPasswordSpray => 10,
        _ => 1,
    };
}
