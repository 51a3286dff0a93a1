using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ChatOpsJit.Testing.Processes;
using ChatOpsJit.Testing.Slack;

namespace ChatOpsJit.Replicas.Tests.Infrastructure;

/// <summary>
/// Three ChatOpsJit host processes on one database, as behind a load balancer: the same configuration and audit key,
/// each on its own loopback port and with its own way into one Slack stand-in (so the stand-in can tell them apart and
/// hold one replica's calls), one SMTP server, the sandbox grantor. Requests to the replicas are signed as Slack signs them.
/// </summary>
public sealed partial class ReplicaFleet : IAsyncDisposable
{
    public const string SigningSecret = "replicas-signing-secret-0123456789abcdef";
    public const string PlatformChannel = "C0PLATFORM1";
    public const string CommandChannel = "C0CMD";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private readonly string _folder;
    private int _next;

    private ReplicaFleet(string folder, SlackStandIn slack, TestSmtpServer smtp, FleetDatabase database, IReadOnlyList<HostProcess> replicas)
    {
        _folder = folder;
        Slack = slack;
        Smtp = smtp;
        Database = database;
        Replicas = replicas;
    }

    public SlackStandIn Slack { get; }

    public TestSmtpServer Smtp { get; }

    public FleetDatabase Database { get; }

    public IReadOnlyList<HostProcess> Replicas { get; }

