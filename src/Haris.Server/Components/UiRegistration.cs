using Haris.Core.Security;
using Haris.Server.Api;
using Haris.Server.Resources;
using Haris.Server.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;

namespace Haris.Server.Components;

/// <summary>The operations room in the browser: Blazor components rendered on the server, with MudBlazor.</summary>
public static class UiRegistration
{
    /// <summary>The roles of people: everyone but the machines' <c>sensor</c>.</summary>
    public static readonly string[] People = [.. Roles.All.Where(r => r != Roles.Sensor)];

    /// <summary>Registers the components, their text tables and MudBlazor.</summary>
    public static IHostApplicationBuilder AddHarisUi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<UiLanguage>();
        builder.Services.AddSingleton<VenueClock>();
        builder.Services.AddScoped<IStringLocalizer<Ui>, UiLocalizer>();
        return builder;
    }

    /// <summary>Serves the browser files embedded in this assembly (the Blazor script, MudBlazor's styles and script, ours).</summary>
    public static WebApplication UseHarisUiAssets(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(UiRegistration).Assembly, "Haris.Server.wwwroot"),
        });
        return app;
    }

    /// <summary>Maps the pages, the language switch and sign-out.</summary>
    /// <remarks>
    /// Each page declares its roles with <c>[Authorize]</c> (usually <see cref="AllowRolesAttribute"/>); the same
    /// roles are copied into <see cref="AllowedRoles"/> so the pages take part in the route-table authorization tests
    /// like the API. The circuit's own endpoints (<c>/_blazor</c>) admit people only.
    /// </remarks>
    public static WebApplication MapHarisUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .Finally(DeclareRoles);

        app.MapGet("/language/{code}", SwitchLanguage).AllowEveryone();
        app.MapPost("/logout", SignOutAsync).RequireRoles(People).WithMetadata(new RequireAntiforgeryTokenAttribute());
        return app;
    }

    private static void DeclareRoles(EndpointBuilder endpoint)
    {
        if (endpoint.Metadata.OfType<AllowedRoles>().Any())
        {
            return;
        }

        if (endpoint.Metadata.OfType<IAllowAnonymous>().Any())
        {
            endpoint.Metadata.Add(new AllowedRoles([], Anonymous: true));
            return;
        }

        var declared = endpoint.Metadata.OfType<IAuthorizeData>().Where(a => !string.IsNullOrEmpty(a.Roles)).ToList();
        if (declared.Count > 0)
        {
            foreach (var data in declared)
            {
                endpoint.Metadata.Add(new AllowedRoles(data.Roles!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
            }

            return;
        }

        // A page lacks a declaration only by mistake, and then stays undeclared for the route-table test to catch.
        // The framework's own endpoints carry no component: the redirect helper of enhanced navigation is open (it
        // only echoes a redirect the server already decided), the circuit's endpoints serve people only.
        var pattern = (endpoint as RouteEndpointBuilder)?.RoutePattern.RawText ?? "";
        if (pattern.StartsWith("/_framework/", StringComparison.Ordinal))
        {
            endpoint.Metadata.Add(new AllowedRoles([], Anonymous: true));
        }
        else if (pattern.StartsWith("/_blazor", StringComparison.Ordinal))
        {
            endpoint.Metadata.Add(new AllowedRoles(People));
            endpoint.Metadata.Add(new AuthorizeAttribute { Roles = string.Join(',', People) });
        }
    }

    internal static IResult SwitchLanguage(string code, string? back, HttpContext http)
    {
        if (UiLanguage.Normalize(code) is { } language)
        {
            http.Response.Cookies.Append(UiLanguage.CookieName, language, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                MaxAge = TimeSpan.FromDays(365),
                IsEssential = true,
            });
        }

        // Without a page to go back to there is nothing to show: scripts get the cookie and no content.
        return back is null ? TypedResults.NoContent() : TypedResults.LocalRedirect(LocalPath(back));
    }

    internal static async Task<IResult> SignOutAsync(
        Microsoft.AspNetCore.Identity.SignInManager<Haris.Storage.Identity.HarisUser> signIn, Haris.Storage.Audit.AuditLog audit,
        System.Security.Claims.ClaimsPrincipal caller, HttpContext http)
    {
        await AuthApi.LogoutAsync(signIn, audit, caller, http).ConfigureAwait(false);
        return TypedResults.LocalRedirect("/login");
    }

    /// <summary>A path on this site to go back to; anything else (another host, a scheme) becomes the start page.</summary>
    public static string LocalPath(string? path) =>
        path is { Length: > 0 } && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\')) ? path : "/";
}
