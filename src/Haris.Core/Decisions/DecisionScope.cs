using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using Haris.Core.Incidents;

namespace Haris.Core.Decisions;

/// <summary>Normalises what a decision blocks: one IP address or one CIDR block.</summary>
public static class DecisionScope
{
    /// <summary>Normalises an IP address or CIDR block; a single-host block becomes the bare address.</summary>
    /// <remarks>
    /// One address has one spelling whichever way it was typed (<c>203.0.113.7</c>, <c>203.0.113.7/32</c>,
    /// <c>::ffff:203.0.113.7</c>), so a duplicate decision is seen as one and the edge holds one entry.
    /// </remarks>
    public static bool TryNormalize(string? value, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        var text = value.AsSpan().Trim();
        if (text.IsEmpty || text.Length > 64 || !Observables.TryParseCidr(text, out var network))
        {
            return false;
        }

        var hostBits = network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        normalized = network.PrefixLength == hostBits ? network.BaseAddress.ToString() : network.ToString();
        return true;
    }

    /// <summary>Whether a normalised scope is a block of addresses rather than one address.</summary>
    public static bool IsRange(string normalized) => normalized.Contains('/', StringComparison.Ordinal);
}
