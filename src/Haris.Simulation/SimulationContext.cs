namespace Haris.Simulation;

/// <summary>What actors share while a run goes on: the engine, the three logs, the random streams and the curve.</summary>
internal sealed class SimulationContext
{
    public required SimulationEngine Engine { get; init; }

    public required LogWriter Access { get; init; }

    public required LogWriter Auth { get; init; }

    public required LogWriter Eve { get; init; }

    public required DateTimeOffset Start { get; init; }

    public required MatchDayCurve Curve { get; init; }

    /// <summary>Fan sessions draw from here; only they do, so <c>--scale</c> changes nothing else.</summary>
    public required Random FanRng { get; init; }

    /// <summary>The CDN, crawlers, probe, admins and benign EVE records draw from here.</summary>
    public required Random BackgroundRng { get; init; }

    public required Addresses Addresses { get; init; }

    /// <summary>The build hash in asset names (<c>/static/app.3f9c2d1a.js</c>), fixed for the run.</summary>
    public required string AssetHash { get; init; }

    public double MinuteOfDay(long micros) => MatchDayCurve.MinuteOfDay(Start, micros);

    /// <summary>One nginx combined line: <c>IP - USER [time] "METHOD TARGET HTTP/1.1" STATUS BYTES "REFERER" "UA"</c>.</summary>
    public void WriteAccess(long at, string ip, string user, string method, string target, int status, long bytes, string referer, string agent)
    {
        var w = Access;
        w.Write(ip);
        w.Write(" - ");
        w.Write(user);
        w.Write(" [");
        w.WriteNginxTime(at);
        w.Write("] \"");
        w.Write(method);
        w.Write(' ');
        w.Write(target);
        w.Write(" HTTP/1.1\" ");
        w.Write(status);
        w.Write(' ');
        w.Write(bytes);
        w.Write(" \"");
        w.Write(referer);
        w.Write("\" \"");
        w.Write(agent);
        w.Write('"');
        w.EndLine();
    }

    /// <summary>One sshd line: <c>Jun 11 18:00:01 web01 sshd[4242]: MESSAGE</c>.</summary>
    public void WriteAuth(long at, string host, int pid, string message)
    {
        var w = Auth;
        w.WriteSyslogTime(at);
        w.Write(' ');
        w.Write(host);
        w.Write(" sshd[");
        w.Write(pid);
        w.Write("]: ");
        w.Write(message);
        w.EndLine();
    }

    /// <summary>Starts an EVE record up to and including <c>"proto":"..."</c>; the caller adds its section and closes it.</summary>
    public void BeginEve(long at, long flowId, string eventType, string srcIp, int srcPort, string destIp, int destPort, string proto)
    {
        var w = Eve;
        w.Write("{\"timestamp\":");
        w.WriteEveTime(at);
        w.Write(",\"flow_id\":");
        w.Write(flowId);
        w.Write(",\"in_iface\":\"eth0\",\"event_type\":\"");
        w.Write(eventType);
        w.Write("\",\"src_ip\":\"");
        w.Write(srcIp);
        w.Write("\",\"src_port\":");
        w.Write(srcPort);
        w.Write(",\"dest_ip\":\"");
        w.Write(destIp);
        w.Write("\",\"dest_port\":");
        w.Write(destPort);
        w.Write(",\"proto\":\"");
        w.Write(proto);
        w.Write('"');
    }

    /// <summary>Writes an EVE alert record, whole line.</summary>
    public void WriteEveAlert(long at, long flowId, string srcIp, int srcPort, string destIp, int destPort, in Signature signature)
    {
        BeginEve(at, flowId, "alert", srcIp, srcPort, destIp, destPort, "TCP");
        var w = Eve;
        w.Write(",\"alert\":{\"action\":\"allowed\",\"gid\":1,\"signature_id\":");
        w.Write(signature.Id);
        w.Write(",\"rev\":");
        w.Write(signature.Revision);
        w.Write(",\"signature\":");
        w.WriteJson(signature.Name);
        w.Write(",\"category\":");
        w.WriteJson(signature.Category);
        w.Write(",\"severity\":");
        w.Write(signature.Severity);
        w.Write("}}");
        w.EndLine();
    }
}

/// <summary>A Suricata rule as an alert names it.</summary>
internal readonly record struct Signature(int Id, int Revision, string Name, string Category, int Severity);
