using Amazon;
using Amazon.Extensions.NETCore.Setup;
using ChatOpsJit.Testing.Aws;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsJit.EndToEnd.Tests.Infrastructure;

/// <summary>
/// AWS for the real host: the stand-in with the sandbox's sample nodes spread over their accounts (and, if asked, a large
/// generated fleet over 2 accounts × 3 Regions), the inventory and token roles of each account, a JITNA account to bridge,
/// and the settings that point the host's SDK clients, credentials and SES email at it instead of the sandbox.
/// </summary>
public sealed class AwsCloud : IAsyncDisposable
{
    public const string Production = "111122223333";
    public const string Development = "444455556666";
    public const string JitnaAccount = "777788889999";
    public const string JitnaChannel = "jitna-approvals";
    public const string JitnaNode = "i-0jitna0000000001";
    public const string From = "chatopsjit@example.com";

    public static readonly IReadOnlyList<string> Regions = ["eu-west-1", "us-east-1", "ap-southeast-2"];

    private AwsCloud(AwsStandIn aws) => Aws = aws;

    public AwsStandIn Aws { get; }

    /// <param name="fleet">How many generated nodes to add besides the samples.</param>
    public static async Task<AwsCloud> StartAsync(TimeProvider? time = null, int fleet = 0)
    {
        var aws = await AwsStandIn.StartAsync(new AwsStandInOptions { Time = time ?? TimeProvider.System });
        foreach (var account in new[] { Production, Development, JitnaAccount })
        {
            aws.AddRole(InventoryRole(account));
            aws.AddRole(TokenRole(account));
        }

        var tags = (string environment, string team, string stage, string cost) => new Dictionary<string, string>
        {
            ["Environment"] = environment, ["Team"] = team, ["CostCenter"] = cost, ["Stage"] = stage,
        };
        aws.AddNodes(
        [
            new AwsNode(Production, "eu-west-1", "i-0abc1234567890def", "web-1", "Linux", "Online", tags("production", "web", "prod", "cc-100")),
            new AwsNode(Production, "eu-west-1", "i-0abc1234567890aaa", "web-2", "Linux", "Online", tags("production", "web", "prod", "cc-100")),
            new AwsNode(Development, "us-east-1", "i-0dev0000000000001", "dev-box-1", "Linux", "Online", tags("development", "web", "dev", "cc-100")),
            new AwsNode(Production, "eu-west-1", "mi-0123456789abcdef0", "onprem-build-1", "Windows", "Online", new Dictionary<string, string> { ["Team"] = "build", ["CostCenter"] = "cc-300", ["Stage"] = "test" }),
            new AwsNode(Production, "eu-west-1", "i-0old0000000000001", "legacy-batch-1", "Linux", "ConnectionLost", new Dictionary<string, string> { ["Team"] = "build", ["Stage"] = "test" }),
            new AwsNode(JitnaAccount, "eu-west-1", JitnaNode, "jitna-web-1", "Linux", "Online", tags("production", "web", "prod", "cc-100")),
        ]);
        if (fleet > 0)
        {
            aws.AddNodes(AwsFleet.Generate(fleet, [Production, Development], Regions, seed: 9));
        }

        return new AwsCloud(aws);
    }

    public static string InventoryRole(string account) => $"arn:aws:iam::{account}:role/ChatOpsJitInventory";

    public static string TokenRole(string account) => $"arn:aws:iam::{account}:role/ChatOpsJitToken";

    /// <summary>The requester's Identity Center role session, as JITNA records who asked.</summary>
    public static string SsoSession(string email) => $"arn:aws:sts::{JitnaAccount}:assumed-role/AWSReservedSSO_Developers_0123456789abcdef/{email}";

    /// <summary>Points the host at this cloud: AWS on (so the sandbox stands aside), the console kept for the tests, SES email.</summary>
    public void Configure(TestHostOptions options)
    {
        var settings = options.Settings;
        for (var i = 0; i < Regions.Count; i++)
        {
            settings[$"Aws:Regions:{i}"] = Regions[i];
        }

        var accounts = new[] { Production, Development, JitnaAccount };
        for (var i = 0; i < accounts.Length; i++)
        {
            settings[$"Aws:Accounts:{i}:Id"] = accounts[i];
            settings[$"Aws:Accounts:{i}:InventoryRoleArn"] = InventoryRole(accounts[i]);
            if (accounts[i] == JitnaAccount)
            {
                settings[$"Aws:Accounts:{i}:Grants"] = "bridge";
                settings[$"Aws:Accounts:{i}:BridgeChannels:console"] = JitnaChannel;
            }
            else
            {
                settings[$"Aws:Accounts:{i}:TokenRoleArn"] = TokenRole(accounts[i]);
            }
        }

        foreach (var key in new[] { "Aws:ServiceUrl", "Aws:StsServiceUrl", "Aws:Ec2ServiceUrl", "Aws:SesServiceUrl", "Aws:SqsServiceUrl" })
        {
            settings[key] = Aws.Url;
        }

        settings["Aws:BridgePollInterval"] = "00:00:00.200";
        settings["Console:Enabled"] = "true";
        settings["Email:Provider"] = "ses";
        settings["Email:From"] = From;
        var before = options.Configure;
        options.Configure = builder =>
        {
            before?.Invoke(builder);
            // The bot's own credentials, as the default chain would find them on a server.
            builder.Services.AddSingleton(new AWSOptions { Credentials = Aws.BotCredentials, Region = RegionEndpoint.EUWest1 });
        };
    }

    public ValueTask DisposeAsync() => Aws.DisposeAsync();
}
