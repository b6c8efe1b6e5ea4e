namespace Haris.Operations.Accreditation;

/// <summary>One badge presented at an accreditation checkpoint: which badge, where, into which zone, and when.</summary>
/// <param name="BadgeId">What the reader read from the badge.</param>
/// <param name="VenueId">The venue the checkpoint is at, as the tournament configuration names it.</param>
/// <param name="CheckpointId">The checkpoint (door, lane or reader) within the venue; alerts name it.</param>
/// <param name="ZoneId">The zone of the venue the checkpoint leads into.</param>
/// <param name="Time">When the badge was presented.</param>
public readonly record struct CheckpointScan(string BadgeId, string VenueId, string CheckpointId, string ZoneId, DateTimeOffset Time);
