using Haris.Detection.Prefiltering;

namespace Haris.Detection.Tests.Prefiltering;

public sealed class LiteralSetTests
{
    // More texts than one chunk holds, so a search goes through several chunks.
    private static readonly string[] s_literals = [.. Enumerable.Range(0, (LiteralSet.ChunkSize * 3) + 5).Select(i => $"needle{i:D3}x")];

    private static LiteralSet Set() => new(s_literals.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => new List<int> { p.i }, StringComparer.OrdinalIgnoreCase));

    public static TheoryData<int> EveryLiteral() => [.. Enumerable.Range(0, s_literals.Length)];

    [Theory]
    [MemberData(nameof(EveryLiteral))]
    public void Search_LongText_FindsATextOfAnyChunk(int index)
    {
        var text = $"{new string('a', LiteralSet.MinChunkedTextLength)} {s_literals[index].ToUpperInvariant()} tail";
        var active = new bool[s_literals.Length];

        Set().Search(text, text, 0, active);

        Assert.Equal([index], Active(active));
    }

    [Theory]
    [MemberData(nameof(EveryLiteral))]
    public void Search_ShortText_FindsATextOfAnyChunk(int index)
    {
        var text = s_literals[index];
        Assert.True(text.Length < LiteralSet.MinChunkedTextLength);
        var active = new bool[s_literals.Length];

        Set().Search(text, text, 0, active);

        Assert.Equal([index], Active(active));
    }

    [Fact]
    public void Search_HitVerifiedAgainstTheWholeText_FindsTheTextRunningPastThePiece()
    {
        // The piece searched ends inside the text; the whole line from the hit on still holds it.
        var set = new LiteralSet(new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase) { ["abc"] = [0], ["abcdef"] = [1] });
        var whole = "xx abcdef yy";
        var active = new bool[2];

        set.Search(whole.AsSpan(0, 6), whole, 0, active);

        Assert.Equal([0, 1], Active(active));
    }

    [Fact]
    public void Collect_LongText_NamesTheRulesOfEveryTextInIt()
    {
        var text = $"{s_literals[0]} {new string('b', LiteralSet.MinChunkedTextLength)} {s_literals[^1]} {s_literals[LiteralSet.ChunkSize]}";
        var found = new List<int>();

        Set().Collect(text, found);

        Assert.Equal([0, LiteralSet.ChunkSize, s_literals.Length - 1], found.Distinct().Order());
    }

    [Fact]
    public void Search_TextWithoutAny_SetsNothing()
    {
        var text = new string('n', 200);
        var active = new bool[s_literals.Length];

        Set().Search(text, text, 0, active);

        Assert.Empty(Active(active));
    }

    [Theory]
    // A one-character text beside chunks of longer ones, at the start, in the middle and at the end of a long text.
    [InlineData(0)]
    [InlineData(60)]
    [InlineData(119)]
    public void Search_LongText_FindsAOneCharacterText(int at)
    {
        var literals = s_literals.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => new List<int> { p.i }, StringComparer.OrdinalIgnoreCase);
        literals[";"] = [s_literals.Length];
        var text = new string('a', 120).Remove(at, 1).Insert(at, ";");
        var active = new bool[s_literals.Length + 1];

        new LiteralSet(literals).Search(text, text, 0, active);

        Assert.Equal([s_literals.Length], Active(active));
    }

    private static int[] Active(bool[] active) => [.. active.Select((a, i) => (a, i)).Where(p => p.a).Select(p => p.i)];
}
