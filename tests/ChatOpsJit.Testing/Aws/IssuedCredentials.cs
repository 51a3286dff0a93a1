namespace ChatOpsJit.Testing.Aws;

/// <summary>One AssumeRole answer: the temporary credentials and everything the caller asked for with them.</summary>
/// <param name="Tags">The session tags (SSMSessionRunAs…), in the order sent.</param>
/// <param name="Policy">The inline session policy JSON; null when none was passed.</param>
/// <param name="AssumedRoleArn">arn:aws:sts::{account}:assumed-role/{role}/{session}: the owner of the sessions these keys start.</param>
public sealed record IssuedCredentials(
    string AccessKeyId,
    string SecretAccessKey,
    string SessionToken,
    string RoleArn,
    string RoleSessionName,
    string? SourceIdentity,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    IReadOnlyList<string> TransitiveTagKeys,
    string? Policy,
    int DurationSeconds,
    DateTimeOffset Expiration,
    string Account,
    string AssumedRoleArn,
    string CallerArn)
{
    public override string ToString() => $"{AccessKeyId} {AssumedRoleArn} until {Expiration:O}";
}
