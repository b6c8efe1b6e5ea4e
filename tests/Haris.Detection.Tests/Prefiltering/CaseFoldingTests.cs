using System.Text.RegularExpressions;
using Haris.Detection.Prefiltering;

namespace Haris.Detection.Tests.Prefiltering;

public sealed class CaseFoldingTests
{
    [Fact]
    public void UnsafeChars_HoldEveryCharARegexFoldsToAnAsciiLetterAndOrdinalRulesDoNot()
    {
        // Rules' texts are nearly all ASCII: every character .NET's case-insensitive regex takes for an ASCII letter,
        // and OrdinalIgnoreCase does not, must be in the set the prefilter falls back on.
        var missing = new List<string>();
        for (var letter = 'a'; letter <= 'z'; letter++)
        {
            var regex = new Regex($"^{letter}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            for (var c = '\u0080'; c < char.MaxValue; c++)
            {
                if (!char.IsSurrogate(c) && regex.IsMatch([c]) && !CaseFolding.HasUnsafeChar([c]))
                {
                    missing.Add($"U+{(int)c:X4} ~ {letter}");
                }
            }
        }

        Assert.Empty(missing);
    }

    [Theory]
    // The Kelvin sign, the Angstrom sign and the Ohm sign lower-case to k, a-ring and omega.
    [InlineData('\u212A', true)]
    [InlineData('\u212B', true)]
    [InlineData('\u2126', true)]
    // Plain letters, ASCII or not, fold the same either way.
    [InlineData('k', false)]
    [InlineData('K', false)]
    [InlineData('\u00E9', false)]
    public void HasUnsafeChar_IsTrueOnlyForCharsWhoseFoldingDisagrees(char c, bool expected) =>
        Assert.Equal(expected, CaseFolding.HasUnsafeChar([c]));
}
