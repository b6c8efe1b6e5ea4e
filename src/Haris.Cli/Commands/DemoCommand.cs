using System.CommandLine;
using System.Globalization;
using Haris.Cli.Live;
using Haris.Operations.Tournaments;
using Haris.Server.Hosting;
using Haris.Server.Operations;
using Haris.Server.Operations.Ticketing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Haris.Cli.Commands;

/// <summary>
/// <c>haris demo</c>: the server with the sample tournament on an exercise clock during a match, demo accounts, and a
/// live feed of web attacks, turnstile scans and field incidents through its API, until Ctrl+C.
/// </summary>
internal sealed class DemoCommand : Command
{
    public static readonly Option<bool> ResetOption = new("--reset")
    {
        Description = "Empty the demo's data folder first and start over, with new accounts and passwords.",
    };

    /// <summary>Where the demo keeps its data without <c>--data</c>: beside a real server's <c>./data</c>, never in it.</summary>
    public const string DefaultDataDirectory = "data/demo";

    // The server's --data option, with the demo's own default.
    public static readonly Option<string> DataOption = new("--data")
    {
        Description = "The demo's data folder; a folder that is not empty and is not a demo's is refused.",
        HelpName = "DIR",
        DefaultValueFactory = _ => DefaultDataDirectory,
    };

    /// <summary>How much faster than real time the demo's clock runs: an hour of a match day in a minute.</summary>
    public const double Speed = 60;

    /// <summary>How long before kick-off the demo's clock starts: the gates have been open a while, the crowd is coming.</summary>
    public static readonly TimeSpan StartBeforeKickOff = TimeSpan.FromHours(2);

    private const string SampleTournament = "samples/tournament.yaml";

    public DemoCommand(CliEnvironment env)
        : base("demo", "Run the server with the sample tournament, demo accounts and a live feed of attacks, turnstile scans and field incidents.")
    {
        Options.Add(ServerCommandOptions.ConfigOption);
        Options.Add(DataOption);
        Options.Add(ServerCommandOptions.UrlsOption);
        Options.Add(ResetOption);
        SetAction((parseResult, cancellationToken) => ExecuteAsync(env, parseResult, cancellationToken));
    }

    private static async Task<int> ExecuteAsync(CliEnvironment env, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var settings = new ServeSettings
        {
            ConfigFile = parseResult.GetValue(ServerCommandOptions.ConfigOption),
            DataDirectory = parseResult.GetValue(DataOption),
            Urls = parseResult.GetValue(ServerCommandOptions.UrlsOption),
        };
        if (string.IsNullOrWhiteSpace(settings.DataDirectory))
        {
            throw new CliException("--data needs a folder, e.g. --data data/demo");
        }

        var data = Path.GetFullPath(settings.DataDirectory);
        var run = DemoSetup.Prepare(data, parseResult.GetValue(ResetOption));
        Match? match = null;
        await using var app = ServerCommandOptions.Build(settings, builder => Configure(builder, run, chosen => match = chosen));
        await HarisServer.InitializeAsync(app, cancellationToken).ConfigureAwait(false);
        var tournament = app.Services.GetRequiredService<TournamentCatalog>().Tournament
            ?? throw new CliException("the demo needs a tournament: Tournament:Path in the configuration");
        var time = app.Services.GetRequiredService<TimeProvider>();
        match ??= MatchAround(tournament, time.GetUtcNow());
        var accounts = run == 1 ? await DemoSetup.CreateAccountsAsync(app.Services, cancellationToken).ConfigureAwait(false) : [];
        var (sensorKey, reporterKey) = await DemoSetup.CreateKeysAsync(app.Services, cancellationToken).ConfigureAwait(false);
        DemoSetup.Record(data, run, DateTimeOffset.UtcNow);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new CliException("cannot listen: " + ex.Message);
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = new Uri(addresses.First());
        env.Error.WriteLine($"haris demo: listening on {address}");
        Introduce(env, address, data, match, time, accounts);

        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var feed = new DemoFeed(Loopback(address), sensorKey, reporterKey, TimeProvider.System, message => HarisCli.WriteError(env, message));
        var feeding = feed.RunAsync(tournament, match, run, app.Services.GetRequiredService<TicketOffice>().KeyDirectory, stopping.Token);
        await using (cancellationToken.Register(lifetime.StopApplication))
        {
            await app.WaitForShutdownAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await feeding.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped while the feed was still making the match's tickets: that is how a feed ends.
        }
        env.Error.WriteLine("haris demo: stopped");
        return ExitCodes.Success;
    }

