using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Haris.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Haris.Storage.ApiKeys;

/// <summary>Creates, finds and revokes API keys, storing only their SHA-256 hashes.</summary>
/// <remarks>
/// A key is <c>hk_</c> followed by 32 random bytes in base64url. With 256 bits of entropy nothing can be guessed
/// however fast the hash, so a fast hash is right here: a slow password hash (PBKDF2, Argon2) protects low-entropy
/// secrets and would only spend CPU on every request a sensor makes.
/// <para>
/// A key found is remembered for <see cref="CacheFor"/>, so a turnstile sending scans back to back does not cost a
/// database read each: a key revoked through this service stops at once, one revoked by another process (the
/// <c>haris apikeys revoke</c> command beside a running server) within that time.
/// </para>
/// </remarks>
public sealed class ApiKeyService(IDbContextFactory<HarisDbContext> contexts, TimeProvider time)
{
    /// <summary>What every key starts with, so a leaked key can be recognised by secret scanners and people.</summary>
    public const string KeyPrefix = "hk_";

    private const int KeyBytes = 32;

    // Three characters of the random part (18 bits) are enough to tell a handful of keys apart and leave 238 unknown.
    private const int DisplayedRandomChars = 3;

    private static readonly int s_keyLength = KeyPrefix.Length + Base64Url.GetEncodedLength(KeyBytes);

    // Recording every use would turn each authenticated request into a write.
    private static readonly TimeSpan s_lastUsedResolution = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (ApiKey Key, DateTimeOffset FoundAt)> _found = new(StringComparer.Ordinal);

    /// <summary>How long a key found stays valid without being read again.</summary>
    public static TimeSpan CacheFor { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Creates a key for <paramref name="role"/> and returns it with its text, which is not kept.</summary>
    /// <exception cref="ArgumentException">The role is not one of <see cref="Roles.All"/>, or the name is empty.</exception>
    public async Task<CreatedApiKey> CreateAsync(string name, string role, string? venue, string createdBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        if (!Roles.IsKnown(role))
        {
            throw new ArgumentException($"Unknown role '{role}'.", nameof(role));
        }

        Span<byte> secret = stackalloc byte[KeyBytes];
        RandomNumberGenerator.Fill(secret);
        var plaintext = KeyPrefix + Base64Url.EncodeToString(secret);
        CryptographicOperations.ZeroMemory(secret);

        var key = new ApiKey
        {
            Name = name.Trim(),
            Role = role,
            Venue = string.IsNullOrWhiteSpace(venue) ? null : venue.Trim(),
            KeyHash = Hash(plaintext),
            Prefix = plaintext[..(KeyPrefix.Length + DisplayedRandomChars)],
            CreatedAt = time.GetUtcNow(),
            CreatedBy = createdBy,
        };

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        return new CreatedApiKey(key, plaintext);
    }

    /// <summary>Finds the active key whose text is <paramref name="plaintext"/>; null when it is unknown, malformed or revoked.</summary>
    /// <remarks>
    /// The lookup is by hash through a unique index. Its timing can at most tell an attacker how much of the hash of a
    /// key they chose matches a stored hash, which brings them no closer to a key that produces it; the final
    /// comparison is constant-time all the same. Records <see cref="ApiKey.LastUsedAt"/> at most once a minute.
    /// </remarks>
    public async Task<ApiKey?> FindAsync(string? plaintext, CancellationToken cancellationToken = default)
    {
        // The format is public, so rejecting a malformed key early tells nothing and spares the database.
        if (plaintext is null || plaintext.Length != s_keyLength || !plaintext.StartsWith(KeyPrefix, StringComparison.Ordinal)
            || !Base64Url.IsValid(plaintext.AsSpan(KeyPrefix.Length)))
        {
            return null;
        }

        var hash = Hash(plaintext);
        var cacheKey = Convert.ToHexString(hash);
        var now = time.GetUtcNow();
        if (_found.TryGetValue(cacheKey, out var found) && now - found.FoundAt < CacheFor && now >= found.FoundAt)
        {
            return found.Key;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyHash == hash, cancellationToken).ConfigureAwait(false);
        if (key is null || !CryptographicOperations.FixedTimeEquals(key.KeyHash, hash) || key.RevokedAt is not null)
        {
            _found.TryRemove(cacheKey, out _);
            return null;
        }

        if (key.LastUsedAt is not { } lastUsed || now - lastUsed >= s_lastUsedResolution)
        {
            await db.ApiKeys.Where(k => k.Id == key.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, now), cancellationToken).ConfigureAwait(false);
            key.LastUsedAt = now;
        }

        _found[cacheKey] = (key, now);
        return key;
    }

    /// <summary>Revokes a key; returns false when there is no such key or it was already revoked.</summary>
    public async Task<bool> RevokeAsync(long id, string revokedBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(revokedBy);
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var revoked = await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(k => k.RevokedAt, now).SetProperty(k => k.RevokedBy, revokedBy), cancellationToken)
            .ConfigureAwait(false);
        foreach (var (cached, entry) in _found)
        {
            if (entry.Key.Id == id)
            {
                _found.TryRemove(cached, out _);
            }
        }

        return revoked > 0;
    }

    /// <summary>The stored form of a key: SHA-256 of its UTF-8 text.</summary>
    public static byte[] Hash(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return SHA256.HashData(Encoding.UTF8.GetBytes(plaintext));
    }
}
