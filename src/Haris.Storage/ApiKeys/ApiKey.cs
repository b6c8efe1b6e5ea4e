namespace Haris.Storage.ApiKeys;

/// <summary>An API key for a machine (a sensor, a partner's system); only its hash is stored.</summary>
public sealed class ApiKey
{
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The role the key acts with, one of <see cref="Core.Security.Roles"/>.</summary>
    public required string Role { get; set; }

    /// <summary>The venue the key is limited to; null for every venue.</summary>
    public string? Venue { get; set; }

    /// <summary>SHA-256 of the key's text; the key itself is shown once, at creation, and never stored.</summary>
    public required byte[] KeyHash { get; set; }

    /// <summary>The first characters of the key, not enough to use it, so people can tell their keys apart.</summary>
    public required string Prefix { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    /// <summary>When the key was last presented, to the minute (see <see cref="ApiKeyService.FindAsync"/>).</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }
}
