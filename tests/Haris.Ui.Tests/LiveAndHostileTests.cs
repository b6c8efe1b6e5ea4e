using Haris.Core.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Haris.Ui.Tests;

/// <summary>Alerts arrive without a reload, and what attackers wrote stays inert text.</summary>
[Collection(UiCollection.Name)]
public sealed class LiveAndHostileTests(UiServer server)
{
    [Fact]
    public async Task NewAlert_AppearsWithoutReload()
    {
        await server.WithPageAsync(Roles.CyberAnalyst, async page =>
        {
            await page.GotoAsync("/alerts");
            await Expect(page.GetByTestId("live")).ToBeAttachedAsync();
            // A reload would lose this mark.
            await page.EvaluateAsync("() => { window.harisNoReload = true; }");
            var marker = "/live-" + Guid.NewGuid().ToString("N")[..8];
            var address = "192.0.2." + Random.Shared.Next(2, 250).ToString(System.Globalization.CultureInfo.InvariantCulture);

            await server.IngestAsync(server.AttackLine(marker, UiServer.HostileQuery, "curl/8.5", address));

            await Expect(page.GetByTestId("alerts-table").GetByText(address)).ToBeVisibleAsync(new() { Timeout = 15_000 });
            Assert.True(await page.EvaluateAsync<bool>("() => window.harisNoReload === true"));
        });
    }

    [Fact]
    public async Task Filters_NarrowTheList_ToTheSourceAddress()
    {
        await server.WithPageAsync(Roles.Commander, async page =>
        {
            await page.GotoAsync("/alerts");
            await Expect(page.GetByTestId("live")).ToBeAttachedAsync();
            await Expect(page.GetByTestId("alerts-table").GetByText("203.0.113.9").First).ToBeVisibleAsync();

            await page.Locator("[data-testid=filter-source] input, input[data-testid=filter-source]").First.FillAsync("198.51.100.7");
            await page.GetByTestId("filter-apply").ClickAsync();

            await Expect(page.GetByTestId("alerts-table").GetByText("203.0.113.9")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("alerts-table").GetByText("198.51.100.7").First).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task HostileStrings_ShowAsInertText_AndExecuteNothing()
    {
        var dialogs = 0;
        void Count(IPage page) => page.Dialog += (_, dialog) =>
        {
            Interlocked.Increment(ref dialogs);
            _ = dialog.DismissAsync();
        };

        await server.WithPageAsync(Roles.CyberAnalyst, async page =>
        {
            Count(page);
            await page.GotoAsync("/alerts");
            await Expect(page.GetByTestId("live")).ToBeAttachedAsync();
            await page.GetByTestId("alerts-table").GetByText("198.51.100.7").First.ClickAsync();

            var fields = page.GetByTestId("alert-fields");
            await Expect(fields).ToBeVisibleAsync();
            await Expect(fields.GetByText(UiServer.HostileAgent, new() { Exact = true })).ToBeVisibleAsync();
            await Expect(fields.GetByText("</script><script>alert(2)</script>", new() { Exact = false }).First).ToBeVisibleAsync();
            await Expect(page.Locator("img[src='x']")).ToHaveCountAsync(0);
        });

        await server.WithPageAsync(Roles.Commander, async page =>
        {
            Count(page);
            await page.GotoAsync("/incidents/" + server.IncidentId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Expect(page.GetByTestId("page-title")).ToContainTextAsync(UiServer.ArabicText + " " + UiServer.HostileAgent);
            await Expect(page.GetByTestId("incident-description")).ToHaveTextAsync("</script><script>alert(3)</script>");
            await Expect(page.Locator("img[src='x']")).ToHaveCountAsync(0);
        }, "ar");

        Assert.Equal(0, dialogs);
    }
}
