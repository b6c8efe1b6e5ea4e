using Haris.Detection.Prefiltering;

namespace Haris.Detection.Tests.Prefiltering;

public sealed class LiteralSetTests
{
    // Enough texts that many share their first characters, as the keywords of a rule pack do.
    private static readonly string[] s_literals = [.. Enumerable.Range(0, 300).Select(i => $"needle{i:D3}x")];

    private static LiteralSet Set(IEnumerable<string> literals) =>
        new(literals.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => new List<int> { p.i }, StringComparer.OrdinalIgnoreCase));

    public static TheoryData<int> SomeLiterals() => [0, 1, 99, 150, 299];

    [Theory]
    [MemberData(nameof(SomeLiterals))]
    public void Search_FindsATextAtTheStartInTheMiddleAndAtTheEnd_InAnyCase(int index)
    {
        var set = Set(s_literals);
        var literal = s_literals[index];
        foreach (var text in new[] { $"{literal} tail", $"{new string('a', 90)} {literal.ToUpperInvariant()} tail", $"head {literal}", literal })
        {
            var active = new bool[s_literals.Length];

            set.Search(text, active);

            Assert.Equal([index], Active(active));
        }
    }

    [Fact]
    public void Collect_NamesTheRulesOfEveryTextInIt_WithTextsStartingAtTheSamePlace()
    {
        var set = Set(["abc", "abcdef", "zzz", "needle"]);
        var found = new List<int>();

        set.Collect("xx ABCDEF yy needle and abc", found);

        Assert.Equal([0, 1, 3], found.Distinct().Order());
    }

    [Fact]
    public void Search_TextWithoutAny_SetsNothing()
    {
        var text = new string('n', 200) + "needl" + "eedle000x";
        var active = new bool[s_literals.Length];

        Set(s_literals).Search(text, active);

        Assert.Empty(Active(active));
    }

    [Theory]
    // Texts of one or two characters, at the start, in the middle and at the end.
    [InlineData(";", "; rest")]
    [InlineData(";", "a;b")]
    [InlineData(";", "end;")]
    [InlineData("$(", "x=$(id)")]
    [InlineData("&&", "a&&b")]
    [InlineData("ab", "xAB")]
    public void Search_FindsOneAndTwoCharacterTexts(string literal, string text)
    {
        var active = new bool[s_literals.Length + 1];

        Set([.. s_literals, literal]).Search(text, active);

        Assert.Equal([s_literals.Length], Active(active));
    }

    [Theory]
    // Too short to hold the text, or holding only its start.
    [InlineData("$", "$(")]
    [InlineData("ne", "needle000x")]
    [InlineData("", "abc")]
    public void Search_ShortTexts_FindNothingThatIsNotThere(string text, string literal)
    {
        var active = new bool[1];

        Set([literal]).Search(text, active);

        Assert.False(active[0]);
    }

    [Fact]
    public void Search_TextsOutsideAscii_AreFoundIgnoringCase()
    {
        var set = Set(["ñandú", "éclair", "straße", "x€y"]);
        var active = new bool[4];

        set.Search("un ÑANDÚ, un ÉCLAIR, STRASSE, x€Y", active);

        // String comparison ignoring case maps ß to no two letters, so "STRASSE" is not "straße".
        Assert.Equal([0, 1, 3], Active(active));
    }

    [Theory]
    // A set of few texts is one vectorised search; more take the window path, and the fillers are never found.
    [InlineData(0)]
    [InlineData(LiteralSet.FewTexts)]
    public void Search_AgreesWithAnOrdinalCaseInsensitiveSearch_OnRandomTexts(int fillers)
    {
        // Letters that fold outside ASCII (dotless i, long s, Kelvin sign), and texts of every length from one up,
        // starting anywhere, mixed with ordinary ones.
        string[] literals = ["sel", "select", "union", "kel", "iii", "../", "<sc", "%2e%2e", ";", "|", "$(", "ıd", "ſh", "étc", "elec", "ctun", "e;|$", "nion", "seles",
            .. Enumerable.Range(0, fillers).Select(i => $"q{i:D2}qq")];
        var set = Set(literals);
        var alphabet = "selctunioK./<%2e;|$(ıſéhdS I\u212AÉ";
        var random = new Random(20261129 + fillers);
        for (var round = 0; round < 20_000; round++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 24)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var active = new bool[literals.Length];

            set.Search(text, active);

            var expected = literals.Select((l, i) => (l, i)).Where(p => text.Contains(p.l, StringComparison.OrdinalIgnoreCase)).Select(p => p.i);
            Assert.True(expected.SequenceEqual(Active(active)), $"text '{text}': expected [{string.Join(",", expected)}], got [{string.Join(",", Active(active))}]");
        }
    }

    [Theory]
    // Values made of the characters of times and numbers are not searched unless a text is made of them alone too.
    [InlineData("2026-06-14T18:00:00.000Z", new[] { "T18", "needle" }, new[] { 0 })]
    [InlineData("2026-06-14T18:00:00.000Z", new[] { "t18:", "needle" }, new[] { 0 })]
    [InlineData("10.0.0.1", new[] { "0.0.1", "needle" }, new[] { 0 })]
    [InlineData("2026-06-14t18:00", new[] { "4T18", "needle", "14t18:00z" }, new[] { 0 })]
    [InlineData("2026-06-14T18:00", new[] { "needle", "T18a" }, new int[0])]
    public void Search_TextOfTimeAndNumberCharacters_StillFindsTextsMadeOfThem(string text, string[] literals, int[] expected)
    {
        foreach (var fillers in new[] { 0, LiteralSet.FewTexts })
        {
            var active = new bool[literals.Length + fillers];

            Set([.. literals, .. Enumerable.Range(0, fillers).Select(i => $"q{i:D2}qq")]).Search(text, active);

            Assert.Equal(expected, Active(active));
        }
    }

    private static int[] Active(bool[] active) => [.. active.Select((a, i) => (a, i)).Where(p => p.a).Select(p => p.i)];
}
