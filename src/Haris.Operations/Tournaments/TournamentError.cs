namespace Haris.Operations.Tournaments;

/// <summary>Why a tournament configuration cannot be used.</summary>
/// <param name="File">The file (or the source name given for text).</param>
/// <param name="Line">1-based line of the problem, when it has one (a missing file has none).</param>
/// <param name="Reason">What is wrong, starting with where in the document: <c>venues[2].zones[5].capacity: must be a positive whole number</c>.</param>
public sealed record TournamentError(string File, int? Line, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => Line is { } line ? $"{File}:{line}: {Reason}" : $"{File}: {Reason}";
}
