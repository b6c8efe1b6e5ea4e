using System.Diagnostics.CodeAnalysis;
using Haris.Core.Incidents;

namespace Haris.Core.Allowlist;

/// <summary>Validates and normalises allowlist values, one spelling per value as for observables.</summary>
public static class AllowlistValues
{
    /// <summary>The longest value accepted; paths are the long ones.</summary>
    public const int MaxLength = 2048;

    private const int MaxRuleIdLength = 200;

    /// <summary>Validates <paramref name="value"/> for <paramref name="scope"/> and normalises it.</summary>
    /// <remarks>
    /// Addresses and blocks as <see cref="Observables"/> writes them; a rule id trimmed; a path trimmed and starting
    /// with <c>/</c>, case kept (servers tell <c>/Admin</c> and <c>/admin</c> apart); a user as an observable user.
    /// </remarks>
    public static bool TryNormalize(AllowlistScope scope, string? value, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        var text = value.AsSpan().Trim();
        if (text.IsEmpty || text.Length > MaxLength)
        {
            return false;
        }

        switch (scope)
        {
            case AllowlistScope.Rule:
                normalized = text.Length <= MaxRuleIdLength ? text.ToString() : null;
                break;
            case AllowlistScope.SourceIp:
                return Observables.TryNormalize(ObservableKind.Ip, value, out normalized);
            case AllowlistScope.Cidr:
                return Observables.TryNormalize(ObservableKind.Cidr, value, out normalized);
            case AllowlistScope.Path:
                normalized = text[0] == '/' ? text.ToString() : null;
                break;
            case AllowlistScope.User:
                return Observables.TryNormalize(ObservableKind.User, value, out normalized);
        }

        return normalized is not null;
    }
}
