using Haris.Core.Security;
using static Microsoft.Playwright.Assertions;

namespace Haris.Ui.Tests;

/// <summary>Signing in, languages, and what a role may not see.</summary>
[Collection(UiCollection.Name)]
public sealed class ShellTests(UiServer server)
{
    [Fact]
    public async Task SignIn_WithPassword_ShowsOverviewWithVenues()
    {
        await server.WithPageAsync(null, async page =>
        {
            await UiServer.SignInAsync(page, Roles.Commander);

            await Expect(page.GetByTestId("page-title")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("venue-tile").First).ToBeVisibleAsync();
            await Expect(page.GetByTestId("who")).ToHaveTextAsync(UiServer.UserFor(Roles.Commander));
        });
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        await server.WithPageAsync(null, async page =>
        {
            await UiServer.SignInAsync(page, Roles.Steward);
            await Expect(page.GetByTestId("live")).ToBeAttachedAsync();

            await page.GetByTestId("logout").ClickAsync();

            await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
            await page.GotoAsync("/incidents");
            Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task SignIn_WrongPassword_SaysSoAndStaysOnSignIn()
    {
        await server.WithPageAsync(null, async page =>
        {
            await page.GotoAsync("/login");
            await page.GetByTestId("user-name").FillAsync(UiServer.UserFor(Roles.Operator));
            await page.GetByTestId("password").FillAsync("not the password at all");
            await page.GetByTestId("sign-in").ClickAsync();

            await Expect(page.GetByTestId("login-problem")).ToBeVisibleAsync();
            Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Anonymous_OpeningAPage_IsSentToSignIn()
    {
        await server.WithPageAsync(null, async page =>
        {
            await page.GotoAsync("/incidents");

            Assert.Contains("/login", page.Url, StringComparison.Ordinal);
            await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task SwitchingToArabic_MakesTheDocumentRightToLeft_AndIsRemembered()
    {
        await server.WithPageAsync(Roles.Commander, async page =>
        {
            await page.GotoAsync("/");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
            await Expect(page.GetByTestId("live")).ToBeAttachedAsync();

            await page.GetByTestId("lang-ar").ClickAsync();

            await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ar");
            await Expect(page.GetByTestId("nav-overview")).ToContainTextAsync("نظرة عامة");
            await Expect(page.Locator(".mud-application-layout-rtl, .mud-rtl-provider, [dir=rtl]").First).ToBeAttachedAsync();

            await page.GotoAsync("/incidents");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
            await Expect(page.GetByTestId("live")).ToBeAttachedAsync();

            await page.GetByTestId("lang-fr").ClickAsync();
            await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
            await Expect(page.GetByTestId("nav-overview")).ToContainTextAsync("Vue d'ensemble");
        }, "en");
    }

    [Fact]
    public async Task Operator_DoesNotSeeAdminPages_AndIsRefusedAtTheirUrls()
    {
        await server.WithPageAsync(Roles.Operator, async page =>
        {
            await page.GotoAsync("/");
            await Expect(page.GetByTestId("nav-incidents")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("nav-admin")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("nav-rules")).ToHaveCountAsync(0);

            foreach (var path in new[] { "/admin", "/rules" })
            {
                var response = await page.GotoAsync(path);

                await Expect(page.GetByTestId("not-allowed")).ToBeVisibleAsync();
                Assert.DoesNotContain("data-testid=\"admin-users\"", await page.ContentAsync(), StringComparison.Ordinal);
                Assert.Contains("/denied", page.Url, StringComparison.Ordinal);
                Assert.NotNull(response);
            }
        });
    }
}
