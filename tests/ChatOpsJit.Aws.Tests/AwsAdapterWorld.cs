using System.Text.Json.Nodes;
using Amazon.Extensions.NETCore.Setup;
using ChatOpsJit.Aws.Bridge;
using ChatOpsJit.Aws.Clients;
using ChatOpsJit.Aws.Grants;
using ChatOpsJit.Aws.Inventory;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Testing.Aws;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsJit.Aws.Tests;

/// <summary>
/// The AWS adapter's real classes wired to one stand-in: two accounts in three Regions, each account with an inventory
/// role and a token role, one fake clock shared by the stand-in and the adapter, and every log line captured.
/// </summary>
internal sealed class AwsAdapterWorld : IAsyncDisposable
{
    public const string AccountA = "111122223333";
    public const string AccountB = "444455556666";
    public static readonly string[] Accounts = [AccountA, AccountB];
    public static readonly string[] Regions = ["eu-west-1", "us-east-1", "ap-southeast-2"];

    private readonly LoggerFactory _loggers;

    private AwsAdapterWorld(AwsStandIn standIn, FakeTimeProvider time)
    {
        StandIn = standIn;
        Time = time;
        Options = new AwsOptions
        {
            Regions = [.. Regions],
            Accounts = [.. Accounts.Select(a => new AwsAccountOptions { Id = a, InventoryRoleArn = InventoryRole(a), TokenRoleArn = TokenRole(a) })],
            ServiceUrl = new Uri(standIn.Url),
            StsServiceUrl = new Uri(standIn.Url),
            Ec2ServiceUrl = new Uri(standIn.Url),
        };
        Clients = new AwsClients(Microsoft.Extensions.Options.Options.Create(Options), new AWSOptions { Credentials = standIn.BotCredentials });
        _loggers = new LoggerFactory([Logs]);
    }

    public AwsStandIn StandIn { get; }

    /// <summary>
    /// Starts at the real time, whole seconds: the SDK checks the inventory role's expiry against the real clock, so the
    /// fake one may run ahead by minutes (not by the role's hour) and a session policy's end reads as written.
    /// </summary>
    public FakeTimeProvider Time { get; }

    public AwsOptions Options { get; }

    public AwsClients Clients { get; }

    public LogCapture Logs { get; } = new();

    public static string InventoryRole(string account) => $"arn:aws:iam::{account}:role/ChatOpsJitInventory";

    public static string TokenRole(string account) => $"arn:aws:iam::{account}:role/ChatOpsJitToken";

    public static async Task<AwsAdapterWorld> StartAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var time = new FakeTimeProvider(new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero));
        var standIn = await AwsStandIn.StartAsync(new AwsStandInOptions { Time = time });
        foreach (var account in Accounts)
        {
            standIn.AddRole(InventoryRole(account));
            standIn.AddRole(TokenRole(account));
        }

        return new AwsAdapterWorld(standIn, time);
    }

    public ILogger<T> Logger<T>() => _loggers.CreateLogger<T>();

    public NodeLister Lister() => new(Clients);

    public SsmInventory Inventory() => new(Lister(), Microsoft.Extensions.Options.Options.Create(Options), Time, Logger<SsmInventory>());

    public SessionTerminator Terminator() => new(Clients, Logger<SessionTerminator>());

    public TokenGrantor Tokens() => new(Clients, Terminator(), Microsoft.Extensions.Options.Options.Create(Options), Time, Logger<TokenGrantor>());

    public JitnaBridgeGrantor Bridge() => new(Clients, Logger<JitnaBridgeGrantor>());

    /// <summary>An active grant whose window ends <paramref name="left"/> from now.</summary>
    public AccessRequest Request(
        string nodeId,
        TimeSpan left,
        string account = AccountA,
        string region = "eu-west-1",
        string id = "ar-1234abcd",
        string? runAs = null,
        AccessRequestState state = AccessRequestState.Active,
        BridgedRequest? bridge = null) => new()
    {
        Id = id,
        State = state,
        RequesterEmail = "jane.doe@example.com",
        RequesterName = "Jane Doe",
        OriginPlatform = PlatformName.Console,
        NodeId = nodeId,
        NodeName = nodeId,
        Account = account,
        Region = region,
        Reason = "INC-4242 disk full",
        Duration = left,
        RunAs = runAs,
        CreatedAt = Time.GetUtcNow(),
        ActivatedAt = Time.GetUtcNow(),
        ExpiresAt = Time.GetUtcNow() + left,
        Bridge = bridge,
    };

    /// <summary>The form fields of a query-protocol call (STS, EC2), decoded.</summary>
    public static IReadOnlyDictionary<string, string> Form(AwsCall call) =>
        call.Body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Decode(p[0]), p => Decode(p.ElementAtOrDefault(1) ?? ""), StringComparer.Ordinal);

    /// <summary>The JSON body of an SSM call.</summary>
    public static JsonObject Json(AwsCall call) => JsonNode.Parse(call.Body) as JsonObject ?? throw new AssertionException($"{call} has no JSON body: {call.Body}");

    /// <summary>The values of one EC2 filter, by name (Filter.N.Name / Filter.N.Value.M).</summary>
    public static IReadOnlyList<string> Ec2FilterValues(AwsCall call, string name)
    {
        var form = Form(call);
        for (var i = 1; form.TryGetValue($"Filter.{i}.Name", out var filter); i++)
        {
            if (filter == name)
            {
                var values = new List<string>();
                for (var j = 1; form.TryGetValue($"Filter.{i}.Value.{j}", out var value); j++)
                {
                    values.Add(value);
                }

                return values;
            }
        }

        return [];
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    public async ValueTask DisposeAsync()
    {
        Clients.Dispose();
        _loggers.Dispose();
        await StandIn.DisposeAsync();
    }
}
