using Haris.Core.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Haris.Ui.Tests;

/// <summary>Every page renders with the seeded data, in Arabic and in English, and is kept as a screenshot.</summary>
[Collection(UiCollection.Name)]
public sealed class PagesTests(UiServer server)
{
    /// <summary>A page, and an element that only shows when its data is there.</summary>
    public static TheoryData<string, string, string> Pages => new()
    {
        { "overview", "/", "venue-tile" },
        { "alerts", "/alerts", "alert-row" },
        { "venue", "/venues/" + UiServer.Venue, "gate-reject" },
        { "incidents", "/incidents", "incident-card" },
        { "incident", "/incidents/{incident}", "checklist-step" },
        { "access", "/access?venue=" + UiServer.Venue, "reject-row" },
        { "rules", "/rules", "rule-row" },
        { "admin", "/admin", "admin-user" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_RendersWithData_InArabicAndEnglish(string name, string path, string dataTestId)
    {
        foreach (var language in new[] { "ar", "en" })
        {
            await server.WithPageAsync(Roles.Admin, async page =>
            {
                await page.GotoAsync(path.Replace("{incident}", server.IncidentId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

                await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", language == "ar" ? "rtl" : "ltr");
                await Expect(page.GetByTestId("page-title")).ToBeVisibleAsync();
                await Expect(page.GetByTestId(dataTestId).First).ToBeVisibleAsync();
                await Expect(page.GetByTestId("live")).ToBeAttachedAsync();
                await page.ScreenshotAsync(new PageScreenshotOptions
                {
                    Path = Path.Combine(UiServer.ScreenshotDirectory, $"{name}.{language}.png"),
                    FullPage = true,
                });
            }, language, name);
        }
    }
}
