namespace Haris.Detection.Sigma;

/// <summary>Settings that shape how rules compile.</summary>
public sealed class RuleLoadOptions
{
    /// <summary>The default options.</summary>
    public static RuleLoadOptions Default { get; } = new();

    /// <summary>How long one regular expression may run on one value before the match is abandoned and reported.</summary>
    /// <remarks>Defaults to 100 ms: some public rules backtrack badly on long hostile input.</remarks>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Values for <c>|expand</c> placeholders (<c>%Administrators%</c> → the names it stands for). A rule that uses a
    /// placeholder with no values here does not load.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Placeholders { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
}
