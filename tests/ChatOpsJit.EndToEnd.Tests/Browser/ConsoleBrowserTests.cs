using System.Text.RegularExpressions;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatOpsJit.EndToEnd.Tests.Browser;

/// <summary>
/// Drives the dev console page in a real headless Chromium against the real host: the whole
/// request, approve and grant flow a newcomer tries first, clicked the way they would click it.
/// </summary>
/// <remarks>
/// Uses the system Chromium (Debian: <c>apt-get install chromium</c>); Playwright never downloads a browser here.
/// Set <c>CHATOPSJIT_CHROMIUM</c> to use another Chromium binary. Without one the tests fail: README's test command installs it.
/// </remarks>
[TestFixture]
[NonParallelizable]
public sealed partial class ConsoleBrowserTests
{
    private const string DefaultChromium = "/usr/bin/chromium";
    private const string Requester = "dev@example.com";
    private const string Approver = "lead@example.com";
    private const string ApprovalsChannel = "channel:platform-approvals";
    private const string OtherApprover = "ops@example.com";
    private const float TimeoutMs = 15_000;
    private const int DesktopWidth = 1280;
    private const int DesktopHeight = 800;
    private const int PhoneWidth = 375;
    private const int PhoneHeight = 700;

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IBrowserContext? _context;
    private IPage? _page;
    private readonly List<string> _pageErrors = [];
    private readonly List<string> _nativeDialogs = [];

    [OneTimeSetUp]
    public async Task StartBrowserAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CHATOPSJIT_CHROMIUM") is { Length: > 0 } configured ? configured : DefaultChromium;
        if (!File.Exists(chromium))
        {
            Assert.Fail($"No Chromium at {chromium}: install it (apt-get install -y chromium) or set CHATOPSJIT_CHROMIUM.");
        }

