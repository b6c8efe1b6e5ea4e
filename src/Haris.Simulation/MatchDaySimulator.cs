using System.Text.Encodings.Web;
using System.Text.Json;

namespace Haris.Simulation;

/// <summary>Generates one match day (or any window) of web, SSH and Suricata logs with labelled attack campaigns.</summary>
/// <remarks>
/// Deterministic: the same <see cref="SimulationOptions"/> give byte-identical output. Streaming: only the actors
/// active at one moment are held in memory, so a week costs no more memory than an hour.
/// </remarks>
public static class MatchDaySimulator
{
    private static readonly string[] s_googlebotAddresses = ["66.249.66.1", "66.249.66.194", "66.249.79.33"];
    private static readonly string[] s_bingbotAddresses = ["40.77.167.21", "157.55.39.140"];

    /// <summary>Writes the four files (<see cref="SimulationFiles"/>) into <paramref name="directory"/>, creating it if needed.</summary>
    public static SimulationSummary Run(SimulationOptions options, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Directory.CreateDirectory(directory);
        using var access = Create(directory, SimulationFiles.AccessLog);
        using var auth = Create(directory, SimulationFiles.AuthLog);
        using var eve = Create(directory, SimulationFiles.Eve);
        using var labels = Create(directory, SimulationFiles.Labels);
        return Run(options, access, auth, eve, labels, cancellationToken);
    }

    /// <summary>Writes the access log, auth log, EVE and labels to the given streams (left open, flushed).</summary>
    public static SimulationSummary Run(
        SimulationOptions options, Stream access, Stream auth, Stream eve, Stream labels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(labels);
        options.Validate();

        // Separate streams per concern: fans alone draw from theirs, so --scale leaves campaigns and background unchanged.
        var master = new Random(options.Seed);
        var fanRng = new Random(master.Next());
        var backgroundRng = new Random(master.Next());
        var scheduleRng = new Random(master.Next());
        var addressRng = new Random(master.Next());
        var curve = new MatchDayCurve(master.Between(4, 6));
        var assetHash = master.Token(8, 8, hexOnly: true);

        var engine = new SimulationEngine(options.Minutes * 60L * RandomExtensions.MicrosPerSecond);
        var campaigns = new List<Campaign>();
        using var accessLog = new LogWriter(access, options.Start);
        using var authLog = new LogWriter(auth, options.Start);
        using var eveLog = new LogWriter(eve, options.Start);
        var context = new SimulationContext
        {
            Engine = engine,
            Access = accessLog,
            Auth = authLog,
            Eve = eveLog,
            Start = options.Start,
            Curve = curve,
            FanRng = fanRng,
            BackgroundRng = backgroundRng,
            Addresses = new Addresses(addressRng),
            AssetHash = assetHash,
        };

        engine.Add(new FanSpawner(options.Scale));
        foreach (var edge in Addresses.CdnEdges)
        {
            engine.Add(new CdnEdge(edge, backgroundRng.Seconds(0, 2)));
        }

        foreach (var ip in s_googlebotAddresses)
        {
            engine.Add(new Crawler(ip, [.. Vocabulary.GooglebotAgents], backgroundRng, backgroundRng.Seconds(0, 5)));
        }

        foreach (var ip in s_bingbotAddresses)
        {
            engine.Add(new Crawler(ip, [Vocabulary.BingbotAgent], backgroundRng, backgroundRng.Seconds(0, 5)));
        }

        engine.Add(new HealthProbe(backgroundRng.Seconds(0, 30)));
        engine.Add(new AdminLogins(backgroundRng.Exponential(10 * 60)));
        engine.Add(new EveBackground(backgroundRng.Seconds(0, 1)));
        engine.Add(new EveBenignAlerts(backgroundRng.Seconds(600, 2400)));
        engine.Add(new CampaignSchedule(scheduleRng, options.Minutes, campaigns));

        engine.Run(context, cancellationToken);

        accessLog.Dispose();
        authLog.Dispose();
        eveLog.Dispose();
        WriteLabels(labels, campaigns, options.Start);
        return new SimulationSummary(accessLog.Lines, authLog.Lines, eveLog.Lines, campaigns.Count);
    }

    private static void WriteLabels(Stream stream, List<Campaign> campaigns, DateTimeOffset start)
    {
        // Labels go to files, never into HTML: keep '+', '<' and quotes readable.
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        foreach (var campaign in campaigns)
        {
            campaign.ToLabel(start).WriteTo(writer);
            writer.Flush();
            stream.WriteByte((byte)'\n');
            writer.Reset();
        }

        stream.Flush();
    }

    private static FileStream Create(string directory, string name) =>
        new(Path.Combine(directory, name), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
}
