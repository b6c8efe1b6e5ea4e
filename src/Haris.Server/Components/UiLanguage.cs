using Haris.Server.Api;
using Microsoft.AspNetCore.Http;

namespace Haris.Server.Components;

/// <summary>The language a person reads the UI in: Arabic (right to left), French or English, remembered in a cookie.</summary>
/// <remarks>
/// One per request and one per circuit: the static root reads the cookie and hands the code to the interactive part as
/// a parameter, because a circuit has no request to read it from.
/// </remarks>
public sealed class UiLanguage
{
    /// <summary>The cookie that remembers the choice for a year.</summary>
    public const string CookieName = "haris.lang";

    /// <summary>Arabic, the first language of the event.</summary>
    public const string Arabic = "ar";

    /// <summary>French.</summary>
    public const string French = "fr";

    /// <summary>English.</summary>
    public const string English = "en";

    /// <summary>The languages offered, in the order the switcher shows them.</summary>
    public static readonly IReadOnlyList<string> Supported = [Arabic, French, English];

    /// <summary>The language code in use.</summary>
    public string Code { get; private set; } = Arabic;

    /// <summary>Whether the language is written right to left.</summary>
    public bool IsRightToLeft => Code == Arabic;

    /// <summary>The <c>dir</c> attribute of the document.</summary>
    public string Direction => IsRightToLeft ? "rtl" : "ltr";

    /// <summary>Uses <paramref name="code"/> when it is supported; returns whether it was.</summary>
    public bool Use(string? code)
    {
        if (Normalize(code) is { } known)
        {
            Code = known;
            return true;
        }

        return false;
    }

    /// <summary>The cookie's language, else the browser's first supported one, else Arabic.</summary>
    public static string FromRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Normalize(request.Cookies[CookieName]) is { } chosen)
        {
            return chosen;
        }

        foreach (var value in request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1))
        {
            var tag = value.Value.Value ?? "";
            if (Normalize(tag.Split('-')[0]) is { } accepted)
            {
                return accepted;
            }
        }

        return Arabic;
    }

    /// <summary>A supported language code, or null.</summary>
    public static string? Normalize(string? code) =>
        code?.Trim().ToLowerInvariant() switch
        {
            Arabic => Arabic,
            French => French,
            English => English,
            _ => null,
        };

    /// <summary>A tournament name in this language, falling back to English where the file gives none.</summary>
    public string Pick(VenuesApi.Names names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return Code switch
        {
            Arabic => names.Ar ?? names.En,
            French => names.Fr ?? names.En,
            _ => names.En,
        };
    }
}
