using Haris.Core.Alerts;

namespace Haris.Operations.Accreditation;

/// <summary>One accreditation alert condition as alerts name it: fixed id, rule name, plain-English title and level.</summary>
/// <param name="Id">A fixed UUID, as Sigma rules have.</param>
/// <param name="Name">The rule name (<c>haris_accreditation_…</c>).</param>
/// <param name="Title">What the alert says, in plain English.</param>
/// <param name="Level">How urgent it is.</param>
public sealed record AccreditationAlertRule(string Id, string Name, string Title, AlertLevel Level);

/// <summary>The accreditation alert conditions (docs/accreditation.md); their thresholds are in <see cref="AccreditationAlertOptions"/>.</summary>
/// <remarks>
/// The repeated-denials rule has two conditions with different subjects and levels, a badge and a checkpoint; each has a
/// rule id of its own so that the alert store, which folds repeats by rule and group, keeps them apart.
/// </remarks>
public static class AccreditationAlertRules
{
    /// <summary>The author on every accreditation alert.</summary>
    public const string Author = "Haris";

    /// <summary>The rule name of both repeated-denials conditions.</summary>
    public const string RepeatedDenialsName = "haris_accreditation_repeated_denials";

    /// <summary>The rule name of the impossible-travel condition.</summary>
    public const string ImpossibleTravelName = "haris_accreditation_impossible_travel";

    /// <summary>One badge denied again and again: a lost or borrowed badge, or someone trying doors.</summary>
    public static AccreditationAlertRule BadgeRepeatedDenials { get; } = new(
        "cf7e1891-4f7e-4ed3-bcfc-d70394b27a83", RepeatedDenialsName, "Badge denied repeatedly at accreditation checkpoints", AlertLevel.High);

    /// <summary>One checkpoint denying again and again: someone probing it, or a checkpoint set up wrongly.</summary>
    public static AccreditationAlertRule CheckpointRepeatedDenials { get; } = new(
        "f0bd5eae-5de4-4c51-8789-ee81cc844573", RepeatedDenialsName, "Accreditation checkpoint denying repeatedly: probing or misconfiguration", AlertLevel.Medium);

    /// <summary>One badge seen at two checkpoints too far apart for the time between them: a cloned or shared badge.</summary>
    public static AccreditationAlertRule ImpossibleTravel { get; } = new(
        "4cd5ab26-3e5e-4d38-af9e-4f9097bc71f1", ImpossibleTravelName, "Badge seen at two checkpoints too far apart for the time between them", AlertLevel.High);

    /// <summary>Every accreditation alert condition.</summary>
    public static IReadOnlyList<AccreditationAlertRule> All { get; } = [BadgeRepeatedDenials, CheckpointRepeatedDenials, ImpossibleTravel];
}
