using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Haris.Simulation;
using Spectre.Console;

namespace Haris.Cli.Commands;

/// <summary><c>haris simulate</c>: writes a seeded match day of web, SSH and Suricata logs with labelled attacks.</summary>
internal sealed class SimulateCommand : Command
{
    public static readonly Option<string> OutOption = new("--out", "-o")
    {
        Description = "Folder to write access.log, auth.log, eve.json and labels.jsonl into (created if needed).",
        HelpName = "DIR",
        Required = true,
    };

    public static readonly Option<int> SeedOption = new("--seed")
    {
        Description = "Seed of every random choice; the same seed and options give byte-identical files.",
        HelpName = "N",
        Required = true,
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
        Description = "Traffic profile (default: matchday, the only one).",
        HelpName = "matchday",
        DefaultValueFactory = _ => SimulationProfiles.MatchDay,
        CustomParser = ParseProfile,
    };

    public SimulateCommand(CliEnvironment env)
        : base("simulate", "Generate a seeded match day of web, SSH and Suricata logs with labelled attack campaigns.")
    {
        Options.Add(OutOption);
        Options.Add(SeedOption);
        Options.Add(MinutesOption);
        Options.Add(StartOption);
        Options.Add(ScaleOption);
        Options.Add(ProfileOption);
        SetAction((parseResult, cancellationToken) => Task.FromResult(Execute(env, parseResult, cancellationToken)));
    }

    private static int Execute(CliEnvironment env, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.GetValue(OutOption) ?? string.Empty;
        if (string.IsNullOrWhiteSpace(output))
        {
            throw new CliException("--out needs a folder, e.g. --out /tmp/day");
        }

        var options = new SimulationOptions
        {
            Seed = parseResult.GetValue(SeedOption),
            Minutes = parseResult.GetValue(MinutesOption),
            Start = parseResult.GetValue(StartOption),
            Scale = parseResult.GetValue(ScaleOption),
            Profile = parseResult.GetValue(ProfileOption) ?? SimulationProfiles.MatchDay,
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
        return ExitCodes.Success;
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
