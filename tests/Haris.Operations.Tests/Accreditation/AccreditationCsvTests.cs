using Haris.Operations.Accreditation;
using Haris.Operations.Tournaments;
using static Haris.Operations.Tests.Accreditation.AccreditationTestData;

namespace Haris.Operations.Tests.Accreditation;

public sealed class AccreditationCsvTests
{
    private const string Header = "badge_id,name,organisation,function,photo,valid_from,valid_to,zones";

    [Fact]
    public void Read_GoodFile_ReadsEveryPerson()
    {
        var csv = $"""
            {Header}
            STW-0042,Layla Haddad,Harbour Stewarding Ltd,steward,photos/stw-0042.jpg,2026-06-01T00:00:00Z,2026-07-20T23:59:59Z,harbour/type:staff;harbour/concourse
            MED-0001,"Dupont, Jeanne",Radio Doha,photographer,,2026-06-01T03:00:00+03:00,2026-07-21T02:59:59+03:00, harbour/pitch ; harbour/media-tribune ; corniche/pitch
            POL-7,أحمد السيد,Qatar Police,police,,2026-06-01T03:00+03:00,2026-07-20T23:59:59Z,*/type:staff;*/type:pitch
            CMD-1,"Sam ""The Chief"" Okafor",Haris Command,commander,,2026-06-01T00:00:00Z,2026-07-20T23:59:59Z,*/*
            """;

        var result = AccreditationCsv.Read(new StringReader(csv), Cup);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(["STW-0042", "MED-0001", "POL-7", "CMD-1"], result.People.Select(p => p.BadgeId));

        var steward = result.People[0];
        Assert.Equal(("Layla Haddad", "Harbour Stewarding Ltd", "steward", "photos/stw-0042.jpg"), (steward.Name, steward.Organisation, steward.Function, steward.PhotoReference));
        var grant = Assert.Single(steward.Access);
        Assert.Equal("harbour", grant.VenueId);
        Assert.Equal(["concourse"], grant.Zones);
        Assert.Equal([ZoneType.Staff], grant.ZoneTypes);
        Assert.False(grant.AllZones);

        var photographer = result.People[1];
        Assert.Equal("Dupont, Jeanne", photographer.Name);
        Assert.Null(photographer.PhotoReference);
        Assert.Equal(ValidFrom, photographer.ValidFrom);
        Assert.Equal(ValidTo, photographer.ValidTo);
        Assert.Equal(["harbour/pitch;harbour/media-tribune", "corniche/pitch"], photographer.Access.Select(a => a.ToString()));

        Assert.Equal("*/type:staff;*/type:pitch", Assert.Single(result.People[2].Access).ToString());
        Assert.Equal("أحمد السيد", result.People[2].Name);
        Assert.Equal(ValidFrom, result.People[2].ValidFrom); // minutes without seconds, at an offset
        Assert.Equal("Sam \"The Chief\" Okafor", result.People[3].Name);
        Assert.True(Assert.Single(result.People[3].Access) is { VenueId: "*", AllZones: true });
    }

    [Fact]
    public void Read_BadLines_ReportedWithTheirNumbersAndSkipped()
    {
        const string Good = "Layla Haddad,Harbour Stewarding Ltd,steward,,2026-06-01T00:00:00Z,2026-07-20T23:59:59Z";
        var csv = string.Join("\n",
            Header,                                                                                 // 1
            $"A-1,{Good},harbour/north",                                                            // 2
            "A-2,Layla Haddad,Harbour Stewarding Ltd,steward,,2026-06-01 00:00,2026-07-20T23:59:59Z,harbour/north", // 3
            $"A-3,{Good},pitch",                                                                    // 4
            $"A-4,{Good},harbour/type:vip",                                                         // 5
            "",                                                                                     // 6: blank, skipped
            $"A-1,{Good},harbour/south",                                                            // 7
            $"A-5,{Good}",                                                                          // 8
            $"A-6,\"Layla Haddad,{Good[13..]},harbour/north",                                        // 9
            $"A-7,{Good},atlantis/pitch",                                                           // 10
            $"A-8,{Good},harbour/bowl",                                                             // 11
            $"A-9,{Good},*/vip-lounge",                                                             // 12
            "A-10,Layla Haddad,Harbour Stewarding Ltd,steward,,2026-07-21T00:00:00Z,2026-07-20T23:59:59Z,harbour/north", // 13
            $"A 11,{Good},harbour/north",                                                           // 14
            $"A-12,{Good},",                                                                        // 15
            $"A-13,{Good},harbour/North",                                                           // 16
            $"A-14,{Good},*/bowl");                                                                 // 17

        var result = AccreditationCsv.Read(new StringReader(csv), Cup);

        Assert.Equal(["A-1", "A-14"], result.People.Select(p => p.BadgeId));
        Assert.Collection(
            result.Errors,
            e => AssertError(e, 3, "valid_from '2026-06-01 00:00' is not an ISO 8601 time with an offset"),
            e => AssertError(e, 4, "zones: 'pitch' is not venue/zone"),
            e => AssertError(e, 5, "'vip' is not a zone type; the types are stand, concourse, pitch, hospitality, media, staff"),
            e => AssertError(e, 7, "badge_id 'A-1' is already on line 2"),
            e => AssertError(e, 8, "7 columns where the header has 8"),
            e => AssertError(e, 9, "a quoted field is not closed on its line"),
            e => AssertError(e, 10, "the tournament has no venue 'atlantis'"),
            e => AssertError(e, 11, "venue 'harbour' has no zone 'bowl'"),
            e => AssertError(e, 12, "no venue of the tournament has a zone 'vip-lounge'"),
            e => AssertError(e, 13, "valid_to is before valid_from"),
            e => AssertError(e, 14, "badge_id 'A 11' is not a badge id"),
            e => AssertError(e, 15, "zones is empty"),
            // Zone ids are lower case in the tournament; a capital is a typo, not another spelling.
            e => AssertError(e, 16, "'North' is not a zone id"));
        Assert.Equal("line 3: valid_from '2026-06-01 00:00' is not an ISO 8601 time with an offset (e.g. 2026-06-01T00:00:00Z)", result.Errors[0].ToString());
    }

