namespace Haris.Operations.Tournaments;

/// <summary>A name or text in the languages of the operations room: English always, French and Arabic when given.</summary>
/// <param name="En">The English text, always present; the fallback for a missing language.</param>
/// <param name="Fr">The French text, or null.</param>
/// <param name="Ar">The Arabic text (read right to left), or null.</param>
public sealed record LocalizedText(string En, string? Fr = null, string? Ar = null)
{
    /// <summary>The text in <paramref name="language"/> (<c>ar</c>, <c>fr</c>, <c>en</c>, or a tag such as <c>fr-FR</c>), falling back to English.</summary>
    public string In(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        if (language.StartsWith("ar", StringComparison.OrdinalIgnoreCase))
        {
            return Ar ?? En;
        }

        return language.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? Fr ?? En : En;
    }

    /// <summary>Whether all three languages are present.</summary>
    public bool IsComplete => Fr is not null && Ar is not null;

    /// <inheritdoc />
    public override string ToString() => En;
}
