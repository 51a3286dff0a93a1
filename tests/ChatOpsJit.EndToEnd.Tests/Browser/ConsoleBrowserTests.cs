using System.Text.RegularExpressions;
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
public sealed class ConsoleBrowserTests
{
    private const string DefaultChromium = "/usr/bin/chromium";
    private const string Requester = "dev@example.com";
    private const string Approver = "lead@example.com";
    private const string ApprovalsChannel = "channel:platform-approvals";
    private const float TimeoutMs = 15_000;

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IBrowserContext? _context;
    private IPage? _page;
    private readonly List<string> _pageErrors = [];

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
        _context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        _context.SetDefaultTimeout(TimeoutMs);
        _page = await _context.NewPageAsync();
        _page.PageError += (_, message) => _pageErrors.Add(message);
        // Reject asks for confirmation; these tests always mean it.
        _page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
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
        var card = page.Locator($"[data-testid='card'][data-card-title='Access request {requestId}']");
        await Expect(card).ToBeVisibleAsync();
        await Expect(card).ToHaveAttributeAsync("data-tone", "pending");
        await Expect(card).ToContainTextAsync("disk full");
        await Expect(card.GetByTestId("mentions")).ToHaveTextAsync("@sre-leads");

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
        var granted = page.Locator("[data-testid='card'][data-card-title^='Access granted']");
        await Expect(granted).ToBeVisibleAsync();
        await Expect(granted).ToHaveAttributeAsync("data-tone", "good");
        await Expect(granted.GetByTestId("code")).ToContainTextAsync("aws ssm start-session");
        await Expect(granted).ToContainTextAsync(requestId!);

        // The sandbox keeps the same news as an email.
        await OpenConversationAsync(page, $"email:{Requester}");
        await Expect(page.Locator("[data-testid='card'][data-card-title^='Access granted']")).ToBeVisibleAsync();
    });

    [Test]
    public Task Temporary_credentials_are_shown_only_to_the_requester_who_asked_for_them() => WithConsoleAsync(async (page, host) =>
    {
        var id = await Flow.RequestWeb1Async(host);
        await host.ActionAsync(Flow.Approver, "approve", id);
        await host.WaitForTranscriptAsync(t => Flow.Count(t, Flow.RequesterDm, "Access granted to web-1") == 1, "the grant DM");
        await page.GotoAsync(host.BaseUrl + "/console");
        await ChooseUserAsync(page, Requester);
        await OpenConversationAsync(page, $"dm:{Requester}");

        var granted = page.Locator("[data-testid='card'][data-card-title^='Access granted']");
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

    /// <summary>
    /// Runs <paramref name="test"/> against a fresh host; on failure saves a screenshot of the page.
    /// The page leaves the console before the host stops: an open event stream would hold shutdown for its whole timeout.
    /// </summary>
    private async Task WithConsoleAsync(Func<IPage, TestHost, Task> test)
    {
        var page = _page!;
        await using var host = await TestHost.StartAsync();
        try
        {
            await test(page, host);
            Assert.That(_pageErrors, Is.Empty, "the page threw script errors");
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

    private static async Task OpenConversationAsync(IPage page, string conversationId)
    {
        var item = page.Locator($"[data-conversation='{conversationId}']");
        await item.ClickAsync();
        await Expect(item).ToHaveAttributeAsync("aria-current", "true");
    }
}
