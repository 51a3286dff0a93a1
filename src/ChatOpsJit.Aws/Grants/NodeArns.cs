namespace ChatOpsJit.Aws.Grants;

/// <summary>The ARNs a session policy names: the node (EC2 instance or hybrid managed instance), the document, the sessions.</summary>
internal static class NodeArns
{
    public static string Node(string partition, string region, string account, string nodeId) =>
        nodeId.StartsWith("mi-", StringComparison.Ordinal)
            ? $"arn:{partition}:ssm:{region}:{account}:managed-instance/{nodeId}"
            : $"arn:{partition}:ec2:{region}:{account}:instance/{nodeId}";

    // AWS-owned documents (AWS-StartPortForwardingSession, …) have no account in their ARN; SSM-SessionManagerRunShell
    // and custom documents live in the account.
    public static string Document(string partition, string region, string account, string document) =>
        document.StartsWith("AWS-", StringComparison.Ordinal)
            ? $"arn:{partition}:ssm:{region}::document/{document}"
            : $"arn:{partition}:ssm:{region}:{account}:document/{document}";

    /// <summary>Session Manager names a role session's sessions after its RoleSessionName, so this matches this grant's alone.</summary>
    public static string OwnSessions(string partition, string region, string account, string roleSessionName) =>
        $"arn:{partition}:ssm:{region}:{account}:session/{roleSessionName}-*";

    /// <summary>Who DescribeSessions says started a session with the token role: the assumed-role session.</summary>
    public static string AssumedRole(string partition, string account, string roleArn, string roleSessionName) =>
        $"arn:{partition}:sts::{account}:assumed-role/{roleArn[(roleArn.LastIndexOf('/') + 1)..]}/{roleSessionName}";
}
