using System.ComponentModel.DataAnnotations;

namespace Haris.Server.Operations.Field;

/// <summary>The <c>Incidents:Escalation</c> section of <c>haris.yaml</c>: when an unacknowledged critical incident goes to the commanders.</summary>
public sealed class EscalationOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Incidents:Escalation";

    /// <summary>Whether critical incidents are escalated at all (default on).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a critical incident may stay reported without an acknowledgement before it is escalated.</summary>
    /// <remarks>Two minutes by default.</remarks>
    public TimeSpan AcknowledgeWithin { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the check waits before trying again after the database failed it.</summary>
    /// <remarks>Thirty seconds by default.</remarks>
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AcknowledgeWithin < TimeSpan.FromSeconds(1) || AcknowledgeWithin > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult($"{SectionName}:AcknowledgeWithin must be 1 second to 1 day");
        }

        if (RetryAfterFailure < TimeSpan.FromSeconds(1) || RetryAfterFailure > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult($"{SectionName}:RetryAfterFailure must be 1 second to 1 hour");
        }
    }
}
