using Haris.Operations.Accreditation;
using Haris.Operations.Tournaments;
using static Haris.Operations.Tests.Accreditation.AccreditationTestData;

namespace Haris.Operations.Tests.Accreditation;

public sealed class AccreditationCheckerTests
{
    private readonly AccreditationRegistry _registry = new();

    [Fact]
    public void Check_ListedZone_Admits()
    {
        _registry.TryAdd(Person("MED-0001", VenueAccess.ToZones("harbour", "pitch", "media-tribune")));

        var verdict = Checker().Check(Scan("MED-0001", "media-tribune", MatchDay));

        Assert.Equal(AccreditationDecision.Admit, verdict.Decision);
        Assert.Equal(AccreditationReason.Allowed, verdict.Reason);
        Assert.Equal(("admit", "allowed"), (verdict.DecisionName, verdict.ReasonName));
        Assert.Equal("MED-0001", verdict.Person!.BadgeId);
    }

    [Fact]
    public void Check_ZoneNotListed_DeniesZoneNotAllowed()
    {
        _registry.TryAdd(Person("MED-0001", VenueAccess.ToZones("harbour", "pitch", "media-tribune")));

        var verdict = Checker().Check(Scan("MED-0001", "staff-east", MatchDay));

        Assert.Equal(AccreditationDecision.Deny, verdict.Decision);
        Assert.Equal("zone_not_allowed", verdict.ReasonName);
        Assert.Equal("deny", verdict.DecisionName);
    }

    [Fact]
    public void Check_UnknownBadge_DeniesWithoutPerson()
    {
        var verdict = Checker().Check(Scan("NOBODY", "north", MatchDay));

        Assert.Equal(AccreditationReason.UnknownBadge, verdict.Reason);
        Assert.Null(verdict.Person);
    }

    [Fact]
    public void Check_BadgeIdsAreCaseSensitive()
    {
        // A badge id is what the barcode or chip carries; "stf-1" is another badge than "STF-1".
        _registry.TryAdd(Person("STF-1", VenueAccess.ToAllZones("harbour")));

        Assert.Equal(AccreditationReason.UnknownBadge, Checker().Check(Scan("stf-1", "north", MatchDay)).Reason);
    }

    [Theory]
    // Each staff zone of harbour, whichever its id: the type resolves against the venue's zones.
    [InlineData("staff-east", true)]
    [InlineData("staff-west", true)]
    // A stand is not a staff zone.
    [InlineData("north", false)]
    // The pitch neighbours a staff zone but is not one.
    [InlineData("pitch", false)]
    public void Check_AllZonesOfAType_ResolvesAgainstTheVenue(string zone, bool admitted)
    {
        _registry.TryAdd(Person("STW-0042", VenueAccess.ToZoneTypes("harbour", ZoneType.Staff)));

        var verdict = Checker().Check(Scan("STW-0042", zone, MatchDay));

        Assert.Equal(admitted, verdict.IsAdmitted);
        Assert.Equal(admitted ? AccreditationReason.Allowed : AccreditationReason.ZoneNotAllowed, verdict.Reason);
    }

    [Theory]
    [InlineData("harbour", "staff-west", true)]
    [InlineData("corniche", "staff-room", true)]
    [InlineData("oasis", "staff-room", true)]
    [InlineData("oasis", "bowl", false)]
    public void Check_TypeAtAllVenues_OpensThatTypeEverywhere(string venue, string zone, bool admitted)
    {
        _registry.TryAdd(Person("POL-7", VenueAccess.ToZoneTypes(VenueAccess.AllVenues, ZoneType.Staff)));

        Assert.Equal(admitted, Checker().Check(Scan("POL-7", zone, MatchDay, venue)).IsAdmitted);
    }

    [Fact]
    public void Check_OtherVenue_DeniesVenueNotAllowed()
    {
        _registry.TryAdd(Person("STW-0042", VenueAccess.ToAllZones("harbour")));

        var verdict = Checker().Check(Scan("STW-0042", "bowl", MatchDay, "oasis"));

        Assert.Equal(AccreditationReason.VenueNotAllowed, verdict.Reason);
    }

    [Fact]
    public void Check_GrantsAtTwoVenues_EachOpensItsOwnZones()
    {
        // pitch exists at both harbour and corniche; the grant for corniche is the staff room only.
        _registry.TryAdd(Person("DEL-QAT-03",
            VenueAccess.ToZones("harbour", "pitch"),
            VenueAccess.ToZones("corniche", "staff-room")));

        Assert.True(Checker().Check(Scan("DEL-QAT-03", "pitch", MatchDay)).IsAdmitted);
        Assert.True(Checker().Check(Scan("DEL-QAT-03", "staff-room", MatchDay, "corniche")).IsAdmitted);
        Assert.Equal(AccreditationReason.ZoneNotAllowed, Checker().Check(Scan("DEL-QAT-03", "pitch", MatchDay, "corniche")).Reason);
    }

