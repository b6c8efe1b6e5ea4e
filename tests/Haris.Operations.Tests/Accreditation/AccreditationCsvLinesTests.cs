using Haris.Operations.Accreditation;
using static Haris.Operations.Tests.Accreditation.AccreditationTestData;

namespace Haris.Operations.Tests.Accreditation;

public sealed class AccreditationCsvLinesTests
{
    private const string Header = "badge_id,name,organisation,function,photo,valid_from,valid_to,zones";
    private const string Good = "Layla Haddad,Harbour Stewarding Ltd,steward,,2026-06-01T00:00:00Z,2026-07-20T23:59:59Z,harbour/north";

    [Fact]
    public void Read_BlankAndBadLinesBetween_LinesNameThePhysicalLineOfEachPerson()
    {
        var csv = string.Join("\n",
            Header,             // 1
            $"A-1,{Good}",      // 2
            "",                 // 3: blank
            "A-2,broken",       // 4: bad, skipped
            $"A-3,{Good}");     // 5

        var result = AccreditationCsv.Read(new StringReader(csv), Cup);

        Assert.Equal(["A-1", "A-3"], result.People.Select(p => p.BadgeId));
        Assert.Equal([2, 5], result.Lines);
    }

    [Theory]
    [InlineData("STW-0042", true)]
    [InlineData("a_b-9", true)]
    // 64 characters is the longest badge id; one more cannot be anyone's badge.
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", true)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", false)]
    [InlineData("", false)]
    // A reader that read spaces, a URL or non-ASCII digits misread the badge.
    [InlineData("STW 0042", false)]
    [InlineData("https://x/STW", false)]
    [InlineData("٤٢", false)]
    [InlineData(null, false)]
    public void IsBadgeId_TellsTheBadgeIdForm(string? text, bool expected) =>
        Assert.Equal(expected, AccreditedPerson.IsBadgeId(text));
}