    [Fact]
    public void Read_WithoutTournament_AcceptsAnyWellFormedIds()
    {
        var csv = $"{Header}\nA-1,Layla Haddad,Stewards,steward,,2026-06-01T00:00:00Z,2026-07-20T23:59:59Z,atlantis/bowl;atlantis/type:media\n";

        var result = AccreditationCsv.Read(new StringReader(csv));

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal("atlantis/bowl;atlantis/type:media", Assert.Single(Assert.Single(result.People).Access).ToString());
    }

    [Fact]
    public void Read_ColumnsInAnyOrderPhotoLeftOutBomAndCrlf_Read()
    {
        var csv = "\uFEFFZONES,Valid_To,valid_from,function,organisation,name,badge_id\r\n"
            + "harbour/north,2026-07-20T23:59:59Z,2026-06-01T00:00:00Z,volunteer,Volunteers,Noor Ali,V-1\r\n";

        var result = AccreditationCsv.Read(new StringReader(csv), Cup);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var person = Assert.Single(result.People);
        Assert.Equal(("V-1", "Noor Ali", "volunteer", null), (person.BadgeId, person.Name, person.Function, person.PhotoReference));
    }

    [Theory]
    // The American spelling is a different column: refusing the header beats losing every organisation silently.
    [InlineData("badge_id,name,organization,function,valid_from,valid_to,zones", "header: unknown column 'organization'")]
    [InlineData("badge_id,name,organisation,function,valid_from,valid_to", "header: column 'zones' is missing")]
    [InlineData("badge_id,name,organisation,function,valid_from,valid_to,zones,name", "header: column 'name' appears twice")]
    [InlineData("\n" + Header, "the first line is blank")]
    public void Read_BadHeader_OneErrorOnLineOne(string csv, string expected)
    {
        var result = AccreditationCsv.Read(new StringReader(csv + "\nA-1,x,y,z,,2026-06-01T00:00:00Z,2026-07-20T23:59:59Z,harbour/north"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Line);
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(result.People);
    }

    [Fact]
    public void Read_EmptyFile_OneErrorOnLineOne()
    {
        var error = Assert.Single(AccreditationCsv.Read(new StringReader("")).Errors);

        Assert.Equal("line 1: the file is empty; expected a header: " + Header, error.ToString());
    }

    [Fact]
    public void ParseZones_RepeatsFoldedPerVenueInFirstSeenOrder()
    {
        var error = AccreditationCsv.ParseZones("oasis/bowl; harbour/north;;oasis/bowl;harbour/type:staff;harbour/type:staff;oasis/*;", Cup, out var access);

        Assert.Null(error);
        Assert.Equal(["oasis/*;oasis/bowl", "harbour/north;harbour/type:staff"], access.Select(a => a.ToString()));
    }

    [Fact]
    public void DocsExample_ReadsAgainstTheSampleTournament()
    {
        // The example in docs/accreditation.md is what people copy; it must stay valid against samples/tournament.yaml.
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "accreditation.md"));
        var start = doc.IndexOf("```csv\n", StringComparison.Ordinal) + "```csv\n".Length;
        var csv = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];

        var result = AccreditationCsv.Read(new StringReader(csv), Sample);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(4, result.People.Count);
    }

    private static void AssertError(AccreditationCsvError error, int line, string expected)
    {
        Assert.Equal(line, error.Line);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
