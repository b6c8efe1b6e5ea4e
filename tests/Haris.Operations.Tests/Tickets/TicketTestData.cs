using Haris.Operations.Tickets;
using Microsoft.Extensions.Time.Testing;

namespace Haris.Operations.Tests.Tickets;

/// <summary>A match, its gates and a validator around them, with a fake clock set inside the validity window.</summary>
internal sealed class TicketTestData : IDisposable
{
    public const string Match = "WC26-M064";
    public const string OtherMatch = "WC26-M065";
    public const string Zone = "N-LOWER";
    public const string Gate = "C3";
    public const string NeighbourGate = "C4";
    public const string FarGate = "A1";
    public const string Seat = "112-14-7";

    public static readonly DateTimeOffset GatesOpen = new(2026, 6, 14, 15, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset GatesClose = new(2026, 6, 14, 22, 0, 0, TimeSpan.Zero);

    /// <param name="now">Where the fake clock starts; by default two hours after the gates open.</param>
    public TicketTestData(DateTimeOffset? now = null)
    {
        Keys = TicketKeyRing.Generate("k1");
        Issuer = new TicketIssuer(Keys);
        Gates = new TicketGatePlan()
            .Open(Gate, Match).Serve(Gate, Zone)
            .Open(NeighbourGate, Match).Serve(NeighbourGate, Zone)
            .Open(FarGate, Match).Serve(FarGate, "S-UPPER");
        Time = new FakeTimeProvider(now ?? GatesOpen.AddHours(2));
        Validator = new TicketValidator(Keys, Registry, Gates, Revocations, Presence, Time);
    }

    public TicketKeyRing Keys { get; }

    public TicketIssuer Issuer { get; }

    public TicketRegistry Registry { get; } = new();

    public TicketGatePlan Gates { get; }

    public InMemoryTicketRevocations Revocations { get; } = new();

    public InMemoryTicketPresence Presence { get; } = new();

    public FakeTimeProvider Time { get; }

    public TicketValidator Validator { get; }

    public IssuedTicket Issue(string ticketId = "7K3M9QX2ZC4D", string match = Match, string zone = Zone, string gate = Gate) =>
        Issuer.Issue(ticketId, match, zone, gate, Seat, GatesOpen, GatesClose);

    public ScanVerdict Scan(string token, string gate = Gate, ScanDirection direction = ScanDirection.In) =>
        Validator.Validate(new ScanRequest(gate, token, direction));

    public void Dispose() => Keys.Dispose();
}
