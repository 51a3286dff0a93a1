namespace ChatOpsJit.Aws;

/// <summary>IAM role ARNs as configured: which account a role belongs to.</summary>
internal static class RoleArns
{
    /// <summary>True for <c>arn:aws:iam::{account}:role/{name}</c> (any partition, any path).</summary>
    public static bool IsRoleIn(string arn, string account)
    {
        var parts = arn.Split(':');
        return parts.Length == 6 && parts[0] == "arn" && parts[1].StartsWith("aws", StringComparison.Ordinal) && parts[2] == "iam" &&
               parts[3].Length == 0 && parts[4] == account && parts[5].StartsWith("role/", StringComparison.Ordinal) && parts[5].Length > "role/".Length;
    }

    /// <summary>The partition of an ARN (<c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>), so built ARNs match the account's.</summary>
    public static string Partition(string? arn) => arn?.Split(':') is [_, var partition, ..] && partition.StartsWith("aws", StringComparison.Ordinal) ? partition : "aws";
}
