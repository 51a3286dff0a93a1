using ChatOpsJit.Core.Requests;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatOpsJit.EndToEnd.Tests.Browser;

/// <summary>What JITNA users expect and JITNA lacks, clicked through the console: approver DMs, the reminder, an extension.</summary>
public sealed partial class ConsoleBrowserTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public Task An_approver_decides_from_their_dm_and_the_requester_is_reminded_and_extends_with_the_approvers_consent()
    {
        var time = new FakeTimeProvider(Nine);
        return WithConsoleAsync(o => o.Time = time, async (page, host) =>
        {
            var id = await Flow.RequestWeb1Async(host);
            await page.GotoAsync(host.BaseUrl + "/console");

            // The approver is told in their own DM, and can approve right there.
            await ChooseUserAsync(page, Approver);
            await OpenConversationAsync(page, $"dm:{Approver}");
            var asked = page.Locator($"[data-testid='card'][data-card-title='Access request {id}: Pending']");
            await Expect(asked).ToContainTextAsync("you approve at level 1 of 1");
            await asked.Locator("[data-verb='approve']").ClickAsync();
            var decided = page.Locator($"[data-testid='card'][data-card-title^='Access request {id}:']").First;
            await Expect(decided.Locator("[data-verb]")).ToHaveCountAsync(0);
            await Flow.WaitForStateAsync(host, id, AccessRequestState.Active);

            // Fifteen minutes before the end, the requester's DM has the reminder with an Extend button.
            // In steps: one jump can fall between the workers' passes, which then wait on the fake clock for ever.
            time.Advance(TimeSpan.FromMinutes(100));
            await Flow.AdvanceUntilAsync(time, TimeSpan.FromMinutes(1),
                async () => Flow.Count(await host.TranscriptAsync(), $"dm:{Requester}", "Access to web-1 ends at") > 0, "the reminder");
            await ChooseUserAsync(page, Requester);
            await OpenConversationAsync(page, $"dm:{Requester}");
            var reminder = page.Locator("[data-testid='card'][data-card-title='Access to web-1 ends at 2026-11-28 11:00 UTC']");
            await Expect(reminder).ToBeVisibleAsync();
            await reminder.Locator("[data-verb='extend']").ClickAsync();

            var dialog = page.GetByRole(AriaRole.Dialog, new PageGetByRoleOptions { Name = "Extend your access to web-1?" });
            await Expect(dialog).ToBeVisibleAsync();
            await dialog.GetByRole(AriaRole.Textbox).FillAsync("1h");
            await dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Extend", Exact = true }).ClickAsync();
            await Expect(dialog).ToBeHiddenAsync();
            await Expect(reminder.Locator("xpath=ancestor::*[@data-testid='message']").GetByTestId("notice")).ToContainTextAsync("sent for approval");
            await Expect(reminder.Locator("[data-verb='extend']")).ToHaveCountAsync(0);

            // The approver is asked again, in a new DM, and approves the extension.
            await ChooseUserAsync(page, Approver);
            await OpenConversationAsync(page, $"dm:{Approver}");
            var approveExtension = page.Locator("[data-verb='approve-extension']");
            await Expect(approveExtension).ToHaveCountAsync(1);
            await approveExtension.ClickAsync();
            await Expect(page.Locator("[data-verb='approve-extension']")).ToHaveCountAsync(0);

            // The requester's grant DM says the new end, the old reminder says it was extended, and a DM says so.
            await ChooseUserAsync(page, Requester);
            await OpenConversationAsync(page, $"dm:{Requester}");
            await Expect(page.Locator("[data-testid='card'][data-card-title='Access to web-1: Active until 2026-11-28 12:00 UTC']")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid='card'][data-card-title='Access to web-1 extended until 2026-11-28 12:00 UTC']")).ToHaveCountAsync(2);
            Assert.That((await Flow.WaitForStateAsync(host, id, AccessRequestState.Active)).ExpiresAt, Is.EqualTo(Nine + TimeSpan.FromHours(3)));
        });
    }
}
