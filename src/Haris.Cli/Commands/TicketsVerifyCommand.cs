using System.CommandLine;
using System.Globalization;
using Haris.Operations.Tickets;
using Haris.Operations.Tournaments;
using Spectre.Console;

namespace Haris.Cli.Commands;

/// <summary>
/// <c>haris tickets verify</c>: checks tokens offline against the signing keys, as a steward's device at a gate with no
/// network would, and prints what each genuine token says.
/// </summary>
internal sealed class TicketsVerifyCommand : Command
{
    public static readonly Argument<string[]> TokensArgument = new("TOKEN")
    {
        Description = "Tokens as read from the QR code.",
        Arity = ArgumentArity.OneOrMore,
    };

    public static readonly Option<string?> ConfigOption = new("--config")
    {
        Description = "The tournament configuration; when given, each genuine token's match, zone and gate are checked against it.",
        HelpName = "FILE",
    };

    public TicketsVerifyCommand(CliEnvironment env)
        : base("verify", "Check ticket tokens offline against the keys in <data>/ticket-keys; exit 0 when every token is genuine.")
    {
        Arguments.Add(TokensArgument);
        Options.Add(ConfigOption);
        Options.Add(ServerCommandOptions.DataOption);
        SetAction(parseResult => Execute(env, parseResult));
    }

    private static int Execute(CliEnvironment env, ParseResult parseResult)
    {
        var path = parseResult.GetValue(ConfigOption);
        var tournament = path is null ? null : TournamentInput.Load(env, path);
        using var keys = TournamentInput.OpenKeys(TournamentInput.KeysDirectory(parseResult.GetValue(ServerCommandOptions.DataOption)), create: false);
        var tokens = parseResult.GetValue(TokensArgument) ?? [];
        var now = env.Time.GetUtcNow();
        var genuine = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            // A token copied out of the CSV (CRLF lines) or a scanner's output may carry a line end; it is no part of a token.
            if (Print(env.Out, i + 1, tokens[i].Trim(), keys, tournament, now))
            {
                genuine++;
            }
        }

        env.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"{tokens.Length} token(s): {genuine} genuine, {tokens.Length - genuine} not"));
        return genuine == tokens.Length ? ExitCodes.Success : ExitCodes.Failure;
    }

    // Every value printed comes from a token anyone can write; it is printed as text, never as console markup, and
    // the decoder has already refused control characters in it.
    private static bool Print(IAnsiConsole console, int number, string token, TicketKeyRing keys, Tournament? tournament, DateTimeOffset now)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"token {number}: ");
        if (!token.Contains('.', StringComparison.Ordinal))
        {
            console.WriteLine(prefix + "not a signed token: a bare barcode is genuine only if the imported ticket list has it, which this check does not read");
            return false;
        }

        var error = TicketToken.Verify(token, keys, out var payload);
        if (error != TokenError.None)
        {
            console.WriteLine($"{prefix}counterfeit ({Describe(error)}): refuse it");
            if (TicketToken.TryReadUnverified(token, out var claims))
            {
                console.WriteLine($"  claims  ticket {claims.TicketId}, match {claims.MatchId}, zone {claims.ZoneId}, gate {claims.GateId}, key {claims.KeyId} (unverified: anyone can write these)");
            }

            return false;
        }

        console.WriteLine($"{prefix}genuine, signed by key {payload!.KeyId}");
        console.WriteLine($"  ticket  {payload.TicketId}");
        var match = tournament?.Match(payload.MatchId);
        console.WriteLine("  match   " + (match is null ? payload.MatchId : TournamentInput.Describe(match)));
        console.WriteLine($"  zone    {payload.ZoneId}");
        console.WriteLine($"  gate    {payload.GateId}");
        console.WriteLine("  seat    " + (payload.Seat.Length == 0 ? "(standing)" : payload.Seat));
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  valid   {payload.NotBefore.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} to {payload.NotAfter.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} ({Window(payload, now)})"));
        if (tournament is not null)
        {
            console.WriteLine("  checks  " + Check(tournament, payload));
        }

        return true;
    }

    private static string Window(TicketPayload payload, DateTimeOffset now)
    {
        var second = now.ToUnixTimeSeconds();
        return second < payload.NotBefore.ToUnixTimeSeconds() ? "not valid yet" : second > payload.NotAfter.ToUnixTimeSeconds() ? "expired" : "valid now";
    }

    // A genuine signature says the issuer wrote these values; the tournament says whether they still make sense there.
    private static string Check(Tournament tournament, TicketPayload payload)
    {
        if (tournament.Match(payload.MatchId) is not { } match)
        {
            return $"match '{payload.MatchId}' is not in the tournament";
        }

        var venue = tournament.VenueOf(match);
        if (venue.Zone(payload.ZoneId) is null)
        {
            return $"zone '{payload.ZoneId}' is not at {venue.Id}";
        }

        if (venue.Gate(payload.GateId) is not { } gate)
        {
            return $"gate '{payload.GateId}' is not at {venue.Id}";
        }

        return gate.Zones.Contains(payload.ZoneId)
            ? $"match, zone and gate are the tournament's; gate {gate.Id} leads to {payload.ZoneId}"
            : $"gate {gate.Id} does not lead to zone {payload.ZoneId}";
    }

    private static string Describe(TokenError error) => error switch
    {
        TokenError.Malformed => "malformed: not a ticket token",
        TokenError.UnknownKey => "unknown key: signed by a key this ring does not hold, or a retired one",
        TokenError.BadSignature => "bad signature: the ticket was altered or forged",
        _ => error.ToString(),
    };
}
