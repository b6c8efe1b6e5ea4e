using Haris.Core.Security;
using static Microsoft.Playwright.Assertions;

namespace Haris.Ui.Tests;

/// <summary>Actions taken on the pages, and changes made elsewhere arriving on an open page.</summary>
[Collection(UiCollection.Name)]
public sealed class ActionsTests(UiServer server)
{
    [Fact]
    public async Task RuleTest_PastedAttackLine_NamesTheRuleItMatches()
    {
        await server.WithPageAsync(Roles.CyberAnalyst, async page =>
        {
            await page.GotoAsync("/rules");
            await Expect(page.GetByTestId("live")).ToBeAttachedAsync();

            await page.Locator("[data-testid=test-lines] textarea, textarea[data-testid=test-lines]").First
                .FillAsync(server.AttackLine("/search", UiServer.HostileQuery, UiServer.HostileAgent) + "\nnot a log line");
            await page.GetByTestId("test-run").ClickAsync();

            await Expect(page.GetByTestId("test-match").First).ToContainTextAsync("Cross-Site Scripting");
            await Expect(page.GetByTestId("test-results")).ToContainTextAsync(UiServer.HostileAgent);
        });
    }

    [Fact]
    public async Task IncidentReportedElsewhere_AppearsOnTheOpenBoard()
    {
        await server.WithPageAsync(Roles.Operator, async page =>
        {
            await page.GotoAsync("/incidents");
            await Expect(page.GetByTestId("live")).ToBeAttachedAsync();
            await page.EvaluateAsync("() => { window.harisNoReload = true; }");
            var title = "Medical call " + Guid.NewGuid().ToString("N")[..8];

            await server.ReportIncidentAsync(title);

            await Expect(page.GetByTestId("column-reported").GetByText(title)).ToBeVisibleAsync(new() { Timeout = 15_000 });
            Assert.True(await page.EvaluateAsync<bool>("() => window.harisNoReload === true"));
        });
    }
}