    // The tournament (unless the configuration names one) and the clock (unless it sets one) are the demo's; the
    // clock is made when the server first asks for it, from the tournament the server loaded.
    private static void Configure(WebApplicationBuilder builder, int run, Action<Match> chosen)
    {
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (string.IsNullOrEmpty(builder.Configuration[$"{TournamentOptions.SectionName}:{nameof(TournamentOptions.Path)}"]))
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{TournamentOptions.SectionName}:{nameof(TournamentOptions.Path)}"] = FindSampleTournament(),
            });
        }

        if (!string.IsNullOrEmpty(builder.Configuration[$"{ClockOptions.SectionName}:{nameof(ClockOptions.Start)}"]))
        {
            return;
        }

        // Registered after the server's own clock, so it is the one every service gets.
        builder.Services.AddSingleton<TimeProvider>(services =>
        {
            var tournament = services.GetRequiredService<TournamentCatalog>().Tournament
                ?? throw new CliException("the demo needs a tournament: Tournament:Path in the configuration");

            // Each run of a demo plays the next match, so its tickets and crowd never meet an earlier run's.
            var match = tournament.Matches[(run - 1) % tournament.Matches.Count];
            chosen(match);
            return new ExerciseClock(match.KickOff - StartBeforeKickOff, Speed);
        });
    }

    // With a clock set by the configuration: the match under way then, else the next one, else the last.
    private static Match MatchAround(Tournament tournament, DateTimeOffset now) =>
        tournament.Matches.Where(m => m.KickOffUtc + Haris.Operations.Planning.TicketBatch.ValidAfterKickOff >= now).MinBy(m => m.KickOffUtc)
        ?? tournament.Matches.MaxBy(m => m.KickOffUtc)!;

    // The working directory (a clone of the repository, or a folder in it), then the folders above the program.
    private static string FindSampleTournament()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, SampleTournament);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new CliException($"cannot find {SampleTournament} in this folder, the folders above it or above the program: run the demo in the repository, or give --config with Tournament:Path");
    }

    // The feed talks to the server on the loopback address, whatever address it listens on.
    private static Uri Loopback(Uri address) => address.Host is "0.0.0.0" or "[::]" or "+" or "*"
        ? new UriBuilder(address) { Host = "127.0.0.1" }.Uri
        : address;

    private static void Introduce(CliEnvironment env, Uri address, string data, Match match, TimeProvider time, IReadOnlyList<DemoAccount> accounts)
    {
        var now = time.GetUtcNow().ToOffset(match.KickOff.Offset);
        var speed = time is ExerciseClock exercise ? exercise.Speed : 1;
        var output = env.Out;
        output.WriteLine($"Haris demo: open {address}");
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Match {TournamentInput.Describe(match)}. The server's clock shows {now:yyyy-MM-dd HH:mm zzz} and runs {speed:0.##} times faster than real time."));
        output.WriteLine("Live: web traffic with attack campaigns, the crowd through the turnstiles (with a counterfeit wave at one gate), field incidents.");
        output.WriteLine($"Data: {data}");
        output.WriteLine();
        if (accounts.Count > 0)
        {
            output.WriteLine("Sign in with these accounts. The passwords are shown only this once: keep them.");
            output.WriteLine($"  {"user",-15} {"role",-15} password");
            foreach (var account in accounts)
            {
                output.WriteLine($"  {account.UserName,-15} {account.Role,-15} {account.Password}");
            }
        }
        else
        {
            output.WriteLine($"Sign in as {string.Join(", ", DemoSetup.AccountRoles)}: the passwords were printed when this demo was first run; --reset starts over with new ones.");
        }

        output.WriteLine();
        output.WriteLine("Ctrl+C stops the demo; the same command resumes it with the next match.");
    }
}