    /// <summary>Starts the stand-ins, a fresh database and every replica, and waits until each is ready.</summary>
    public static async Task<ReplicaFleet> StartAsync(FleetOptions? options = null)
    {
        options ??= new FleetOptions();
        var folder = Directory.CreateTempSubdirectory("chatopsjit-replicas-").FullName;
        var slack = await SlackStandIn.StartAsync(SlackStandInOptions.CheckedAsSlackDoes());
        var smtp = TestSmtpServer.Start();
        var database = await FleetDatabases.CreateAsync();
        var directory = TestDirectories.WithExtraPeople(folder, options.Approvers, options.Requesters);
        AddPeople(slack, directory);
        slack.AddChannel(PlatformChannel);
        slack.AddChannel("C0SECURITY1");
        slack.AddChannel(CommandChannel);

        var common = new Dictionary<string, string>(database.HostSettings)
        {
            // One audit key for all: each replica seals records of the one chain.
            ["Audit:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Audit:AnchorFile"] = Path.Combine(folder, "audit-anchor"),
            ["Sandbox:NodesFile"] = Path.Combine(RepoPaths.Samples, "nodes.yaml"),
            ["Directory:File"] = directory,
            ["Policies:Folder"] = Path.Combine(RepoPaths.Samples, "policies"),
            // The shortest lease the host accepts, and quick polling, so a dead replica's rows come back within seconds.
            ["Workers:Lease"] = "00:00:05",
            ["Workers:PollInterval"] = "00:00:00.200",
            ["Workers:BatchSize"] = options.BatchSize.ToString(CultureInfo.InvariantCulture),
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:BotToken"] = slack.Options.BotToken,
            ["Email:SmtpHost"] = "127.0.0.1",
            ["Email:SmtpPort"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Security"] = "None",
            ["Console:Enabled"] = "false",
            // Warnings and errors, printed when a test fails; CHATOPSJIT_REPLICAS_LOG=Information shows the workers' every step.
            ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("CHATOPSJIT_REPLICAS_LOG") ?? "Warning",
        };
        var replicas = Enumerable.Range(1, options.Replicas).Select(i =>
        {
            var name = $"replica{i}";
            var settings = new Dictionary<string, string>(common) { ["Slack:ApiBaseUrl"] = slack.ApiBaseUrlFor(name) };
            return new HostProcess(name, settings, Path.Combine(folder, name));
        }).ToList();

        var fleet = new ReplicaFleet(folder, slack, smtp, database, replicas);
        try
        {
            await Task.WhenAll(replicas.Select(r => r.StartAsync()));
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    public HostProcess this[int number] => Replicas[number - 1];

    /// <summary>The next running replica in turn (1, 2, 3, 1, …), skipping any that is down, as a load balancer does.</summary>
    public HostProcess NextReplica()
    {
        for (var tries = 0; tries < Replicas.Count * 2; tries++)
        {
            var replica = Replicas[Interlocked.Increment(ref _next) % Replicas.Count];
            if (replica.IsRunning)
            {
                return replica;
            }
        }

        throw new InvalidOperationException("no replica is running");
    }

    public string UserId(string email) => Slack.FindUser(email)?.Id ?? throw new ArgumentException($"{email} is not in the Slack workspace");

    /// <summary>Types <c>/access {text}</c> as <paramref name="email"/>, sent to <paramref name="replica"/>; the ack's status and JSON body, and the command's response_url.</summary>
    public async Task<(HttpStatusCode Status, JsonObject? Body, string ResponseUrl)> CommandAsync(HostProcess replica, string email, string text)
    {
        var responseUrl = Slack.NewResponseUrl(CommandChannel);
        var fields = SlackPayloads.SlashCommand(UserId(email), text, responseUrl, Slack.NewTriggerId(), CommandChannel);
        var (status, body) = await SendAsync(SlackRequestSigner.SignedForm(replica.BaseUrl + "/slack/commands", SigningSecret, fields, DateTimeOffset.UtcNow));
        return (status, body, responseUrl);
    }

    /// <summary>
    /// Asks for access through <paramref name="replica"/> and returns the request id its answer names: in the ack, or when
    /// the ack only says it is working on it (slow work goes on after Slack's 3 s), in the answer posted to the response_url.
    /// </summary>
    public async Task<string> RequestAsync(HostProcess replica, string email, string text)
    {
        var (status, body, responseUrl) = await CommandAsync(replica, email, text);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), $"{replica.Name} acked /access {text}");
        var ack = (string?)body?["text"];
        if (ack is not null && RequestIds.Pattern().IsMatch(ack))
        {
            return RequestIds.In(ack);
        }

        var urlId = responseUrl[(responseUrl.LastIndexOf('/') + 1)..];
        var answer = await Slack.WaitForResponseAsync(p => p.UrlId == urlId, $"the answer to /access {text} from {replica.Name}", TimeSpan.FromSeconds(30));
        return RequestIds.In(answer.Body.ToJsonString());
    }

    /// <summary>Clicks the <paramref name="verb"/> button of a posted message as <paramref name="email"/>, sent to <paramref name="replica"/>.</summary>
    public async Task<HttpStatusCode> ClickAsync(HostProcess replica, string email, SlackPostedMessage message, string verb) =>
        (await SendAsync(SlackRequestSigner.SignedInteraction(replica.BaseUrl + "/slack/interactions", SigningSecret,
            SlackButtons.Click(Slack, UserId(email), message, verb), DateTimeOffset.UtcNow))).Status;

    /// <summary>The approval card of a request in the approvers' channel, waiting for it.</summary>
    public Task<SlackPostedMessage> WaitForCardAsync(string requestId, TimeSpan? timeout = null) =>
        Slack.WaitForMessageAsync(PlatformChannel, m => m.Text?.Contains(requestId, StringComparison.Ordinal) == true, $"the approval card of {requestId}", timeout);

    /// <summary>How many cards in the approvers' channel name the request (one, however often it was redrawn).</summary>
    public int CardCount(string requestId) => Slack.MessagesIn(PlatformChannel).Count(m => m.Text?.Contains(requestId, StringComparison.Ordinal) == true);

    /// <summary>How many DMs were posted to <paramref name="email"/> with text containing <paramref name="text"/> (as posted, before any redraw).</summary>
    public int DirectCount(string email, string text) =>
        Slack.DirectMessageChannel(UserId(email)) is { } channel
            ? Slack.MessagesIn(channel).Count(m => m.Versions[0].Text?.Contains(text, StringComparison.Ordinal) == true)
            : 0;

    /// <summary>The emails to <paramref name="email"/> whose subject contains <paramref name="subject"/>.</summary>
    public IReadOnlyList<MimeKit.MimeMessage> Emails(string email, string subject) =>
        Smtp.Messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, email, StringComparison.OrdinalIgnoreCase))
                                 && (m.Subject ?? "").Contains(subject, StringComparison.Ordinal)).ToList();

    /// <summary>Waits until <paramref name="condition"/> holds; fails the test, saying <paramref name="what"/>, after the timeout.</summary>
    public static async Task WaitForAsync(Func<Task<bool>> condition, string what, TimeSpan timeout)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > timeout)
            {
                Assert.Fail($"timed out after {timeout.TotalSeconds:0} s waiting for {what}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            foreach (var replica in Replicas)
            {
                TestContext.Out.WriteLine(string.Join('\n', replica.Output.Split('\n').TakeLast(200)));
            }

            if (Environment.GetEnvironmentVariable("CHATOPSJIT_REPLICAS_TRACE") == "1")
            {
                TestContext.Out.WriteLine("Slack calls:\n" + string.Join('\n', Slack.Calls.Select(c => $"{c.ReceivedAt:HH:mm:ss.fff} {c} {c.Arg("channel")} {c.Arg("ts")} {c.Arg("text")}")));
            }
        }

        foreach (var replica in Replicas)
        {
            replica.Dispose();
        }

        await Slack.DisposeAsync();
        await Smtp.DisposeAsync();
        await Database.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying process; the temp folder is cleaned up by the system in time.
        }
    }

    private static async Task<(HttpStatusCode Status, JsonObject? Body)> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            JsonObject? body = response.StatusCode == HttpStatusCode.OK && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text)!.AsObject() : null;
            return (response.StatusCode, body);
        }
    }

    // Everyone in the directory file gets a Slack account under their email's local part.
    private static void AddPeople(SlackStandIn slack, string directoryFile)
    {
        foreach (var line in File.ReadLines(directoryFile))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("- email:", StringComparison.Ordinal))
            {
                var email = trimmed["- email:".Length..].Trim();
                slack.AddUser(email, email.Split('@')[0]);
            }
        }
    }
}
