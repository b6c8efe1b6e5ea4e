namespace Haris.Operations.Tickets;

/// <summary>Which way a spectator passes the turnstile.</summary>
public enum ScanDirection
{
    /// <summary>Entering the stadium.</summary>
    In,

    /// <summary>Leaving the stadium; the ticket may enter again afterwards.</summary>
    Out,
}

/// <summary>One scan at a turnstile: the gate, what the reader read, and the direction.</summary>
/// <param name="Gate">The id of the gate the turnstile belongs to.</param>
/// <param name="Token">The text read: a signed token (it contains '.') or a bare barcode of an imported ticket.</param>
/// <param name="Direction">Which way the spectator passes.</param>
public readonly record struct ScanRequest(string Gate, string Token, ScanDirection Direction = ScanDirection.In);
