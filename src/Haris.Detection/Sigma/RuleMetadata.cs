using Haris.Core.Alerts;
using YamlDotNet.RepresentationModel;

namespace Haris.Detection.Sigma;

/// <summary>What every Sigma rule document states about itself, whatever its kind.</summary>
public abstract class RuleMetadata
{
    private protected RuleMetadata(YamlMappingNode root, string? id, string title, string file)
    {
        var levelText = SigmaYaml.GetString(root, "level");
        var level = AlertLevel.Medium;
        if (levelText is not null && !AlertLevels.TryParse(levelText, out level))
        {
            throw new SigmaRuleException($"level '{levelText}' is not one of informational, low, medium, high, critical", SigmaYaml.Line(SigmaYaml.Get(root, "level")!));
        }

        Name = SigmaYaml.GetString(root, "name");
        Id = id ?? Name ?? Path.GetFileNameWithoutExtension(file) + ":" + title;
        Title = title;
        Author = SigmaYaml.GetString(root, "author");
        Level = level;
        Status = SigmaYaml.GetString(root, "status");
        Description = SigmaYaml.GetString(root, "description");
        Tags = SigmaYaml.GetStrings(root, "tags");
        References = SigmaYaml.GetStrings(root, "references");
        FalsePositives = SigmaYaml.GetStrings(root, "falsepositives");
        File = file;
        Line = SigmaYaml.Line(root);
    }

    /// <summary>The rule's <c>id</c>; when the rule has none, its <c>name</c> or a value derived from its file and title.</summary>
    public string Id { get; }

    public string Title { get; }

    /// <summary>The Sigma <c>name</c>, which correlation rules and filters refer to.</summary>
    public string? Name { get; }

    /// <summary>The rule's author; alerts carry it (the Detection Rule License requires it for SigmaHQ rules).</summary>
    public string? Author { get; }

    /// <summary>The level of the rule's alerts; <c>medium</c> when the rule states none.</summary>
    public AlertLevel Level { get; }

    public string? Status { get; }

    public string? Description { get; }

    public IReadOnlyList<string> Tags { get; }

    public IReadOnlyList<string> References { get; }

    public IReadOnlyList<string> FalsePositives { get; }

    /// <summary>The file the rule came from, or <c>builtin:PATH</c> for the built-in pack.</summary>
    public string File { get; }

    /// <summary>1-based line where the rule's document starts in <see cref="File"/>.</summary>
    public int Line { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Title} ({Id})";
}