    [Fact]
    public void Check_VenueOrZoneTheTournamentLacks_DeniedEvenForAllZonesEverywhere()
    {
        // A checkpoint set up with a wrong venue or zone id must not open doors: it fails closed.
        _registry.TryAdd(Person("CMD-1", VenueAccess.ToAllZones(VenueAccess.AllVenues)));

        Assert.Equal(AccreditationReason.VenueNotAllowed, Checker().Check(Scan("CMD-1", "north", MatchDay, "atlantis")).Reason);
        Assert.Equal(AccreditationReason.ZoneNotAllowed, Checker().Check(Scan("CMD-1", "north-upper", MatchDay)).Reason);
        Assert.True(Checker().Check(Scan("CMD-1", "north", MatchDay)).IsAdmitted);
    }

    [Theory]
    // The first second of the window admits; the second before it does not.
    [InlineData("2026-06-01T00:00:00Z", true)]
    [InlineData("2026-05-31T23:59:59Z", false)]
    // The last second admits, to its end (valid_to is inclusive, to the second, as for tickets).
    [InlineData("2026-07-20T23:59:59Z", true)]
    [InlineData("2026-07-20T23:59:59.999Z", true)]
    [InlineData("2026-07-21T00:00:00Z", false)]
    // Offsets are instants: 03:00 in Doha on 1 June is midnight UTC.
    [InlineData("2026-06-01T02:59:59+03:00", false)]
    [InlineData("2026-06-01T03:00:00+03:00", true)]
    public void Check_ValidityWindow_InclusiveToTheSecond(string time, bool admitted)
    {
        _registry.TryAdd(Person("VOL-1", VenueAccess.ToAllZones("harbour")));

        var verdict = Checker().Check(Scan("VOL-1", "north", DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(admitted ? AccreditationReason.Allowed : AccreditationReason.OutsideValidity, verdict.Reason);
    }

    [Fact]
    public void Check_RevokedThenReinstated_DeniedThenAdmitted()
    {
        _registry.TryAdd(Person("STW-9", VenueAccess.ToAllZones("harbour")));
        var checker = Checker();

        Assert.True(_registry.Revoke("STW-9", MatchDay, "reported stolen"));
        Assert.Equal(AccreditationReason.Revoked, checker.Check(Scan("STW-9", "north", MatchDay)).Reason);

        // A revoked badge is denied whatever the scan's time, even one stamped before the revocation.
        Assert.Equal(AccreditationReason.Revoked, checker.Check(Scan("STW-9", "north", MatchDay.AddHours(-1))).Reason);

        Assert.True(_registry.Reinstate("STW-9"));
        Assert.True(checker.Check(Scan("STW-9", "north", MatchDay)).IsAdmitted);
    }

    [Theory]
    // Revoked wins over every later check: the room must learn a revoked badge is in use.
    [InlineData(true, "2026-08-01T12:00:00Z", "oasis", "bowl", AccreditationReason.Revoked)]
    // Outside validity before the venue: an expired badge says expired, wherever it is shown.
    [InlineData(false, "2026-08-01T12:00:00Z", "oasis", "bowl", AccreditationReason.OutsideValidity)]
    // Venue before zone: another venue's zone is a venue problem.
    [InlineData(false, "2026-06-12T17:00:00Z", "oasis", "bowl", AccreditationReason.VenueNotAllowed)]
    [InlineData(false, "2026-06-12T17:00:00Z", "harbour", "pitch", AccreditationReason.ZoneNotAllowed)]
    public void Check_SeveralProblems_FirstInTheDocumentedOrderWins(bool revoked, string time, string venue, string zone, AccreditationReason expected)
    {
        _registry.TryAdd(Person("MIX-1", VenueAccess.ToZones("harbour", "north")));
        if (revoked)
        {
            _registry.Revoke("MIX-1", MatchDay);
        }

        var verdict = Checker().Check(Scan("MIX-1", zone, DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture), venue));

        Assert.Equal(expected, verdict.Reason);
    }

    [Fact]
    public void Check_ScanWithoutZone_IsAProgrammingError()
    {
        Assert.Throws<ArgumentException>(() => Checker().Check(new CheckpointScan("X", "harbour", "door", "", MatchDay)));
        Assert.Throws<ArgumentException>(() => Checker().Check(new CheckpointScan("X", "harbour", "", "north", MatchDay)));
    }

    [Fact]
    public void Check_SampleTournament_StaffTypeOpensTheStaffZoneOfEveryVenue()
    {
        // samples/tournament.yaml: every venue has one staff zone; a police badge for all staff zones everywhere opens
        // each of them and no stand.
        _registry.TryAdd(Person("POL-100", VenueAccess.ToZoneTypes(VenueAccess.AllVenues, ZoneType.Staff)));
        var checker = new AccreditationChecker(Sample, _registry);

        Assert.All(Sample.Venues, venue =>
        {
            foreach (var zone in venue.Zones)
            {
                var verdict = checker.Check(new CheckpointScan("POL-100", venue.Id, "door", zone.Id, MatchDay));
                Assert.Equal(zone.Type == ZoneType.Staff, verdict.IsAdmitted);
            }
        });
    }

    [Fact]
    public void ReasonNames_AreTheDocumentedOnes() =>
        Assert.Equal(
            ["allowed", "unknown_badge", "revoked", "outside_validity", "venue_not_allowed", "zone_not_allowed"],
            Enum.GetValues<AccreditationReason>().Select(AccreditationVerdict.NameOf));

    private AccreditationChecker Checker() => new(Cup, _registry);
}
