using Haris.Operations.Tickets;
using Haris.Simulation.Ingress;

namespace Haris.Simulation.Tests.Ingress;

public sealed class CounterfeiterTests
{
    [Fact]
    public void Next_EveryCounterfeitIsRefused_ForEachOfTheFourReasons()
    {
        using var keys = TicketKeyRing.Generate("real");
        var genuine = new TicketIssuer(keys).Issue(
            "7K3M9QX2ZC4D", "m08", "north-lower", "n1", "101-1-1", DateTimeOffset.UnixEpoch.AddYears(56), DateTimeOffset.UnixEpoch.AddYears(57)).Token!;
        var counterfeiter = new Counterfeiter(new Random(5));
        var errors = new Dictionary<TokenError, int>();

        for (var i = 0; i < 400; i++)
        {
            var token = counterfeiter.Next(genuine);
            Assert.NotEqual(genuine, token);
            var error = token.Contains('.', StringComparison.Ordinal) ? TicketToken.Verify(token, keys, out _) : TokenError.UnknownBarcode;
            Assert.NotEqual(TokenError.None, error);
            errors[error] = errors.GetValueOrDefault(error) + 1;
        }

        Assert.Equal(4, errors.Count);
        Assert.InRange(errors[TokenError.BadSignature], 180, 260);
        Assert.True(errors[TokenError.UnknownKey] > 20);
        Assert.True(errors[TokenError.Malformed] > 50);
        Assert.True(errors[TokenError.UnknownBarcode] > 30);
    }

    [Fact]
    public void Next_ForgedTicket_StillReadsAsATicketOfTheSameGate()
    {
        // A forger copies what is printed: the forged payload still claims the match, zone and gate, only the number changes.
        using var keys = TicketKeyRing.Generate("real");
        var genuine = new TicketIssuer(keys).Issue(
            "7K3M9QX2ZC4D", "m08", "north-lower", "n1", "101-1-1", DateTimeOffset.UnixEpoch.AddYears(56), DateTimeOffset.UnixEpoch.AddYears(57)).Token!;
        var counterfeiter = new Counterfeiter(new Random(6));

        var forged = Enumerable.Range(0, 100).Select(_ => counterfeiter.Next(genuine))
            .First(t => t.Contains('.', StringComparison.Ordinal) && TicketToken.Verify(t, keys, out _) == TokenError.BadSignature);

        Assert.True(TicketToken.TryReadUnverified(forged, out var payload));
        Assert.Equal(("m08", "north-lower", "n1", "real"), (payload.MatchId, payload.ZoneId, payload.GateId, payload.KeyId));
        Assert.NotEqual("7K3M9QX2ZC4D", payload.TicketId);
    }
}
