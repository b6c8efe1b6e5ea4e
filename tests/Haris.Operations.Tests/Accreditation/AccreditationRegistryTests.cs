using Haris.Operations.Accreditation;
using static Haris.Operations.Tests.Accreditation.AccreditationTestData;

namespace Haris.Operations.Tests.Accreditation;

public sealed class AccreditationRegistryTests
{
    private readonly AccreditationRegistry _registry = new();

    [Fact]
    public void TryAdd_SameBadgeTwice_KeepsTheFirst()
    {
        var first = Person("B-1", VenueAccess.ToAllZones("harbour"));

        Assert.True(_registry.TryAdd(first));
        Assert.False(_registry.TryAdd(Person("B-1", VenueAccess.ToAllZones("oasis"))));

        Assert.True(_registry.TryGet("B-1", out var person));
        Assert.Same(first, person);
        Assert.Equal(1, _registry.Count);
    }

    [Fact]
    public void AddOrReplace_ReimportedPerson_ReplacesButStaysRevoked()
    {
        // Importing the list again must not undo a revocation made in the operations room.
        _registry.TryAdd(Person("B-1", VenueAccess.ToAllZones("harbour")));
        _registry.Revoke("B-1", MatchDay, "lost");
        var updated = Person("B-1", VenueAccess.ToAllZones("oasis"));

        _registry.AddOrReplace(updated);

        Assert.True(_registry.TryGet("B-1", out var person));
        Assert.Same(updated, person);
        Assert.True(_registry.IsRevoked("B-1"));
    }

    [Fact]
    public void Revoke_BeforeImport_StaysInForce()
    {
        // A badge reported stolen can be revoked before the list that names it arrives.
        Assert.True(_registry.Revoke("B-7", MatchDay, "reported stolen"));
        Assert.False(_registry.Revoke("B-7", MatchDay.AddMinutes(1), "again"));
        _registry.TryAdd(Person("B-7", VenueAccess.ToAllZones("harbour")));
        _registry.Remove("B-7");
        _registry.TryAdd(Person("B-7", VenueAccess.ToAllZones("harbour")));

        Assert.Equal(new BadgeRevocation("B-7", MatchDay, "reported stolen"), _registry.Revocation("B-7"));
        Assert.Single(_registry.Revocations);
        Assert.True(_registry.Reinstate("B-7"));
        Assert.False(_registry.Reinstate("B-7"));
        Assert.Null(_registry.Revocation("B-7"));
    }

    public static TheoryData<string, Func<AccreditedPerson, AccreditedPerson>> BrokenPeople => new()
    {
        // A space would make the id read differently on a badge, a screen and a log.
        { "badge_id 'B 1' is not a badge id", p => p with { BadgeId = "B 1" } },
        { "badge_id is empty", p => p with { BadgeId = "" } },
        { "name is empty", p => p with { Name = " " } },
        { "organisation contains a control character", p => p with { Organisation = "Police\u0007" } },
        // A right-to-left override makes a name read differently on screen than it is stored.
        { "name contains a bidirectional override character", p => p with { Name = "Ali \u202Eevil" } },
        { "valid_to is before valid_from", p => p with { ValidTo = p.ValidFrom.AddSeconds(-1) } },
        { "zones is empty", p => p with { Access = [] } },
        { "opens no zone", p => p with { Access = [new VenueAccess { VenueId = "harbour" }] } },
        { "'Harbour' is not a venue id", p => p with { Access = [VenueAccess.ToAllZones("Harbour")] } },
        { "'north stand' is not a zone id", p => p with { Access = [VenueAccess.ToZones("harbour", "north stand")] } },
    };

    [Theory]
    [MemberData(nameof(BrokenPeople))]
    public void TryAdd_BrokenPerson_Throws(string expected, Func<AccreditedPerson, AccreditedPerson> breakIt)
    {
        var person = breakIt(Person("B-1", VenueAccess.ToAllZones("harbour")));

        var error = Assert.Throws<ArgumentException>(() => _registry.TryAdd(person));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _registry.Count);
    }

    [Fact]
    public void Revoke_BadBadgeIdOrReason_Throws()
    {
        Assert.Throws<ArgumentException>(() => _registry.Revoke("not a badge", MatchDay));
        Assert.Throws<ArgumentException>(() => _registry.Revoke("B-1", MatchDay, "line\nbreak"));
    }

    [Fact]
    public void AddRange_ReportsTheSkippedBadges()
    {
        _registry.TryAdd(Person("B-2", VenueAccess.ToAllZones("harbour")));

        var skipped = _registry.AddRange([Person("B-1", VenueAccess.ToAllZones("harbour")), Person("B-2", VenueAccess.ToAllZones("oasis"))]);

        Assert.Equal(["B-2"], skipped);
        Assert.Equal(2, _registry.Count);
    }

    [Fact]
    public async Task ConcurrentAddsRevokesAndChecks_EndConsistent()
    {
        // Four writers add 2,000 people each (every badge offered by two of them, so half the adds lose), revoke every
        // tenth and then reinstate every twentieth, while a checker reads throughout. Nothing may be lost, doubled or torn.
        const int PerWriter = 2_000;
        var checker = new AccreditationChecker(Cup, _registry);
        var added = 0;
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < PerWriter; i++)
            {
                var n = (w / 2 * PerWriter) + i;
                var badge = $"B-{n}";
                if (_registry.TryAdd(Person(badge, VenueAccess.ToAllZones("harbour"))))
                {
                    Interlocked.Increment(ref added);
                }

                if (n % 10 == 0)
                {
                    _registry.Revoke(badge, MatchDay);
                }

                if (n % 20 == 0)
                {
                    _registry.Reinstate(badge);
                }
            }
        }, TestContext.Current.CancellationToken)).ToList();
        var reader = Task.Run(() =>
        {
            var seen = 0;
            while (writers.Any(t => !t.IsCompleted))
            {
                for (var n = 0; n < 2 * PerWriter; n += 97)
                {
                    var verdict = checker.Check(Scan($"B-{n}", "north", MatchDay));
                    Assert.True(verdict.Reason is AccreditationReason.UnknownBadge or AccreditationReason.Revoked or AccreditationReason.Allowed);
                    Assert.True(verdict.Person is null || verdict.Person.BadgeId == $"B-{n}");
                    seen++;
                }
            }

            return seen;
        }, TestContext.Current.CancellationToken);

        await Task.WhenAll(writers);
        await reader;

        Assert.Equal(2 * PerWriter, added);
        Assert.Equal(2 * PerWriter, _registry.Count);
        for (var n = 0; n < 2 * PerWriter; n++)
        {
            // Each badge's last operation, whichever of its two writers ran last, is a reinstate for every twentieth, so
            // only the other tenths stay revoked.
            Assert.Equal(n % 10 == 0 && n % 20 != 0, _registry.IsRevoked($"B-{n}"));
        }
    }
}
