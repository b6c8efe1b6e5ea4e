using System.Text.Json;

namespace Haris.EndToEnd.Tests;

/// <summary>
/// The match-day ingress as a real process: <c>haris tickets issue</c> signs a match's tickets with the keys of a data
/// folder, <c>haris simulate --profile ingress</c> writes the turnstile scans of the same match with those keys, and
/// <c>haris tickets verify</c> tells the genuine tokens among the scans from the counterfeits.
/// </summary>
public sealed class TicketsAndIngressTests
{
    private static readonly string s_tournament = Path.Combine(SharedData.RepositoryRoot, "samples", "tournament.yaml");

    [Fact]
    public async Task IssueTickets_SimulateIngress_VerifyScannedTokens()
    {
        using var dir = new TempDirectory();

        var issue = await HarisProcess.RunAsync(dir.Path, null, "tickets", "issue", "--config", s_tournament, "--match", "m08", "--count", "500", "--out", "tickets.csv", "--data", "data");
        var again = await HarisProcess.RunAsync(dir.Path, null, "tickets", "issue", "--config", s_tournament, "--match", "m08", "--count", "500", "--out", "again.csv", "--data", "data");
        var simulate = await HarisProcess.RunAsync(dir.Path, null, "simulate", "--profile", "ingress", "--config", s_tournament, "--match", "m08", "--fans", "3000", "--seed", "5", "--out", "run", "--data", "data");

        Assert.True(issue.ExitCode == 0, issue.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.True(simulate.ExitCode == 0, simulate.ToString());
        var key = Path.GetFileName(Directory.GetFiles(Path.Combine(dir.Path, "data", "ticket-keys"), "*.private.pem").Single()).Split('.')[0];

        // The tickets: a header and 500 lines, over the four stands, signed with the data folder's key; the same
        // command gives the same tickets (only the randomised ECDSA signatures differ).
        var tickets = dir.Read("tickets.csv").Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("ticket_id,match,zone,gate,seat,valid_from,valid_to,token", tickets[0]);
        Assert.Equal(501, tickets.Length);
        Assert.Equal(["east", "north", "south", "west"], tickets.Skip(1).Select(l => l.Split(',')[2]).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(
            tickets.Select(WithoutToken),
            dir.Read("again.csv").Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(WithoutToken));
        Assert.Contains("issued 500 tickets for m08", issue.Stderr, StringComparison.Ordinal);
        Assert.Contains("over 4 stand zones with key " + key, issue.Stderr, StringComparison.Ordinal);
        Assert.Empty(issue.Stdout);

        // The ingress: its own tickets, time-ordered scans of the four documented fields, and labels of every injection.
        Assert.Equal(3001, dir.Read("run/tickets.csv").Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        var scans = dir.Read("run/scans.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.True(scans.Count > 6000, scans.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(scans, s => Assert.Equal(["time", "gate", "token", "direction"], s.EnumerateObject().Select(p => p.Name)));
        var times = scans.Select(s => DateTimeOffset.Parse(s.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times);
        var labels = dir.Read("run/ingress-labels.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        var kinds = labels.Select(l => l.GetProperty("kind").GetString()).ToList();
        Assert.Contains("counterfeit_wave", kinds);
        Assert.Contains("gate_failure", kinds);
        Assert.Contains("zone_pressure", kinds);
        Assert.Contains("egress", kinds);
        Assert.Contains("simulated the ingress of m08", simulate.Stderr, StringComparison.Ordinal);
        Assert.Contains("key " + key, simulate.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "run", "ticket-keys")), "the run made a key of its own although --data named one");

        // Offline at a gate: a holder's token is genuine; one of the wave's forgeries is not.
        var wave = labels.Single(l => l.GetProperty("kind").GetString() == "counterfeit_wave");
        var issued = dir.Read("run/tickets.csv").Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[7]).ToHashSet(StringComparer.Ordinal);
        var genuine = scans.First(s => issued.Contains(s.GetProperty("token").GetString()!)).GetProperty("token").GetString()!;
        var forged = scans.First(s => s.GetProperty("gate").GetString() == wave.GetProperty("gate").GetString()
            && !issued.Contains(s.GetProperty("token").GetString()!) && s.GetProperty("token").GetString()!.Contains('.', StringComparison.Ordinal)).GetProperty("token").GetString()!;

        // Copied out of the CSV, whose lines end in CRLF, the token may keep its CR: that is not a forgery.
        var good = await HarisProcess.RunAsync(dir.Path, null, "tickets", "verify", "--config", s_tournament, "--data", "data", genuine + "\r");
        var both = await HarisProcess.RunAsync(dir.Path, null, "tickets", "verify", "--data", "data", genuine, forged);

        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.Contains("token 1: genuine, signed by key " + key, good.Stdout, StringComparison.Ordinal);
        Assert.Contains("match   m08 (Tunisia v Canada at lantern", good.Stdout, StringComparison.Ordinal);
        Assert.Contains("checks  match, zone and gate are the tournament's", good.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, both.ExitCode);
        Assert.Contains("token 2: counterfeit", both.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 token(s): 1 genuine, 1 not", both.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    // Each is refused with one line naming the problem, before any file is written.
    [InlineData("--match m99 --count 10", "no match 'm99'")]
    [InlineData("--match m08 --count 0", "invalid --count '0'")]
    [InlineData("--match m08 --count 200001", "invalid --count '200001'")]
    [InlineData("--match m08 --count 50000", "the stands of lantern have")]
    [InlineData("--match m08 --count 10 --out missing/tickets.csv", "cannot write 'missing/tickets.csv'")]
    public async Task IssueTickets_BadInput_ExitsOneWithOneLine(string args, string expected)
    {
        using var dir = new TempDirectory();
        var arguments = new List<string> { "tickets", "issue", "--config", s_tournament, "--data", "data" };
        arguments.AddRange(args.Split(' '));
        if (!args.Contains("--out", StringComparison.Ordinal))
        {
            arguments.AddRange(["--out", "tickets.csv"]);
        }

        var run = await HarisProcess.RunAsync(dir.Path, null, [.. arguments]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("haris: error: " + expected, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir.Path, "tickets.csv")));
    }

    [Fact]
    public async Task IssueTickets_BrokenTournament_PrintsEachProblemWithItsLine()
    {
        using var dir = new TempDirectory();
        dir.Write("cup.yaml", "name: Cup\nvenues:\n  - id: harbour\n    capacity: -5\n");

        var run = await HarisProcess.RunAsync(dir.Path, null, "tickets", "issue", "--config", "cup.yaml", "--match", "m1", "--count", "1", "--out", "t.csv");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cup.yaml:4: venues[0].capacity: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("haris: error: cup.yaml: ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyTokens_NoKeys_ExitsOneWithoutCreatingAny()
    {
        using var dir = new TempDirectory();

        var run = await HarisProcess.RunAsync(dir.Path, null, "tickets", "verify", "--data", "data", "AAAA.BBBB");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("haris: error: no ticket keys in ", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "data")));
    }

    private static string WithoutToken(string line) => line[..line.LastIndexOf(',')];
}
