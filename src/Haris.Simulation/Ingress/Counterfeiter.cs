using System.Buffers.Text;

namespace Haris.Simulation.Ingress;

/// <summary>
/// Makes the counterfeits a forger brings to the gates, from genuine tokens the forger has seen (a photographed ticket)
/// and from nothing; deterministic, so no ECDSA key is needed or used.
/// </summary>
/// <remarks>
/// Four kinds, each refused as <c>counterfeit</c> for its own reason:
/// <list type="bullet">
/// <item>a forged ticket (55%): a real token with a new ticket number written into its payload and the original
/// signature kept, so the signature no longer matches (<c>BadSignature</c>);</item>
/// <item>a token signed with the forger's own key (10%): the payload names a key id the ring does not hold (<c>UnknownKey</c>);</item>
/// <item>random text shaped like a token (20%): <c>Malformed</c>;</item>
/// <item>a bare barcode of an unknown ticket (15%), as printed by another ticketing system: <c>UnknownBarcode</c>.</item>
/// </list>
/// </remarks>
internal sealed class Counterfeiter(Random rng)
{
    private const string IdAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const string KeyAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>A counterfeit modelled on <paramref name="genuine"/>, a real token.</summary>
    public string Next(string genuine)
    {
        var roll = rng.NextDouble();
        return roll switch
        {
            < 0.55 => Rewrite(genuine, field: 1, IdAlphabet) ?? RandomToken(),
            < 0.65 => Rewrite(genuine, field: 0, KeyAlphabet) ?? RandomToken(),
            < 0.85 => RandomToken(),
            _ => RandomBarcode(),
        };
    }

    // Rewrites the characters of one payload string field (0 = key id, 1 = ticket id) in place, keeping its length, so
    // the payload still parses but no longer matches its signature (ticket id) or names a key nobody holds (key id).
    private string? Rewrite(string genuine, int field, string alphabet)
    {
        var dot = genuine.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return null;
        }

        byte[] payload;
        try
        {
            payload = Base64Url.DecodeFromChars(genuine.AsSpan(0, dot));
        }
        catch (FormatException)
        {
            return null;
        }

        // Layout (docs/tickets.md): version byte, then strings as a length and bytes; key id and ticket id are short
        // enough that their lengths take one byte.
        var offset = 1;
        for (var i = 0; i < field; i++)
        {
            if (offset >= payload.Length || payload[offset] >= 0x80)
            {
                return null;
            }

            offset += 1 + payload[offset];
        }

        if (offset >= payload.Length || payload[offset] >= 0x80 || offset + 1 + payload[offset] > payload.Length || payload[offset] == 0)
        {
            return null;
        }

        var start = offset + 1;
        var end = start + payload[offset];
        var original = payload[start..end];
        do
        {
            for (var i = start; i < end; i++)
            {
                payload[i] = (byte)alphabet[rng.Next(alphabet.Length)];
            }
        }
        while (payload.AsSpan(start, end - start).SequenceEqual(original));

        return Base64Url.EncodeToString(payload) + genuine[dot..];
    }

    private string RandomToken()
    {
        var payload = rng.Next(80, 96);
        return string.Create(payload + 1 + 86, rng, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Base64UrlAlphabet[r.Next(Base64UrlAlphabet.Length)];
            }

            span[^87] = '.';
        });
    }

    private string RandomBarcode() => string.Create(rng.Next(10, 17), rng, static (span, r) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = IdAlphabet[r.Next(IdAlphabet.Length)];
        }
    });
}
