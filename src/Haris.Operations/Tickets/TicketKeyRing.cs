using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Haris.Operations.Tickets;

/// <summary>
/// The keys of ticket tokens: one active key that signs new tickets, and the public keys that verify tickets already
/// issued, by key id. Tokens naming a key the ring does not hold (never known, or retired) are counterfeit.
/// </summary>
/// <remarks>
/// Thread-safe: verification reads an immutable snapshot of the keys, so a scan never waits for a rotation; rotating,
/// retiring, adding keys and signing take a lock. Rotating keeps the previous key for verification but forgets its
/// private half, so only the active key can sign.
/// </remarks>
public sealed partial class TicketKeyRing : IDisposable
{
    private readonly Lock _lock = new();
    private ECDsa _signer;
    private volatile KeySet _keys;
    private bool _disposed;

    private TicketKeyRing(string activeKeyId, ECDsa signer, IEnumerable<TicketVerificationKey> keys)
    {
        _signer = signer;
        _keys = new KeySet(activeKeyId, keys.ToFrozenDictionary(static k => k.KeyId, StringComparer.Ordinal));
    }

    /// <summary>The id of the key that signs new tickets.</summary>
    public string ActiveKeyId => _keys.ActiveKeyId;

    /// <summary>The ids of every key that verifies tokens, the active one included, in ordinal order.</summary>
    public IReadOnlyList<string> KeyIds => _keys.SortedIds;

    /// <summary>A ring with one freshly generated P-256 key, active.</summary>
    /// <param name="keyId">The new key's id; by default eight hex digits of the SHA-256 of its public key.</param>
    public static TicketKeyRing Generate(string? keyId = null)
    {
        var (id, signer) = NewKey(keyId, static _ => false);
        using var publicKey = PublicPart(signer);
        return new TicketKeyRing(id, signer, [new TicketVerificationKey(id, publicKey)]);
    }

    /// <summary>Whether tokens signed with <paramref name="keyId"/> verify.</summary>
    public bool Contains(string keyId) => _keys.Keys.ContainsKey(keyId);

    /// <summary>The public key of <paramref name="keyId"/> as PEM, to hand to another validating site.</summary>
    public string ExportPublicKeyPem(string keyId) =>
        _keys.Keys.TryGetValue(keyId, out var key) ? key.PublicKeyPem : throw new KeyNotFoundException($"No ticket key '{keyId}' in the ring.");

