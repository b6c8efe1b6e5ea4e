using Haris.Operations.Tickets;

namespace Haris.Server.Operations.Ticketing;

/// <summary>The API's spelling of scan directions and reasons, both ways.</summary>
public static class ScanNames
{
    /// <summary>Entering.</summary>
    public const string In = "in";

    /// <summary>Leaving.</summary>
    public const string Out = "out";

    private static readonly Dictionary<string, ScanReason> s_reasons =
        Enum.GetValues<ScanReason>().ToDictionary(Name, r => r, StringComparer.Ordinal);

    /// <summary>Every reason's name, in the order of <see cref="ScanReason"/>.</summary>
    public static IReadOnlyList<string> Reasons { get; } = [.. s_reasons.Keys];

    /// <summary>A reason's name (<c>wrong_gate</c>), as a verdict with it spells it.</summary>
    public static string Name(ScanReason reason) => new ScanVerdict(ScanDecision.Reject, reason).ReasonName;

    /// <summary>Reads a reason's name (<c>wrong_gate</c>).</summary>
    public static bool TryParseReason(string? name, out ScanReason reason) => s_reasons.TryGetValue(name ?? "", out reason);

    /// <summary>Reads a direction's name; null or empty means in.</summary>
    public static bool TryParseDirection(string? name, out ScanDirection direction)
    {
        direction = ScanDirection.In;
        switch (name)
        {
            case null or "" or In:
                return true;
            case Out:
                direction = ScanDirection.Out;
                return true;
            default:
                return false;
        }
    }

    /// <summary>A direction's name.</summary>
    public static string Name(ScanDirection direction) => direction == ScanDirection.Out ? Out : In;

    /// <summary>A token error's name for the log (<c>bad_signature</c>).</summary>
    public static string Name(TokenError error) => Api.EnumText.Name(error);
}
