using System.Buffers;

namespace Haris.Detection.Prefiltering;

/// <summary>
/// Characters on which the prefilter's ordinal case folding and a case-insensitive regular expression disagree.
/// </summary>
/// <remarks>
/// The prefilter compares with <see cref="StringComparison.OrdinalIgnoreCase"/>, which upper-cases each character on
/// its own; <c>|re|i</c> and <c>(?i)</c> use .NET's culture-invariant case equivalences, which also pair a character
/// with others that share its lower case. The Kelvin sign (U+212A) upper-cases to itself but lower-cases to <c>k</c>,
/// so <c>(?i)kelvin</c> matches it where an ordinal search for <c>kelvin</c> does not. Such a character is one whose
/// lower case upper-cases to something else; a text holding one cannot be judged by literals, and wakes every rule of
/// its scope. They are rare outside deliberate evasion, so the fallback costs nothing on ordinary traffic.
/// </remarks>
internal static class CaseFolding
{
    private static readonly SearchValues<char> s_unsafe = SearchValues.Create(UnsafeChars());

    /// <summary>Whether <paramref name="text"/> holds a character that a case-insensitive regex may fold differently.</summary>
    public static bool HasUnsafeChar(ReadOnlySpan<char> text) => text.ContainsAny(s_unsafe);

    /// <summary>Every character whose lower case does not upper-case back to its own upper case.</summary>
    internal static char[] UnsafeChars()
    {
        var chars = new List<char>();
        for (var c = '\u0080'; c < char.MaxValue; c++)
        {
            if (!char.IsSurrogate(c) && char.ToUpperInvariant(char.ToLowerInvariant(c)) != char.ToUpperInvariant(c))
            {
                chars.Add(c);
            }
        }

        return [.. chars];
    }
}
