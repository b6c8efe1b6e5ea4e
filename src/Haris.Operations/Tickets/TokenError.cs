namespace Haris.Operations.Tickets;

/// <summary>Why a scanned token or barcode is not a genuine ticket; every value but <see cref="None"/> is counterfeit.</summary>
public enum TokenError
{
    /// <summary>The token is genuine (or the scan was rejected for another reason).</summary>
    None,

    /// <summary>The text is not a token of the documented format (bad characters, lengths, encoding or fields).</summary>
    Malformed,

    /// <summary>The token names a key the ring does not hold: never known, or retired.</summary>
    UnknownKey,

    /// <summary>The signature does not match the payload under the named key.</summary>
    BadSignature,

    /// <summary>A bare barcode that is not in the registry of imported tickets, or belongs to a signed ticket.</summary>
    UnknownBarcode,
}
