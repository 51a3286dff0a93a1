using System.Collections.Concurrent;
using Amazon;
using Amazon.EC2;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.SecurityToken;
using Amazon.SimpleSystemsManagement;
using Amazon.SQS;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Aws.Clients;

/// <summary>
/// The SDK clients, one per account and Region, made once: the bot's own credentials (the SDK's default chain) for STS,
/// and each account's inventory role for Systems Manager and EC2 there. Throttling and 5xx are retried by the SDK's
/// standard retry mode, with exponential backoff and jitter.
/// </summary>
public sealed class AwsClients(IOptions<AwsOptions> options, AWSOptions sdk) : IDisposable
{
    private const int MaxErrorRetry = 4;

    private readonly ConcurrentDictionary<string, AmazonSecurityTokenServiceClient> _sts = new();
    private readonly ConcurrentDictionary<string, AWSCredentials> _accounts = new();
    private readonly ConcurrentDictionary<(string, string), AmazonSimpleSystemsManagementClient> _ssm = new();
    private readonly ConcurrentDictionary<(string, string), AmazonEC2Client> _ec2 = new();
    private readonly ConcurrentDictionary<(string, string), AmazonSQSClient> _sqs = new();
    private readonly Lazy<AWSCredentials> _bot = new(() => sdk.Credentials ?? DefaultAWSCredentialsIdentityResolver.GetCredentials());

    private AwsOptions Settings => options.Value;

    /// <summary>STS as the bot itself, in <paramref name="region"/> (regional endpoints, so a token is minted near its node).</summary>
    public IAmazonSecurityTokenService Sts(string region) =>
        _sts.GetOrAdd(region, r => new AmazonSecurityTokenServiceClient(_bot.Value, Configure(new AmazonSecurityTokenServiceConfig(), r, Settings.StsServiceUrl)));

    public IAmazonSimpleSystemsManagement Ssm(string account, string region) =>
        _ssm.GetOrAdd((account, region), k => new AmazonSimpleSystemsManagementClient(Account(k.Item1), Configure(new AmazonSimpleSystemsManagementConfig(), k.Item2, Settings.ServiceUrl)));

    public IAmazonEC2 Ec2(string account, string region) =>
        _ec2.GetOrAdd((account, region), k => new AmazonEC2Client(Account(k.Item1), Configure(new AmazonEC2Config(), k.Item2, Settings.Ec2ServiceUrl)));

    public IAmazonSQS Sqs(string account, string region) =>
        _sqs.GetOrAdd((account, region), k => new AmazonSQSClient(Account(k.Item1), Configure(new AmazonSQSConfig(), k.Item2, Settings.SqsServiceUrl)));

    /// <summary>The account's settings; every node the inventory lists belongs to one of them.</summary>
    public AwsAccountOptions AccountOptions(string account) =>
        Settings.Accounts.FirstOrDefault(a => a.Id == account) ?? throw new InvalidOperationException($"account {account} is not configured under Aws:Accounts");

    // The inventory role's credentials are refreshed by the SDK before they expire; without a role, the bot's own are used.
    private AWSCredentials Account(string account) => _accounts.GetOrAdd(account, id => AccountOptions(id).InventoryRoleArn is { Length: > 0 } role
        ? new AssumedRoleCredentials(() => Sts(Settings.Regions[0]), role, "chatopsjit-inventory")
        : _bot.Value);

    private static T Configure<T>(T config, string region, Uri? serviceUrl) where T : ClientConfig
    {
        config.RetryMode = RequestRetryMode.Standard;
        config.MaxErrorRetry = MaxErrorRetry;
        if (serviceUrl is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        else
        {
            config.ServiceURL = serviceUrl.ToString();
            // With an endpoint override the SDK cannot infer the Region it signs for, and each account and Region is listed apart.
            config.AuthenticationRegion = region;
        }

        return config;
    }

    public void Dispose()
    {
        foreach (var client in _ssm.Values.Cast<IDisposable>().Concat(_ec2.Values).Concat(_sqs.Values).Concat(_sts.Values))
        {
            client.Dispose();
        }
    }
}
