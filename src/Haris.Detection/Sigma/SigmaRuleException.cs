namespace Haris.Detection.Sigma;

/// <summary>A rule that cannot be compiled; the loader turns it into a <see cref="RuleLoadError"/> and goes on.</summary>
internal sealed class SigmaRuleException(string message, int? line = null) : Exception(message)
{
    /// <summary>1-based line in the rule file, when known.</summary>
    public int? Line { get; } = line;
}