    /// <summary>Generates a new active key; the previous one stays for verification, without its private half.</summary>
    /// <param name="newKeyId">The new key's id; by default eight hex digits of the SHA-256 of its public key.</param>
    /// <returns>The new active key's id.</returns>
    public string Rotate(string? newKeyId = null)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var current = _keys;
            var (id, signer) = NewKey(newKeyId, current.Keys.ContainsKey);
            using var publicKey = PublicPart(signer);
            var keys = new Dictionary<string, TicketVerificationKey>(current.Keys, StringComparer.Ordinal)
            {
                [id] = new TicketVerificationKey(id, publicKey),
            };
            var previous = _signer;
            _signer = signer;
            _keys = new KeySet(id, keys.ToFrozenDictionary(StringComparer.Ordinal));
            previous.Dispose();
            return id;
        }
    }

    /// <summary>Removes a key: tokens signed with it no longer verify and read as counterfeit.</summary>
    /// <returns>False when the ring did not hold the key.</returns>
    /// <exception cref="InvalidOperationException">The key is the active one; rotate first.</exception>
    public bool Retire(string keyId)
    {
        TicketVerificationKey? retired;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var current = _keys;
            if (keyId == current.ActiveKeyId)
            {
                throw new InvalidOperationException($"Ticket key '{keyId}' is the active key: rotate to a new key before retiring it.");
            }

            if (!current.Keys.TryGetValue(keyId, out retired))
            {
                return false;
            }

            var keys = new Dictionary<string, TicketVerificationKey>(current.Keys, StringComparer.Ordinal);
            keys.Remove(keyId);
            _keys = new KeySet(current.ActiveKeyId, keys.ToFrozenDictionary(StringComparer.Ordinal));
        }

        retired.Dispose();
        return true;
    }

    /// <summary>Adds a public key that verifies tickets another issuing site signs.</summary>
    /// <exception cref="ArgumentException">The id is invalid or taken, or the PEM is not a P-256 public key.</exception>
    public void AddVerificationKey(string keyId, string publicKeyPem)
    {
        if (!TicketToken.IsValidKeyId(keyId))
        {
            throw new ArgumentException($"'{keyId}' is not a key id (1 to {TicketToken.MaxKeyIdLength} of a-z, 0-9, '_', '-').", nameof(keyId));
        }

        using var publicKey = ImportPublicKey(publicKeyPem) ?? throw new ArgumentException("Not a PEM P-256 public key.", nameof(publicKeyPem));
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var current = _keys;
            if (current.Keys.ContainsKey(keyId))
            {
                throw new ArgumentException($"The ring already holds a key '{keyId}'.", nameof(keyId));
            }

            var keys = new Dictionary<string, TicketVerificationKey>(current.Keys, StringComparer.Ordinal)
            {
                [keyId] = new TicketVerificationKey(keyId, publicKey),
            };
            _keys = new KeySet(current.ActiveKeyId, keys.ToFrozenDictionary(StringComparer.Ordinal));
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _signer.Dispose();
            foreach (var key in _keys.Keys.Values)
            {
                key.Dispose();
            }
        }
    }

    /// <summary>Signs a ticket with the active key, naming it in the payload.</summary>
    internal string Sign(IssuedTicket ticket)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return TicketToken.Encode(ticket, _keys.ActiveKeyId, _signer);
        }
    }

    /// <summary>Checks a signature under the key a payload names; allocates nothing once the key's pool is warm.</summary>
    internal TokenError Verify(ReadOnlySpan<char> keyId, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> signature)
    {
        if (!_keys.Lookup.TryGetValue(keyId, out var key))
        {
            return TokenError.UnknownKey;
        }

        return key.Verify(payload, signature) switch
        {
            true => TokenError.None,
            false => TokenError.BadSignature,
            null => TokenError.UnknownKey,
        };
    }

    private static (string Id, ECDsa Signer) NewKey(string? keyId, Func<string, bool> taken)
    {
        if (keyId is not null && !TicketToken.IsValidKeyId(keyId))
        {
            throw new ArgumentException($"'{keyId}' is not a key id (1 to {TicketToken.MaxKeyIdLength} of a-z, 0-9, '_', '-').", nameof(keyId));
        }

        if (keyId is not null && taken(keyId))
        {
            throw new ArgumentException($"The ring already holds a key '{keyId}'.", nameof(keyId));
        }

        while (true)
        {
            var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var id = keyId ?? Thumbprint(signer);
            if (!taken(id))
            {
                return (id, signer);
            }

            signer.Dispose();
        }
    }

    // Eight hex digits of SHA-256 over the DER public key: short enough for the QR code, tied to the key material
    // (RFC 7638 thumbprints do the same for JWK), and a taken id only means generating another key.
    private static string Thumbprint(ECDsa key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(key.ExportSubjectPublicKeyInfo(), hash);
        return Convert.ToHexStringLower(hash[..4]);
    }

    private static ECDsa PublicPart(ECDsa key)
    {
        var publicKey = ECDsa.Create();
        publicKey.ImportParameters(key.ExportParameters(includePrivateParameters: false));
        return publicKey;
    }

    private static bool IsP256(ECDsa key)
    {
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        return curve.IsNamed && curve.Oid.Value == ECCurve.NamedCurves.nistP256.Oid.Value;
    }

    private sealed class KeySet
    {
        public KeySet(string activeKeyId, FrozenDictionary<string, TicketVerificationKey> keys)
        {
            ActiveKeyId = activeKeyId;
            Keys = keys;
            Lookup = keys.GetAlternateLookup<ReadOnlySpan<char>>();
            var ids = keys.Keys.ToArray();
            Array.Sort(ids, StringComparer.Ordinal);
            SortedIds = Array.AsReadOnly(ids);
        }

        public string ActiveKeyId { get; }

        public FrozenDictionary<string, TicketVerificationKey> Keys { get; }

        public FrozenDictionary<string, TicketVerificationKey>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }

        public IReadOnlyList<string> SortedIds { get; }
    }
}
