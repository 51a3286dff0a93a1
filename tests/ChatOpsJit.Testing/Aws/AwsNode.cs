namespace ChatOpsJit.Testing.Aws;

/// <summary>A node Systems Manager manages: an EC2 instance (i-…) or a hybrid managed instance (mi-…).</summary>
/// <param name="Name">The Name tag; returned among the tags, and as the registration name of a hybrid node.</param>
/// <param name="Platform">SSM's PlatformType: Linux, Windows or MacOS.</param>
/// <param name="PingStatus">Online, ConnectionLost or Inactive.</param>
/// <param name="Tags">Tags besides Name.</param>
public sealed record AwsNode(
    string Account,
    string Region,
    string Id,
    string Name,
    string Platform = "Linux",
    string PingStatus = "Online",
    IReadOnlyDictionary<string, string>? Tags = null)
{
    /// <summary>A hybrid (on-premises) node: its tags come from ListTagsForResource, not EC2 DescribeTags.</summary>
    public bool IsHybrid => Id.StartsWith("mi-", StringComparison.Ordinal);

    /// <summary>The private address DescribeInstanceInformation reports; made up from the id unless given.</summary>
    public string? IpAddress { get; init; }

    /// <summary>Every tag the node carries, Name included.</summary>
    public IReadOnlyDictionary<string, string> AllTags =>
        new Dictionary<string, string>(Tags ?? new Dictionary<string, string>(), StringComparer.Ordinal) { ["Name"] = Name };

    /// <summary>The ARN ssm:StartSession is authorised against.</summary>
    public string Arn => IsHybrid
        ? $"arn:aws:ssm:{Region}:{Account}:managed-instance/{Id}"
        : $"arn:aws:ec2:{Region}:{Account}:instance/{Id}";
}
