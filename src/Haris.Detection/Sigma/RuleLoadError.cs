namespace Haris.Detection.Sigma;

/// <summary>Why one rule (or one rule file) could not be loaded.</summary>
/// <param name="File">The rule file, or <c>builtin:NAME</c> for the built-in pack.</param>
/// <param name="Line">1-based line in the file where the problem is, when known.</param>
/// <param name="RuleId">The rule's <c>id</c>, when it got that far.</param>
/// <param name="Title">The rule's <c>title</c>, when it got that far.</param>
/// <param name="Reason">What is wrong, in words a rule author can act on.</param>
public sealed record RuleLoadError(string File, int? Line, string? RuleId, string? Title, string Reason)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = Line is { } line ? $"{File}:{line}" : File;
        var what = Title is not null ? $" ({Title})" : RuleId is not null ? $" ({RuleId})" : string.Empty;
        return $"{where}{what}: {Reason}";
    }
}
