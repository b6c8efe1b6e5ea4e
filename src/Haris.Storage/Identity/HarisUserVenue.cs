namespace Haris.Storage.Identity;

/// <summary>One venue a user is scoped to.</summary>
/// <remarks>
/// A table rather than a JSON list on the user: the server asks both ways (a user's venues, and who may see a
/// venue's incidents), an index answers the second in SQL on both providers, and rows go with the user on delete.
/// </remarks>
public sealed class HarisUserVenue
{
    public required string UserId { get; set; }

    public HarisUser? User { get; set; }

    public required string Venue { get; set; }
}
