using System.CommandLine;
using System.Globalization;
using System.Text;
using Haris.Operations.Planning;
using Haris.Operations.Tickets;
using Spectre.Console;

namespace Haris.Cli.Commands;

/// <summary>
/// <c>haris tickets issue</c>: issues a match's tickets over its stands, signed with the keys in the data directory,
/// into a CSV file; the same seed gives the same tickets.
/// </summary>
internal sealed class TicketsIssueCommand : Command
{
    public static readonly Option<string> ConfigOption = new("--config")
    {
        Description = "The tournament configuration (venues, zones, gates, matches), e.g. samples/tournament.yaml.",
        HelpName = "FILE",
        Required = true,
    };

    public static readonly Option<string> MatchOption = new("--match")
    {
        Description = "The id of the match to issue tickets for.",
        HelpName = "ID",
        Required = true,
    };

    public static readonly Option<int> CountOption = new("--count")
    {
        Description = "How many tickets, spread over the stands in proportion to their seats (1 to 200,000).",
        HelpName = "N",
        Required = true,
        CustomParser = r => TournamentInput.ParseCount(r, "--count"),
    };

    public static readonly Option<string> OutOption = new("--out", "-o")
    {
        Description = "The CSV file to write (ticket_id, match, zone, gate, seat, valid_from, valid_to, token).",
        HelpName = "FILE",
        Required = true,
    };

    public static readonly Option<int?> SeedOption = new("--seed")
    {
        Description = "Seed of the seats sold and the ticket ids (default: derived from the match id, so the same command gives the same tickets).",
        HelpName = "N",
    };

    public TicketsIssueCommand(CliEnvironment env)
        : base("issue", "Issue a match's tickets over its stands, signed with the keys in <data>/ticket-keys, into a CSV file.")
    {
        Options.Add(ConfigOption);
        Options.Add(MatchOption);
        Options.Add(CountOption);
        Options.Add(OutOption);
        Options.Add(SeedOption);
        Options.Add(ServerCommandOptions.DataOption);
        SetAction(parseResult => Execute(env, parseResult));
    }

    private static int Execute(CliEnvironment env, ParseResult parseResult)
    {
        var started = env.Time.GetTimestamp();
        var path = parseResult.GetRequiredValue(ConfigOption);
        var tournament = TournamentInput.Load(env, path);
        var match = TournamentInput.Match(tournament, parseResult.GetValue(MatchOption), path);
        var venue = tournament.VenueOf(match);
        var count = parseResult.GetValue(CountOption);
        var plan = SeatingPlanBuilder.Build(venue);
        var seats = TicketAllocation.Seats(venue, plan);
        if (count > seats)
        {
            throw new CliException(string.Create(
                CultureInfo.InvariantCulture, $"the stands of {venue.Id} have {seats:N0} seats; cannot issue {count:N0} tickets for {match.Id}"));
        }

        var seed = parseResult.GetValue(SeedOption) ?? TicketBatch.DefaultSeed(match.Id);
        var output = parseResult.GetRequiredValue(OutOption);
        using var file = TournamentInput.CreateOutput(output, "--out");
        using var keys = TournamentInput.OpenKeys(TournamentInput.KeysDirectory(parseResult.GetValue(ServerCommandOptions.DataOption)), create: true);
        var quotas = TicketAllocation.Spread(venue, plan, count);
        var tickets = TicketBatch.Issue(new TicketIssuer(keys), match, plan, quotas, seed);
        try
        {
            using var writer = new StreamWriter(file, new UTF8Encoding(false), 1 << 16);
            TicketCsv.Write(writer, tickets);
        }
        catch (IOException ex)
        {
            throw new CliException($"cannot write '{output}': {ex.Message}");
        }

        var elapsed = env.Time.GetElapsedTime(started);
        env.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"issued {tickets.Count:N0} tickets for {TournamentInput.Describe(match)} over {quotas.Count(q => q.Tickets > 0)} stand zones " +
            $"with key {keys.ActiveKeyId} (seed {seed}) into {output} in {elapsed.TotalSeconds:F1} s"));
        return ExitCodes.Success;
    }
}