        // The driver (and the node that runs it) ships in the NuGet package and is copied to bin/.playwright;
        // CreateAsync starts it offline and needs no settings. Only `playwright install` downloads browsers, and we never run it.
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = TimeoutMs,
        });
        SetDefaultExpectTimeout(TimeoutMs);
    }

    [OneTimeTearDown]
    public async Task StopBrowserAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    [SetUp]
    public async Task OpenPageAsync()
    {
        _pageErrors.Clear();
        _nativeDialogs.Clear();
        _context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = DesktopWidth, Height = DesktopHeight },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        _context.SetDefaultTimeout(TimeoutMs);
        _page = await _context.NewPageAsync();
        _page.PageError += (_, message) => _pageErrors.Add(message);
        // The console asks in its own dialog, never with window.confirm/alert/prompt: any native one is a failure.
        _page.Dialog += async (_, dialog) =>
        {
            _nativeDialogs.Add($"{dialog.Type}: {dialog.Message}");
            await dialog.DismissAsync();
        };
    }

    [TearDown]
    public async Task ClosePageAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }

        _context = null;
        _page = null;
    }

    [Test]
    public Task A_requester_asks_an_approver_approves_and_the_requester_gets_the_start_session_line() => WithConsoleAsync(async (page, host) =>
    {
        await page.GotoAsync(host.BaseUrl + "/console");

        // The requester asks from their DM with the bot.
        await ChooseUserAsync(page, Requester);
        await OpenConversationAsync(page, $"dm:{Requester}");
        var composer = page.GetByTestId("composer");
        await composer.FillAsync("/access web-1 disk full");
        await composer.PressAsync("Enter");

        var reply = page.GetByTestId("ephemeral");
        await Expect(reply).ToBeVisibleAsync();
        await Expect(reply).ToContainTextAsync("Only visible to you");
        await Expect(reply).ToHaveAttributeAsync("data-ok", "true");
        await Expect(composer).ToHaveValueAsync("");

        // The approval card lands in the approvers' channel, with buttons.
        await OpenConversationAsync(page, ApprovalsChannel);
        var approve = page.GetByTestId("card").Locator("[data-verb='approve']");
        await Expect(approve).ToHaveCountAsync(1);
        var requestId = await approve.GetAttributeAsync("data-request-id");
        Assert.That(requestId, Does.Match("^ar-[0-9a-z]+$"), "the Approve button names the request");
        // The title says the state, so the card is found by its request id.
        var card = page.Locator($"[data-testid='card'][data-card-title^='Access request {requestId}:']");
        await Expect(card).ToHaveAttributeAsync("data-card-title", $"Access request {requestId}: Pending");
        await Expect(card).ToBeVisibleAsync();
        await Expect(card).ToHaveAttributeAsync("data-tone", "pending");
        await Expect(card).ToContainTextAsync("disk full");
        await Expect(card.GetByTestId("mentions")).ToHaveTextAsync("@sre-leads@lead@example.com@ops@example.com"); // the group as written, then the people it reaches

        // The approver sees the same channel, but not the requester's DM, and approves.
        await ChooseUserAsync(page, Approver);
        await Expect(page.Locator($"[data-conversation='dm:{Requester}']")).ToHaveCountAsync(0);
        await Expect(page.Locator($"[data-conversation='dm:{Approver}']")).ToBeVisibleAsync();
        await OpenConversationAsync(page, ApprovalsChannel);
        await card.Locator("[data-verb='approve']").ClickAsync();

        var notice = page.GetByTestId("notice");
        await Expect(notice).ToBeVisibleAsync();
        await Expect(notice).ToHaveAttributeAsync("data-ok", "true");
        await Expect(card.Locator("[data-verb]")).ToHaveCountAsync(0);
        await Expect(card).ToContainTextAsync(new Regex("approved", RegexOptions.IgnoreCase));
        await Expect(card).ToHaveAttributeAsync("data-tone", "good");

        // Back as the requester: the bot's DM has the grant and the line to connect with.
        await ChooseUserAsync(page, Requester);
        await OpenConversationAsync(page, $"dm:{Requester}");
        var granted = page.Locator("[data-testid='card'][data-card-title^='Access to web-1: Active']");
        await Expect(granted).ToBeVisibleAsync();
        await Expect(granted).ToHaveAttributeAsync("data-tone", "good");
        await Expect(granted.GetByTestId("code")).ToContainTextAsync("aws ssm start-session");
        await Expect(granted).ToContainTextAsync(requestId!);

        // The sandbox keeps the same news as an email.
        await OpenConversationAsync(page, $"email:{Requester}");
        await Expect(page.Locator("[data-testid='card'][data-card-title^='Access to web-1: Active']")).ToBeVisibleAsync();
    });

    [Test]
    public Task Temporary_credentials_are_shown_only_to_the_requester_who_asked_for_them() => WithConsoleAsync(async (page, host) =>
    {
        var id = await Flow.RequestWeb1Async(host);
        await host.ActionAsync(Flow.Approver, "approve", id);
        await host.WaitForTranscriptAsync(t => Flow.Count(t, Flow.RequesterDm, "Access to web-1: Active") == 1, "the grant DM");
        await page.GotoAsync(host.BaseUrl + "/console");
        await ChooseUserAsync(page, Requester);
        await OpenConversationAsync(page, $"dm:{Requester}");

        var granted = page.Locator("[data-testid='card'][data-card-title^='Access to web-1: Active']");
        await granted.Locator("[data-verb='credentials']").ClickAsync();

        var secret = page.GetByTestId("ephemeral").Filter(new LocatorFilterOptions { HasText = "Temporary credentials for web-1" });
        await Expect(secret).ToBeVisibleAsync();
        await Expect(secret).ToContainTextAsync("Only visible to you");
        await Expect(secret.GetByTestId("code")).ToContainTextAsync("AWS_SECRET_ACCESS_KEY=sandbox-fake-secret-");

        // The approver, on the same page, never sees them; nor does the stored transcript.
        await ChooseUserAsync(page, Approver);
        await Expect(page.GetByTestId("ephemeral")).ToHaveCountAsync(0);
        Assert.That(await host.Http.GetStringAsync("/console/api/transcript"), Does.Not.Contain("sandbox-fake-secret"));
    });

    [Test]
    public Task A_mistyped_command_answers_only_the_typist_and_shows_user_text_as_text() => WithConsoleAsync(async (page, host) =>
    {
        await page.GotoAsync(host.BaseUrl + "/console");
        await ChooseUserAsync(page, Requester);
        await OpenConversationAsync(page, $"dm:{Requester}");

        var composer = page.GetByTestId("composer");
        await composer.FillAsync("/access no-such-node-<b>x</b> <img src=x onerror=alert(1)>");
        await composer.PressAsync("Enter");

        var reply = page.GetByTestId("ephemeral");
        await Expect(reply).ToBeVisibleAsync();
        await Expect(reply).ToHaveAttributeAsync("data-ok", "false");
        // Whatever the reply quotes back stays text: no element is made from it.
        await Expect(page.Locator("#messages img, #messages b")).ToHaveCountAsync(0);

        // Nobody else sees it.
        await ChooseUserAsync(page, Approver);
        await Expect(page.GetByTestId("ephemeral")).ToHaveCountAsync(0);
    });

    [Test]
    public Task A_256_character_unbroken_reason_wraps_inside_its_message_at_desktop_and_at_phone_width() => WithConsoleAsync(async (page, host) =>
    {
        var reason = new string('x', 255) + "y";
        var longNode = "i-" + new string('0', 120) + "f";
        await page.GotoAsync(host.BaseUrl + "/console");
        await ChooseUserAsync(page, Requester);
        await OpenConversationAsync(page, $"dm:{Requester}");

        // The typed command comes back above the reply, and a node id nobody knows is quoted in it.
        var composer = page.GetByTestId("composer");
        await composer.FillAsync($"/access web-1 {reason}");
        await composer.PressAsync("Enter");
        await Expect(page.GetByTestId("ephemeral").Filter(new LocatorFilterOptions { HasText = reason })).ToHaveCountAsync(1);
        await composer.FillAsync($"/access {longNode} {reason}");
        await composer.PressAsync("Enter");
        await Expect(page.GetByTestId("ephemeral").Filter(new LocatorFilterOptions { HasText = longNode })).ToHaveCountAsync(1);

        // The approval card carries the reason as a field value; approved, so do the grant's DM and email.
        var sent = page.GetByTestId("ephemeral").Filter(new LocatorFilterOptions { HasText = "sent to platform-approvals" });
        var requestId = RequestIdIn(await sent.GetByTestId("card").InnerTextAsync());
        await host.ActionAsync(Approver, "approve", requestId);
        await host.WaitForTranscriptAsync(t => Flow.Count(t, Flow.RequesterDm, "Access to web-1: Active") == 1, "the grant DM");

        foreach (var (width, height) in new[] { (DesktopWidth, DesktopHeight), (PhoneWidth, PhoneHeight) })
        {
            await page.SetViewportSizeAsync(width, height);
            foreach (var conversation in new[] { $"dm:{Requester}", ApprovalsChannel, $"email:{Requester}" })
            {
                await OpenConversationAsync(page, conversation);
                await Expect(page.Locator("#messages [data-testid='card']").Filter(new LocatorFilterOptions { HasText = reason }).First).ToBeVisibleAsync();
                Assert.That(await OverflowsAsync(page), Is.Empty, $"at {width} px in {conversation}, something is wider than its message or the page");
            }
        }
    });

    [Test]
    public Task At_phone_width_the_sidebar_folds_behind_a_toggle_and_a_command_can_still_be_sent() => WithConsoleAsync(async (page, host) =>
    {
        // A card in the approvers' channel, so that there are two conversations to choose from.
        await Flow.RequestWeb1Async(host);
        await host.WaitForTranscriptAsync(t => Flow.Count(t, ApprovalsChannel, "Access request") == 1, "the approval card");
        await page.GotoAsync(host.BaseUrl + "/console");
        await ChooseUserAsync(page, Requester);
        var sidebar = page.GetByTestId("sidebar");
        var toggle = page.GetByTestId("sidebar-toggle");

        // On a desktop the sidebar is always there and there is nothing to toggle.
        await Expect(sidebar).ToBeVisibleAsync();
        await Expect(toggle).ToBeHiddenAsync();

        await page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        await Expect(sidebar).ToBeHiddenAsync();
        await Expect(toggle).ToBeVisibleAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-controls", "sidebar");
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(toggle).ToHaveAccessibleNameAsync("Conversations");
        var pane = await page.Locator("#pane").BoundingBoxAsync();
        Assert.That(pane!.Width, Is.EqualTo(PhoneWidth).Within(1), "the messages take the whole width");

        // Open, and Escape closes it again, back on the toggle.
        await toggle.ClickAsync();
        await Expect(sidebar).ToBeVisibleAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await page.Keyboard.PressAsync("Escape");
        await Expect(sidebar).ToBeHiddenAsync();
        await Expect(toggle).ToBeFocusedAsync();

        // Picking a conversation closes it.
        await toggle.ClickAsync();
        var channel = page.Locator($"[data-conversation='{ApprovalsChannel}']");
        await Expect(channel).ToBeVisibleAsync();
        await channel.ClickAsync();
        await Expect(sidebar).ToBeHiddenAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(page.GetByTestId("pane-title")).ToHaveTextAsync("# platform-approvals");

        // The composer is on screen and works.
        var composer = page.GetByTestId("composer");
        await Expect(composer).ToBeInViewportAsync(new LocatorAssertionsToBeInViewportOptions { Ratio = 1 });
        await Expect(page.GetByTestId("send")).ToBeInViewportAsync(new LocatorAssertionsToBeInViewportOptions { Ratio = 1 });
        await composer.FillAsync("/access web-2 disk full");
        await page.GetByTestId("send").ClickAsync();
        var reply = page.GetByTestId("ephemeral");
        await Expect(reply).ToHaveAttributeAsync("data-ok", "true");
        await Expect(reply).ToContainTextAsync("sent to platform-approvals");
        await Expect(page.Locator("#messages [data-testid='card'][data-card-title^='Access request']")).ToHaveCountAsync(2);
        Assert.That(await OverflowsAsync(page), Is.Empty, "nothing is wider than the phone");

        // Back at desktop width: the sidebar is back, as it was.
        await page.SetViewportSizeAsync(DesktopWidth, DesktopHeight);
        await Expect(sidebar).ToBeVisibleAsync();
        await Expect(toggle).ToBeHiddenAsync();
    });

    [Test]
    public Task Each_person_sees_only_their_own_email_outbox() => WithConsoleAsync(async (page, host) =>
    {
        // Two people get an email each: the requester for web-1, the approver for their own web-2.
        var requesterAsk = await Flow.RequestWeb1Async(host);
        await host.ActionAsync(Approver, "approve", requesterAsk);
        var (_, approverAsk) = await host.CommandAsync(Approver, "/access web-2 rotate the logs");
        Assert.That(approverAsk.Ok, Is.True, approverAsk.Error);
        var approverRequest = RequestIdIn(approverAsk.Reply!.Title);
        await host.ActionAsync(OtherApprover, "approve", approverRequest);
        await host.WaitForTranscriptAsync(
            t => Flow.Count(t, $"email:{Requester}", "Access to web-1: Active") == 1 && Flow.Count(t, $"email:{Approver}", "Access to web-2: Active") == 1,
            "an email to each of them");

        await page.GotoAsync(host.BaseUrl + "/console");
        var mailboxes = page.GetByTestId("emails").Locator("[data-conversation]");

        await ChooseUserAsync(page, Requester);
        await Expect(mailboxes).ToHaveCountAsync(1);
        await Expect(mailboxes).ToHaveAttributeAsync("data-conversation", $"email:{Requester}");
        await OpenConversationAsync(page, $"email:{Requester}");
        await Expect(page.Locator("#messages [data-testid='card']")).ToContainTextAsync(requesterAsk);

        // Switching user switches mailboxes, as it switches DMs.
        await ChooseUserAsync(page, Approver);
        await Expect(mailboxes).ToHaveCountAsync(1);
        await Expect(mailboxes).ToHaveAttributeAsync("data-conversation", $"email:{Approver}");
        await Expect(page.GetByTestId("pane-title")).ToHaveTextAsync($"Email to {Approver}");
        await Expect(page.Locator($"[data-conversation='email:{Approver}']")).ToHaveAttributeAsync("aria-current", "true");
        // The approver's mailbox also holds the email asking them to approve the requester's request.
        await Expect(page.Locator("#messages [data-testid='card']", new() { HasText = approverRequest })).ToHaveCountAsync(1);
        await Expect(page.Locator("#messages")).Not.ToContainTextAsync("Access to web-1: Active");

        // Someone with no email (Security approves neither request) has an empty outbox, not someone else's; their view falls back to their DM.
        await ChooseUserAsync(page, "sec@example.com");
        await Expect(mailboxes).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("emails")).ToContainTextAsync("No emails yet");
        await Expect(page.Locator("[data-conversation='dm:sec@example.com']")).ToHaveAttributeAsync("aria-current", "true");
    });

    [Test]
    public Task An_approver_rejects_with_a_reason_typed_in_the_dialog_and_the_requester_reads_it() => WithConsoleAsync(async (page, host) =>
    {
        var id = await Flow.RequestWeb1Async(host);
        const string because = "web-2 has the same logs; use it first";
        await page.GotoAsync(host.BaseUrl + "/console");
        await ChooseUserAsync(page, Approver);
        await OpenConversationAsync(page, ApprovalsChannel);
        var card = page.Locator($"[data-testid='card'][data-card-title^='Access request {id}:']");
        await card.Locator("[data-verb='reject']").ClickAsync();

        // The host's question, in a modal dialog named by its title, the reason field focused.
        var dialog = page.GetByRole(AriaRole.Dialog, new PageGetByRoleOptions { Name = $"Reject request {id}?" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToHaveAttributeAsync("aria-modal", "true");
        await Expect(dialog).ToContainTextAsync("disk full on /var");
        var reason = dialog.GetByRole(AriaRole.Textbox, new LocatorGetByRoleOptions { Name = "Reason (optional; the requester sees it)" });
        await Expect(reason).ToBeFocusedAsync();

        // A reason the host refuses (a text-direction override) is answered inside the dialog, which stays open to fix it.
        await reason.FillAsync("looks fine\u202Eenif skool");
        await dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Reject", Exact = true }).ClickAsync();
        var error = dialog.GetByTestId("prompt-error");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync("text-direction");
        await Expect(reason).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(dialog).ToBeVisibleAsync();
        Assert.That((await host.Get<IAccessRequestStore>().FindAsync(id))!.State, Is.EqualTo(AccessRequestState.Pending));

        // Fixed and confirmed with Enter: the dialog closes, the presser is told, the card loses its buttons.
        await reason.FillAsync($"  {because}  ");
        await reason.PressAsync("Enter");
        await Expect(dialog).ToBeHiddenAsync();
        var notice = card.Locator("xpath=ancestor::*[@data-testid='message']").GetByTestId("notice");
        await Expect(notice).ToHaveAttributeAsync("data-ok", "true");
        await Expect(notice).ToContainTextAsync("with your reason");
        await Expect(card.Locator("[data-verb]")).ToHaveCountAsync(0);
        await Expect(card).ToHaveAttributeAsync("data-tone", "bad");

        // The requester's DM has the rejection, with the approver's reason as typed (trimmed).
        await ChooseUserAsync(page, Requester);
        await OpenConversationAsync(page, $"dm:{Requester}");
        var rejected = page.Locator("[data-testid='card'][data-card-title='Access to web-1 rejected']");
        await Expect(rejected).ToBeVisibleAsync();
        await Expect(rejected.Locator("[data-field='Their reason'] dd")).ToHaveTextAsync(because);
        await Expect(rejected).ToContainTextAsync($"\u201c{because}\u201d");
    });

    [Test]
    public Task The_requester_pressing_Reject_on_their_own_request_gets_the_refusal_and_no_dialog() => WithConsoleAsync(async (page, host) =>
    {
        var id = await Flow.RequestWeb1Async(host);
        await page.GotoAsync(host.BaseUrl + "/console");
        await ChooseUserAsync(page, Requester);
        await OpenConversationAsync(page, ApprovalsChannel);
        var card = page.Locator($"[data-testid='card'][data-card-title^='Access request {id}:']");
        await card.Locator("[data-verb='reject']").ClickAsync();

        // The refusal comes back as the answer to the press itself: nobody is asked to confirm what they may not do.
        var notice = page.GetByTestId("notice");
        await Expect(notice).ToHaveAttributeAsync("data-ok", "false");
        await Expect(notice).ToContainTextAsync("Sorry");
        await Expect(page.GetByTestId("prompt")).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(card.Locator("[data-verb='reject']")).ToBeEnabledAsync();
        Assert.That((await host.Get<IAccessRequestStore>().FindAsync(id))!.State, Is.EqualTo(AccessRequestState.Pending));
    });

    [Test]
    public Task Escape_or_Cancel_closes_the_reject_dialog_and_nothing_changes() => WithConsoleAsync(async (page, host) =>
    {
        var id = await Flow.RequestWeb1Async(host);
        await page.GotoAsync(host.BaseUrl + "/console");
        await ChooseUserAsync(page, Approver);
        await OpenConversationAsync(page, ApprovalsChannel);
        var card = page.Locator($"[data-testid='card'][data-card-title^='Access request {id}:']");
        var reject = card.Locator("[data-verb='reject']");
        var dialog = page.GetByRole(AriaRole.Dialog, new PageGetByRoleOptions { Name = $"Reject request {id}?" });
        var reason = page.GetByTestId("prompt-input");

        await reject.ClickAsync();
        await Expect(dialog).ToBeVisibleAsync();
        await reason.FillAsync("on second thoughts");
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(reject).ToBeFocusedAsync();

        // Opened again it starts empty, and Cancel closes it just the same.
        await reject.ClickAsync();
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(reason).ToHaveValueAsync("");
        await dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        // Nothing was sent: the card still asks, nobody was told, the request still waits.
        await Expect(card).ToHaveAttributeAsync("data-tone", "pending");
        await Expect(card.Locator("[data-verb='approve']")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("notice")).ToHaveCountAsync(0);
        Assert.That((await host.Get<IAccessRequestStore>().FindAsync(id))!.State, Is.EqualTo(AccessRequestState.Pending));
        Assert.That(Flow.Count(await host.TranscriptAsync(), Flow.RequesterDm, "Access to web-1 rejected"), Is.Zero);
    });

    /// <summary>
    /// Runs <paramref name="test"/> against a fresh host; on failure saves a screenshot of the page.
    /// The page leaves the console before the host stops: an open event stream would hold shutdown for its whole timeout.
    /// </summary>
    private Task WithConsoleAsync(Func<IPage, TestHost, Task> test) => WithConsoleAsync(_ => { }, test);

    private async Task WithConsoleAsync(Action<TestHostOptions> configure, Func<IPage, TestHost, Task> test)
    {
        var page = _page!;
        await using var host = await TestHost.StartAsync(configure);
        try
        {
            await test(page, host);
            Assert.That(_pageErrors, Is.Empty, "the page threw script errors");
            Assert.That(_nativeDialogs, Is.Empty, "the page opened a native dialog");
        }
        catch
        {
            await SaveScreenshotAsync(page);
            throw;
        }
        finally
        {
            await page.GotoAsync("about:blank");
        }
    }

    private static async Task SaveScreenshotAsync(IPage page)
    {
        try
        {
            var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"console-{TestContext.CurrentContext.Test.Name}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true, Timeout = TimeoutMs });
            TestContext.AddTestAttachment(file, "The console page when the test failed");
        }
        catch (PlaywrightException e)
        {
            await TestContext.Out.WriteLineAsync($"No screenshot: {e.Message}");
        }
    }

    private static async Task ChooseUserAsync(IPage page, string email)
    {
        var users = page.GetByTestId("user-select");
        await Expect(users.Locator($"option[value='{email}']")).ToBeAttachedAsync();
        await users.SelectOptionAsync(email);
        await Expect(users).ToHaveValueAsync(email);
    }

    /// <summary>Opens a conversation from the sidebar; at phone width, first opens the sidebar from its toggle.</summary>
    private static async Task OpenConversationAsync(IPage page, string conversationId)
    {
        var item = page.Locator($"[data-conversation='{conversationId}']");
        var toggle = page.GetByTestId("sidebar-toggle");
        if (await toggle.IsVisibleAsync() && await toggle.GetAttributeAsync("aria-expanded") != "true")
        {
            await toggle.ClickAsync();
        }

        await item.ClickAsync();
        await Expect(item).ToHaveAttributeAsync("aria-current", "true");
        await Expect(page.GetByTestId("pane-title")).ToHaveAttributeAsync("data-shown-conversation", conversationId);
    }

    [GeneratedRegex(@"\bar-[0-9a-f]{8}\b")]
    private static partial Regex RequestIdPattern();

    private static string RequestIdIn(string text)
    {
        var match = RequestIdPattern().Match(text);
        Assert.That(match.Success, Is.True, $"no request id in '{text}'");
        return match.Value;
    }

    /// <summary>
    /// What sticks out: an element of a message (or private reply) outside that message's box, a block whose content is wider
    /// than it, the message list scrolling sideways, or the page wider than the window. Empty when everything wraps.
    /// </summary>
    private static async Task<IReadOnlyList<string>> OverflowsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("""
            () => {
              const found = [];
              const name = (node) => `${node.tagName.toLowerCase()}${node.className && typeof node.className === "string" ? "." + node.className.trim().replace(/\s+/g, ".") : ""}`;
              const root = document.documentElement;
              if (root.scrollWidth > window.innerWidth) found.push(`the page is ${root.scrollWidth} px wide in a ${window.innerWidth} px window`);
              const list = document.getElementById("messages");
              if (list.scrollWidth > list.clientWidth + 1) found.push(`the messages scroll sideways (${list.scrollWidth} > ${list.clientWidth})`);
              const listBox = list.getBoundingClientRect();
              for (const message of list.querySelectorAll("[data-testid='message'], [data-testid='ephemeral']")) {
                const box = message.getBoundingClientRect();
                if (box.right > listBox.right + 1) found.push(`${name(message)} ends at ${box.right}, past the list at ${listBox.right}`);
                for (const node of message.querySelectorAll("*")) {
                  const r = node.getBoundingClientRect();
                  if (r.width === 0 && r.height === 0) continue;
                  if (r.left < box.left - 1 || r.right > box.right + 1) found.push(`${name(node)} spans ${r.left}–${r.right}, outside its message ${box.left}–${box.right}`);
                  if (!(node instanceof SVGElement) && node.clientWidth > 0 && node.scrollWidth > node.clientWidth + 1) found.push(`${name(node)} holds ${node.scrollWidth} px of content in ${node.clientWidth} px`);
                }
              }
              return found;
            }
            """) ?? [];
}
