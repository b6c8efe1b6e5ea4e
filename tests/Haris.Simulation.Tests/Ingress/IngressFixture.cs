using Haris.Operations.Crowd;
using Haris.Operations.Tickets;
using Haris.Operations.Tournaments;
using Haris.Simulation.Ingress;

namespace Haris.Simulation.Tests.Ingress;

/// <summary>A 20,000-fan ingress at the Lantern Stadium (match m08), generated once into memory and shared by the tests that only read it.</summary>
internal sealed class IngressFixture : IDisposable
{
    public const int Fans = 20_000;
    public const int Seed = 8;

    private static readonly Lazy<IngressFixture> s_shared = new(() => new IngressFixture());

    private IngressFixture()
    {
        Tournament = SampleTournament.Value;
        Match = Tournament.Match("m08")!;
        Venue = Tournament.VenueOf(Match);
        Keys = TicketKeyRing.Generate("fixture");
        Issued = IngressSetup.Issue(Tournament, Match, Fans, Seed, new TicketIssuer(Keys));
        Ingress = new MatchIngress
        {
            Tournament = Tournament,
            Match = Match,
            Tickets = Issued.Tickets,
            OtherMatchTickets = Issued.OtherMatchTickets,
            Arrivals = ArrivalCurve.TypicalPreMatch(Fans, Match.KickOffUtc),
            PressuredZone = Issued.PressuredZone,
        };
        (Summary, ScanBytes, LabelBytes) = Generate(new IngressOptions { Seed = Seed });
        Scans = [.. Lines(ScanBytes).Select(TurnstileScan.Parse)];
        Labels = [.. Lines(LabelBytes).Select(IngressLabel.Parse)];
    }

    public static IngressFixture Shared => s_shared.Value;

    public Tournament Tournament { get; }

    public Match Match { get; }

    public Venue Venue { get; }

    public TicketKeyRing Keys { get; }

    public IngressTickets Issued { get; }

    public MatchIngress Ingress { get; }

    public IngressSummary Summary { get; }

    public byte[] ScanBytes { get; }

    public byte[] LabelBytes { get; }

    public IReadOnlyList<TurnstileScan> Scans { get; }

    public IReadOnlyList<IngressLabel> Labels { get; }

    public IngressLabel Label(string kind) => Assert.Single(Labels, l => l.Kind == kind);

    public (IngressSummary Summary, byte[] Scans, byte[] Labels) Generate(IngressOptions options, MatchIngress? ingress = null)
    {
        using var scans = new MemoryStream();
        using var labels = new MemoryStream();
        var summary = IngressSimulator.Run(ingress ?? Ingress, options, scans, labels, TestContext.Current.CancellationToken);
        return (summary, scans.ToArray(), labels.ToArray());
    }

    public static IEnumerable<string> Lines(byte[] bytes) =>
        System.Text.Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public void Dispose() => Keys.Dispose();
}
