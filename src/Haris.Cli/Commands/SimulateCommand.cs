using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;
using Haris.Cli.Live;
using Haris.Operations.Planning;
using Haris.Operations.Tickets;
using Haris.Simulation;
using Haris.Simulation.Ingress;
using Spectre.Console;

namespace Haris.Cli.Commands;

/// <summary>
/// <c>haris simulate</c>: writes a seeded match day of web, SSH and Suricata logs with labelled attacks (profile
/// <c>matchday</c>), or the turnstile scans of one match's ingress with labelled trouble (profile <c>ingress</c>).
/// </summary>
internal sealed class SimulateCommand : Command
{
    public static readonly Option<string> OutOption = new("--out", "-o")
    {
        Description = "Folder to write into (created if needed): access.log, auth.log, eve.json and labels.jsonl; for ingress tickets.csv, scans.jsonl and ingress-labels.jsonl. Required unless --target is given.",
        HelpName = "DIR",
    };

    public static readonly Option<int?> SeedOption = new("--seed")
    {
        Description = "Seed of every random choice; the same seed and options give byte-identical files (required for matchday; for ingress derived from the match id by default).",
        HelpName = "N",
    };

    public static readonly Option<int> MinutesOption = new("--minutes")
    {
        Description = "How many minutes to simulate (default: 1440, one day).",
        HelpName = "M",
        DefaultValueFactory = _ => 1440,
        CustomParser = ParseMinutes,
    };

    public static readonly Option<DateTimeOffset> StartOption = new("--start")
    {
        Description = "First instant, ISO 8601 in the venue's local time; its offset is written in the logs (default: 2026-06-11T00:00:00+03:00).",
        HelpName = "ISO",
        DefaultValueFactory = _ => SimulationOptions.DefaultStart,
        CustomParser = ParseStart,
    };

    public static readonly Option<double> ScaleOption = new("--scale")
    {
        Description = "Multiplier of benign fan traffic (default: 1.0, about 1.2 million access lines a day).",
        HelpName = "X",
        DefaultValueFactory = _ => 1.0,
        CustomParser = ParseScale,
    };

    public static readonly Option<string> ProfileOption = new("--profile")
    {
        Description = "matchday (web, SSH and IDS logs of a day; the default) or ingress (turnstile scans of one match).",
        HelpName = "matchday|ingress",
        DefaultValueFactory = _ => SimulationProfiles.MatchDay,
        CustomParser = ParseProfile,
    };

    public static readonly Option<string?> ConfigOption = new("--config")
    {
        Description = "ingress: the tournament configuration, e.g. samples/tournament.yaml.",
        HelpName = "FILE",
    };

    public static readonly Option<string?> MatchOption = new("--match")
    {
        Description = "ingress: the id of the match whose gates are simulated.",
        HelpName = "ID",
    };

    public static readonly Option<int?> FansOption = new("--fans")
    {
        Description = "ingress: tickets issued, one per fan (default: 70% of the stands' seats; at most 200,000).",
        HelpName = "N",
        CustomParser = r => TournamentInput.ParseCount(r, "--fans"),
    };

    public static readonly Option<Uri?> TargetOption = new("--target")
    {
        Description = "A running Haris server to drive through its API, paced by its clock: ingress scans to /api/v1/scans, matchday access-log lines to /api/v1/ingest.",
        HelpName = "URL",
        CustomParser = ParseTarget,
    };

    public static readonly Option<string?> ApiKeyOption = new("--api-key")
    {
        Description = "with --target: a sensor API key of that server (haris apikeys create --role sensor).",
        HelpName = "KEY",
    };

    public static readonly Option<int> ConnectionsOption = new("--connections")
    {
        Description = "with --target: how many requests are in flight at once, one per turnstile lane (default: 8).",
        HelpName = "N",
        DefaultValueFactory = _ => DefaultConnections,
        CustomParser = ParseConnections,
    };

    /// <summary>The web traffic of the matchday profile is pushed under this dataset.</summary>
    public const string WebDataset = "web.access";

