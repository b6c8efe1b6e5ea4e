using System.Globalization;
using System.Net;
using Haris.Cli.Live;
using Haris.Operations.Tickets;
using Haris.Simulation.Ingress;

namespace Haris.Cli.Tests.Live;

public sealed class ScanDriverTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_ManyTokensOverSeveralLanes_EachTokensScansArriveInTheirOrder()
    {
        // 200 holders go in, out and in again; over 8 lanes answered after different delays, the scans of different
        // tokens overtake each other, but a token's own must not: out before in would be refused as a duplicate.
        var scans = new List<TurnstileScan>();
        var directions = new[] { ScanDirection.In, ScanDirection.Out, ScanDirection.In };
        for (var step = 0; step < directions.Length; step++)
        {
            for (var holder = 0; holder < 200; holder++)
            {
                scans.Add(Scan(holder, directions[step], step));
            }
        }

        var server = new FakeHarisServer { Jitter = true };
        using var api = server.Client();

        var tally = await new ScanDriver(api, Clock(api), lanes: 8).RunAsync("dunes", scans, Cancel);

        Assert.Equal(600, tally.Decided);
        Assert.Equal(0, tally.Errors);
        Assert.Equal([new("entered", 400), new("exited", 200)], tally.ByReason());
        foreach (var token in server.Scans.GroupBy(s => s.Token))
        {
            Assert.Equal(["in", "out", "in"], token.Select(s => s.Direction));
        }
    }

    [Fact]
    public async Task Run_ServerBusy_SendsTheScanAgainAndCountsItOnce()
    {
        var server = new FakeHarisServer { Answer = (_, attempt) => attempt < 2 ? HttpStatusCode.ServiceUnavailable : null };
        using var api = server.Client();

        var tally = await new ScanDriver(api, Clock(api), lanes: 2).RunAsync("dunes", [Scan(1, ScanDirection.In, 0), Scan(2, ScanDirection.In, 0)], Cancel);

        Assert.Equal(2, tally.Decided);
        Assert.Equal(0, tally.Errors);
        Assert.Equal(4, api.Retries);
        Assert.Equal(2, server.Scans.Count);
    }

    [Fact]
    public async Task Run_OneScanRefused_CountsTheErrorAndSendsTheRest()
    {
        var refused = Scan(7, ScanDirection.In, 0).Token;
        var server = new FakeHarisServer { Answer = (token, _) => token == refused ? HttpStatusCode.BadRequest : null };
        using var api = server.Client();

        var tally = await new ScanDriver(api, Clock(api), lanes: 4).RunAsync("dunes", [.. Enumerable.Range(0, 20).Select(i => Scan(i, ScanDirection.In, 0))], Cancel);

        Assert.Equal(19, tally.Decided);
        Assert.Equal(1, tally.Errors);
        Assert.Contains("sending a scan: 400", Assert.Single(tally.FirstErrors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_KeyRefused_StopsAndThrowsTheRefusal()
    {
        // A wrong key fails every scan the same way: thousands of identical errors would help nobody.
        var server = new FakeHarisServer { Answer = (_, _) => HttpStatusCode.Unauthorized };
        using var api = server.Client();

        var ex = await Assert.ThrowsAsync<LiveTargetException>(() =>
            new ScanDriver(api, Clock(api), lanes: 4).RunAsync("dunes", [.. Enumerable.Range(0, 5_000).Select(i => Scan(i, ScanDirection.In, 0))], Cancel));

        Assert.Equal(401, ex.Status);
        Assert.Empty(server.Scans);
    }

    private static ServerClock Clock(HarisApiClient api) => new(api.GetClockAsync, TimeProvider.System);

    private static TurnstileScan Scan(int holder, ScanDirection direction, int minute) => new(
        FakeHarisServer.Now.AddHours(-3).AddMinutes(minute),
        "g" + (holder % 5).ToString(CultureInfo.InvariantCulture),
        "token-" + holder.ToString(CultureInfo.InvariantCulture),
        direction);
}
