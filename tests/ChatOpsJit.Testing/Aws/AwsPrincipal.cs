namespace ChatOpsJit.Testing.Aws;

/// <summary>Who holds an access key: the bot's IAM user, or a role session from AssumeRole (with its token, expiry and grant).</summary>
internal sealed record AwsPrincipal(
    string AccessKeyId,
    string SecretAccessKey,
    string? SessionToken,
    string Account,
    string Arn,
    string UserId,
    DateTimeOffset? Expiration,
    IssuedCredentials? Issued);
