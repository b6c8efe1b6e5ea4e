namespace Haris.Operations.Accreditation;

/// <summary>A badge withdrawn before the end of its validity: lost, stolen, or its holder no longer welcome.</summary>
/// <param name="BadgeId">The badge revoked.</param>
/// <param name="RevokedAt">When it was revoked.</param>
/// <param name="Reason">Why, for the operations room; null when not given.</param>
public sealed record BadgeRevocation(string BadgeId, DateTimeOffset RevokedAt, string? Reason);
