using System.Threading.RateLimiting;
using Haris.Storage;
using Haris.Storage.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Haris.Server.Security;

/// <summary>Cookie sign-in for people (ASP.NET Core Identity), API keys for machines, and the login throttle.</summary>
public static class HarisAuthentication
{
    /// <summary>The scheme every endpoint authenticates with: an API key when the request presents one, else the cookie.</summary>
    public const string Scheme = "Haris";

    /// <summary>The rate-limiting policy on the login endpoint.</summary>
    public const string LoginThrottle = "login";

    /// <summary>Failed sign-ins in a row that lock an account.</summary>
    public const int MaxFailedSignIns = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(5);

    /// <summary>Login attempts allowed per client address per minute, whatever the account.</summary>
    public const int LoginAttemptsPerMinute = 20;

    /// <summary>Registers Identity, both schemes, authorization and the login throttle.</summary>
    public static IHostApplicationBuilder AddHarisAuthentication(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddIdentityCore<HarisUser>(options =>
            {
                // Length over composition rules, as NIST SP 800-63B advises.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                options.User.RequireUniqueEmail = false;
            })
            .AddRoles<HarisRole>()
            .AddEntityFrameworkStores<HarisDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<HarisClaimsPrincipalFactory>();

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key or sign-in cookie", options =>
                options.ForwardDefaultSelector = context =>
                    ApiKeyAuthenticationHandler.PresentedKey(context.Request.Headers) is null
                        ? IdentityConstants.ApplicationScheme
                        : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "haris.session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(12);
            options.SlidingExpiration = true;
            options.LoginPath = "/login";
            options.AccessDeniedPath = "/denied";
            options.ReturnUrlParameter = "back";

            // An API caller wants a status code, not a redirect to a sign-in page.
            options.Events.OnRedirectToLogin = context => StatusFor(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => StatusFor(context, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorization();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(LoginThrottle, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = LoginAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });

        return builder;
    }

    private static Task StatusFor(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        // Only a browser asking for a page is sent to the sign-in page; API callers, scrapers and scripts get the status.
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/metrics") || !AcceptsHtml(context.Request))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static bool AcceptsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}
