using System.Globalization;

namespace Haris.Simulation;

/// <summary>
/// <c>ssh_brute_force</c>: one source against one server, 50–500 <c>Failed password</c> lines for 1–3 of root,
/// admin, ubuntu; sshd drops the connection after a few tries, so the pid and port change every 3–6 attempts.
/// </summary>
internal sealed class SshBruteForceActor(Campaign campaign, Random rng, string ip, long at, long end, string host, List<string> users, int attempts)
    : CampaignActor(campaign, rng, ip, at, end)
{
    private readonly long _gap = (end - at) / attempts;
    private int _left = attempts;
    private int _triesOnConnection;
    private int _pid;
    private int _port;

    public override void Fire(SimulationContext context)
    {
        if (_triesOnConnection == 0)
        {
            _triesOnConnection = Rng.Inclusive(3, 6);
            _pid = Rng.Next(1000, 65000);
            _port = Rng.Next(32768, 61000);
        }

        _triesOnConnection--;
        var user = Rng.Pick(users);
        var who = user == "admin" ? "invalid user admin" : user;
        Auth(context, host, _pid, "Failed password for " + who + " from " + Ip + " port " + Num(_port) + " ssh2");
        if (--_left == 0)
        {
            NextAt = -1;
            return;
        }

        Advance((long)(Rng.Between(0.4, 1.6) * _gap));
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// <c>ssh_password_spray</c>: one source, 30–200 distinct user names, 1–2 password tries each. For a user the
/// server lacks sshd writes <c>Invalid user X from ...</c> when the connection opens and <c>Failed password for
/// invalid user X</c> per try; for one it has, <c>Failed password for X</c>.
/// </summary>
internal sealed class SshSprayActor(Campaign campaign, Random rng, string ip, long at, long end, string host, List<string> users)
    : CampaignActor(campaign, rng, ip, at, end)
{
    private readonly long _gap = (end - at) / users.Count;
    private int _user = -1;
    private int _triesLeft;
    private bool _announced;
    private int _pid;
    private int _port;

    public override void Fire(SimulationContext context)
    {
        if (_triesLeft == 0)
        {
            _user++;
            _triesLeft = Rng.Chance(0.3) ? 2 : 1;
            _announced = false;
            _pid = Rng.Next(1000, 65000);
            _port = Rng.Next(32768, 61000);
        }

        var user = users[_user];
        var exists = Array.IndexOf(Payloads.SshExistingUsers, user) >= 0;
        var port = Num(_port);
        if (!exists && !_announced)
        {
            Auth(context, host, _pid, "Invalid user " + user + " from " + Ip + " port " + port);
            _announced = true;
            Advance(Rng.Seconds(0.5, 2.5));
            return;
        }

        Auth(context, host, _pid, "Failed password for " + (exists ? user : "invalid user " + user) + " from " + Ip + " port " + port + " ssh2");
        _triesLeft--;
        if (_triesLeft == 0 && _user == users.Count - 1)
        {
            NextAt = -1;
            return;
        }

        Advance(_triesLeft > 0 ? Rng.Seconds(1, 4) : (long)(Rng.Between(0.4, 1.6) * _gap));
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <summary><c>eve_alert_storm</c>: one host, 50–500 scan and exploit alerts (severity 1–2) inside five minutes.</summary>
internal sealed class EveAlertStormActor(Campaign campaign, Random rng, string ip, long at, long end, int alerts)
    : CampaignActor(campaign, rng, ip, at, end)
{
    private static readonly int[] s_ports = [22, 80, 443, 3306, 5432, 8080, 8443];

    private readonly long _gap = (end - at) / alerts;
    private int _left = alerts;

    public override void Fire(SimulationContext context)
    {
        var signature = Rng.Pick(Payloads.StormSignatures);
        EveAlert(context, Rng.NextInt64(1L << 40, 1L << 51), Rng.Next(32768, 61000), Campaign.Target, Rng.Pick(s_ports), signature);
        if (--_left == 0)
        {
            NextAt = -1;
            return;
        }

        Advance((long)(Rng.Between(0.2, 1.8) * _gap));
    }
}