    private const int DefaultConnections = 8;
    private const int MaxConnections = 64;

    public SimulateCommand(CliEnvironment env)
        : base("simulate", "Generate a seeded match day of web, SSH and Suricata logs with labelled attack campaigns, or (--profile ingress) the turnstile scans of one match.")
    {
        Options.Add(OutOption);
        Options.Add(SeedOption);
        Options.Add(MinutesOption);
        Options.Add(StartOption);
        Options.Add(ScaleOption);
        Options.Add(ProfileOption);
        Options.Add(ConfigOption);
        Options.Add(MatchOption);
        Options.Add(FansOption);
        Options.Add(ServerCommandOptions.DataOption);
        Options.Add(TargetOption);
        Options.Add(ApiKeyOption);
        Options.Add(ConnectionsOption);
        SetAction((parseResult, cancellationToken) => ExecuteAsync(env, parseResult, cancellationToken));
    }

    private static async Task<int> ExecuteAsync(CliEnvironment env, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var target = LiveTarget.Read(parseResult);
        var output = parseResult.GetValue(OutOption);
        if (output is null && target is not null)
        {
            // Driving a server needs the files only on the way: they go to a folder of their own, removed after.
            output = Path.Combine(Path.GetTempPath(), "haris-simulate-" + Guid.NewGuid().ToString("N"));
            try
            {
                return await ExecuteAsync(env, parseResult, output, target, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                TryDelete(output);
            }
        }

        if (string.IsNullOrWhiteSpace(output))
        {
            throw new CliException("--out needs a folder, e.g. --out /tmp/day");
        }

        return await ExecuteAsync(env, parseResult, output, target, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> ExecuteAsync(
        CliEnvironment env, ParseResult parseResult, string output, LiveTarget? target, CancellationToken cancellationToken)
    {
        var profile = parseResult.GetValue(ProfileOption) ?? SimulationProfiles.MatchDay;
        if (profile == SimulationProfiles.Ingress)
        {
            return await ExecuteIngressAsync(env, parseResult, output, target, cancellationToken).ConfigureAwait(false);
        }

        RefuseOptionsOf(parseResult, SimulationProfiles.Ingress, ConfigOption, MatchOption, FansOption, ServerCommandOptions.DataOption);
        if (parseResult.GetValue(SeedOption) is not { } seed)
        {
            throw new CliException("--seed is required for the matchday profile, e.g. --seed 7");
        }

        var options = new SimulationOptions
        {
            Seed = seed,
            Minutes = parseResult.GetValue(MinutesOption),
            Start = parseResult.GetValue(StartOption),
            Scale = parseResult.GetValue(ScaleOption),
            Profile = profile,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message);
        }

        var started = env.Time.GetTimestamp();
        SimulationSummary summary;
        try
        {
            summary = MatchDaySimulator.Run(options, output, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write to '{output}': {ex.Message}");
        }

        var elapsed = env.Time.GetElapsedTime(started);
        env.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"simulated {options.Minutes} min from {options.Start:yyyy-MM-dd'T'HH:mm:sszzz} (seed {options.Seed}, scale {options.Scale}) into {output}: " +
            $"{SimulationFiles.AccessLog} {summary.AccessLines:N0} lines, {SimulationFiles.AuthLog} {summary.AuthLines:N0} lines, " +
            $"{SimulationFiles.Eve} {summary.EveLines:N0} lines, {SimulationFiles.Labels} {summary.Campaigns} campaigns in {elapsed.TotalSeconds:F1} s"));
        if (target is null)
        {
            return ExitCodes.Success;
        }

        // The access log is what a web server's sensor sends; detection reads each line's own time.
        using var api = target.Connect(env, 1);
        var clock = await target.ReadClockAsync(env, api, cancellationToken).ConfigureAwait(false);
        env.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"pushing {SimulationFiles.AccessLog} to {api.Target} as {WebDataset} as the server's clock reaches each line"));
        var pushing = env.Time.GetTimestamp();
        long accepted;
        using (var reader = new StreamReader(Path.Combine(output, SimulationFiles.AccessLog)))
        {
            try
            {
                accepted = await new LogPusher(api, clock, env.Time).RunAsync(WebDataset, "combined", reader, LogLineTimes.Combined, cancellationToken).ConfigureAwait(false);
            }
            catch (LiveTargetException ex)
            {
                throw new CliException(ex.Message);
            }
        }

