using Amazon.EC2;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Amazon.SimpleSystemsManagement;
using ChatOpsJit.Testing.Aws;

namespace ChatOpsJit.Aws.Tests.StandIn;

/// <summary>The real SDK clients pointed at a stand-in: ServiceURL for the endpoint, AuthenticationRegion for the Region signed (and acted) in.</summary>
internal static class StandInClients
{
    public const string AccountA = "111111111111";
    public const string AccountB = "222222222222";
    public static readonly string RoleA = $"arn:aws:iam::{AccountA}:role/ChatOpsJitInventory";
    public static readonly string RoleB = $"arn:aws:iam::{AccountB}:role/ChatOpsJitInventory";

    // No retries: a test sees the first answer, as the SDK surfaces it.
    public static AmazonSimpleSystemsManagementClient Ssm(AwsStandIn standIn, AWSCredentials credentials, string region = "eu-west-1") =>
        new(credentials, new AmazonSimpleSystemsManagementConfig { ServiceURL = standIn.Url, AuthenticationRegion = region, MaxErrorRetry = 0 });

    public static AmazonSecurityTokenServiceClient Sts(AwsStandIn standIn, AWSCredentials? credentials = null, string region = "eu-west-1") =>
        new(credentials ?? standIn.BotCredentials, new AmazonSecurityTokenServiceConfig { ServiceURL = standIn.Url, AuthenticationRegion = region, MaxErrorRetry = 0 });

    public static AmazonEC2Client Ec2(AwsStandIn standIn, AWSCredentials credentials, string region = "eu-west-1") =>
        new(credentials, new AmazonEC2Config { ServiceURL = standIn.Url, AuthenticationRegion = region, MaxErrorRetry = 0 });

    /// <summary>The bot assumes a role and gets keys that act in the role's account.</summary>
    public static async Task<SessionAWSCredentials> AssumeAsync(AwsStandIn standIn, string roleArn, string sessionName = "chatopsjit-inventory", string? policy = null, int duration = 900)
    {
        using var sts = Sts(standIn);
        var answer = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = sessionName, Policy = policy, DurationSeconds = duration });
        return new SessionAWSCredentials(answer.Credentials.AccessKeyId, answer.Credentials.SecretAccessKey, answer.Credentials.SessionToken);
    }
}
