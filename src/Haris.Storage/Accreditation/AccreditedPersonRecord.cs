namespace Haris.Storage.Accreditation;

/// <summary>A person accredited to work at the event, as imported from the accreditation system's list.</summary>
public sealed class AccreditedPersonRecord
{
    /// <summary>The id the badge carries.</summary>
    public required string BadgeId { get; set; }

    public required string Name { get; set; }

    public required string Organisation { get; set; }

    public required string Function { get; set; }

    public string? PhotoReference { get; set; }

    public DateTimeOffset ValidFrom { get; set; }

    public DateTimeOffset ValidTo { get; set; }

    /// <summary>Where the badge opens, in the list's notation: <c>dunes/pitch;dunes/type:staff</c>.</summary>
    public required string Access { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public required string ImportedBy { get; set; }
}
