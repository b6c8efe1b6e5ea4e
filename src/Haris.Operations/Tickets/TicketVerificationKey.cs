using System.Security.Cryptography;

namespace Haris.Operations.Tickets;

/// <summary>One public key of the ring, verifying signatures from any number of threads at once.</summary>
/// <remarks>
/// .NET does not promise that one <see cref="ECDsa"/> instance may verify on several threads at once, so each
/// verification rents an instance from a small lock-free pool and returns it; the pool only grows to the number of
/// gates verifying at the same instant. Once the key is retired, renting fails and the token reads as unknown.
/// </remarks>
internal sealed class TicketVerificationKey : IDisposable
{
    private readonly ECParameters _parameters;
    private readonly ECDsa?[] _pool = new ECDsa?[Math.Clamp(Environment.ProcessorCount * 2, 4, 64)];
    private volatile bool _disposed;

    public TicketVerificationKey(string keyId, ECDsa publicKey)
    {
        KeyId = keyId;
        _parameters = publicKey.ExportParameters(includePrivateParameters: false);
        PublicKeyPem = publicKey.ExportSubjectPublicKeyInfoPem();
        SubjectPublicKeyInfo = publicKey.ExportSubjectPublicKeyInfo();
    }

    /// <summary>The key id tokens name.</summary>
    public string KeyId { get; }

    /// <summary>The public key as a PEM <c>PUBLIC KEY</c> block.</summary>
    public string PublicKeyPem { get; }

    /// <summary>The public key in DER, to compare keys.</summary>
    public byte[] SubjectPublicKeyInfo { get; }

    /// <summary>Whether the signature is valid; null once the key has been retired.</summary>
    public bool? Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var ecdsa = Rent();
        if (ecdsa is null)
        {
            return null;
        }

        try
        {
            // Hashing here rather than in VerifyData saves one of the BCL's per-call buffers.
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(data, hash);
            return ecdsa.VerifyHash(hash, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        finally
        {
            Return(ecdsa);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        for (var i = 0; i < _pool.Length; i++)
        {
            Interlocked.Exchange(ref _pool[i], null)?.Dispose();
        }
    }

    private ECDsa? Rent()
    {
        if (_disposed)
        {
            return null;
        }

        for (var i = 0; i < _pool.Length; i++)
        {
            var ecdsa = Interlocked.Exchange(ref _pool[i], null);
            if (ecdsa is not null)
            {
                return ecdsa;
            }
        }

        return ECDsa.Create(_parameters);
    }

    private void Return(ECDsa ecdsa)
    {
        for (var i = 0; i < _pool.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _pool[i], ecdsa, null) is null)
            {
                // Retired meanwhile: Dispose may have swept the pool before this instance came back.
                if (_disposed)
                {
                    if (ReferenceEquals(Interlocked.CompareExchange(ref _pool[i], null, ecdsa), ecdsa))
                    {
                        ecdsa.Dispose();
                    }
                }

                return;
            }
        }

        ecdsa.Dispose();
    }
}