        env.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"pushed {summary.AccessLines:N0} lines in {env.Time.GetElapsedTime(pushing).TotalSeconds:F1} s: {accepted:N0} accepted, {api.Retries:N0} sent again after 429 or 503"));
        return ExitCodes.Success;
    }

    // Issues the match's tickets (one stand sold out), then writes its turnstile scans and labels. Everything is checked
    // before the folder is created, so a bad value writes nothing.
    private static async Task<int> ExecuteIngressAsync(
        CliEnvironment env, ParseResult parseResult, string output, LiveTarget? target, CancellationToken cancellationToken)
    {
        RefuseOptionsOf(parseResult, SimulationProfiles.MatchDay, MinutesOption, StartOption, ScaleOption);
        var path = parseResult.GetValue(ConfigOption)
            ?? throw new CliException("the ingress profile needs the tournament: --config FILE, e.g. --config samples/tournament.yaml");
        var started = env.Time.GetTimestamp();
        var tournament = TournamentInput.Load(env, path);
        var match = TournamentInput.Match(tournament, parseResult.GetValue(MatchOption), path);
        var venue = tournament.VenueOf(match);
        var seats = TicketAllocation.Seats(venue, SeatingPlanBuilder.Build(venue));
        var fans = parseResult.GetValue(FansOption) ?? IngressSetup.DefaultFans(venue);
        if (fans > seats)
        {
            throw new CliException(string.Create(
                CultureInfo.InvariantCulture, $"the stands of {venue.Id} have {seats:N0} seats; cannot simulate {fans:N0} fans for {match.Id}"));
        }

        var seed = parseResult.GetValue(SeedOption) ?? TicketBatch.DefaultSeed(match.Id);

        // A simulation signs with a key of its own unless told to use a data folder's, so it never touches the keys
        // of a real ticketing system by accident.
        var data = parseResult.GetValue(ServerCommandOptions.DataOption);
        var keysDirectory = data is null ? Path.Combine(output, TournamentInput.KeysFolder) : TournamentInput.KeysDirectory(data);
        if (target is not null && data is null)
        {
            env.Error.WriteLine("haris: warning: the tickets are signed with a key of this run, which the server does not hold: it will find them counterfeit. Give --data with the server's data folder to sign with its keys.");
        }

        IngressSummary summary;
        string keyId;
        try
        {
            Directory.CreateDirectory(output);
            using var keys = TournamentInput.OpenKeys(keysDirectory, create: true);
            keyId = keys.ActiveKeyId;
            var (ingress, issued) = IngressPlan.Create(tournament, match, fans, seed, keys);
            using (var tickets = new StreamWriter(Path.Combine(output, IngressFiles.Tickets), false, new UTF8Encoding(false), 1 << 16))
            {
                TicketCsv.Write(tickets, issued.Tickets);
            }

            summary = IngressSimulator.Run(ingress, new IngressOptions { Seed = seed }, output, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write to '{output}': {ex.Message}");
        }

        var elapsed = env.Time.GetElapsedTime(started);
        env.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"simulated the ingress of {TournamentInput.Describe(match)}, seed {seed}, key {keyId}, in {elapsed.TotalSeconds:F1} s"));
        env.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {Path.Combine(output, IngressFiles.Tickets)}: {summary.Tickets:N0} tickets, {summary.Fans:N0} holders came; {Path.Combine(output, IngressFiles.Labels)}: {summary.Labels} labels"));
        env.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {Path.Combine(output, IngressFiles.Scans)}: {summary.Scans:N0} scans: {summary.Entered:N0} entered, {summary.Exited:N0} exited, {summary.Counterfeit:N0} counterfeit, " +
            $"{summary.Duplicate:N0} duplicate, {summary.WrongGate:N0} wrong_gate, {summary.WrongMatch:N0} wrong_match"));
        if (target is null)
        {
            return ExitCodes.Success;
        }

        var connections = parseResult.GetValue(ConnectionsOption);
        using var api = target.Connect(env, connections);
        var clock = await target.ReadClockAsync(env, api, cancellationToken).ConfigureAwait(false);
        env.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"sending {summary.Scans:N0} scans at {venue.Id} to {api.Target} as the server's clock reaches each one, over {connections} connections"));
        var sending = env.Time.GetTimestamp();
        ScanTally tally;
        try
        {
            var scans = File.ReadLines(Path.Combine(output, IngressFiles.Scans)).Select(TurnstileScan.Parse);
            tally = await new ScanDriver(api, clock, connections).RunAsync(venue.Id, scans, cancellationToken).ConfigureAwait(false);
        }
        catch (LiveTargetException ex)
        {
            throw new CliException(ex.Message);
        }

        env.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"sent {tally.Decided + tally.Errors:N0} scans in {env.Time.GetElapsedTime(sending).TotalSeconds:F1} s: {tally.Decided:N0} decided, " +
            $"{tally.Errors:N0} refused, {api.Retries:N0} sent again after 503"));
        env.Error.WriteLine("verdicts by reason: " + string.Join(", ", tally.ByReason().Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} {r.Value:N0}"))));
        foreach (var error in tally.FirstErrors)
        {
            HarisCli.WriteError(env, error);
        }

        return tally.Errors == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temporary folder left behind is not worth failing a run that did its job.
        }
    }

    private static Uri? ParseTarget(ArgumentResult result)
    {
        var text = Token(result);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            result.AddError($"invalid --target '{text}': give the server's address, e.g. http://127.0.0.1:5080");
            return null;
        }

        return uri;
    }

    private static int ParseConnections(ArgumentResult result)
    {
        var text = Token(result);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var connections) || connections < 1 || connections > MaxConnections)
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"invalid --connections '{text}': give a whole number from 1 to {MaxConnections}"));
            return 0;
        }

        return connections;
    }

    // An option of the other profile, given on the command line, is a mistake worth saying rather than ignoring.
    private static void RefuseOptionsOf(ParseResult parseResult, string profile, params Option[] options)
    {
        foreach (var option in options)
        {
            if (parseResult.GetResult(option) is { Implicit: false })
            {
                throw new CliException($"{option.Name} is an option of the {profile} profile (give --profile {profile})");
            }
        }
    }

    private static int ParseMinutes(ArgumentResult result)
    {
        var text = Token(result);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var minutes) || minutes <= 0)
        {
            result.AddError($"invalid --minutes '{text}': give a whole number of minutes more than 0");
            return 0;
        }

        return minutes;
    }

    private static DateTimeOffset ParseStart(ArgumentResult result)
    {
        var text = Token(result);
        if (!SimulationOptions.TryParseStart(text, out var start) || start.Offset.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            result.AddError($"invalid --start '{text}': give an ISO 8601 time such as 2026-06-11T00:00:00+03:00");
            return default;
        }

        return start;
    }

    private static double ParseScale(ArgumentResult result)
    {
        var text = Token(result);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale)
            || !(scale > 0) || scale > SimulationProfiles.MaxScale)
        {
            result.AddError(string.Create(
                CultureInfo.InvariantCulture, $"invalid --scale '{text}': give a number more than 0 and at most {SimulationProfiles.MaxScale}"));
            return 0;
        }

        return scale;
    }

    private static string ParseProfile(ArgumentResult result)
    {
        var text = Token(result);
        if (!SimulationProfiles.IsKnown(text))
        {
            result.AddError($"unknown profile '{text}' for --profile (expected {string.Join(", ", SimulationProfiles.Names)})");
        }

        return text;
    }

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
}
