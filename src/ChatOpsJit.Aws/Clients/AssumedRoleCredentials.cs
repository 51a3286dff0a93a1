using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace ChatOpsJit.Aws.Clients;

/// <summary>A role's temporary credentials, assumed through the bot's own STS client and renewed before they expire.</summary>
internal sealed class AssumedRoleCredentials(Func<IAmazonSecurityTokenService> sts, string roleArn, string sessionName) : RefreshingAWSCredentials
{
    protected override CredentialsRefreshState GenerateNewCredentials() =>
        GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        var answer = await sts().AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = sessionName, DurationSeconds = 3600 }).ConfigureAwait(false);
        var c = answer.Credentials;
        return new CredentialsRefreshState(new ImmutableCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), c.Expiration ?? throw new InvalidOperationException($"STS answered AssumeRole on {roleArn} without an expiry"));
    }
}
