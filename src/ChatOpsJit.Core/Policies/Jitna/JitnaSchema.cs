using ChatOpsJit.Core.Policies.Cedar;

namespace ChatOpsJit.Core.Policies.Jitna;

/// <summary>JITNA's published Cedar schema: the entity types and the one action its policies may use.</summary>
public static class JitnaSchema
{
    public const string UserType = "AWS::IdentityStore::User";
    public const string GroupType = "AWS::IdentityStore::Group";
    public const string Ec2InstanceType = "AWS::EC2::Instance";
    public const string ManagedInstanceType = "AWS::SSM::ManagedInstance";
    public const string PrincipalTagsType = "AWS::IAM::PrincipalTags";
    public const string RoleType = "AWS::IAM::Role";
    public const string ActionType = "AWS::SSM::Action";
    public const string ActionId = "getTokenForInstanceAccess";

    /// <summary>The spelling some AWS examples use; accepted with a warning and read as <see cref="Action"/>.</summary>
    public const string LegacyActionSpelling = "AWS::SSM::getTokenForInstanceAccess";

    public static readonly EntityUid Action = new(ActionType, ActionId);

    /// <summary>User attributes JITNA defines (all optional strings).</summary>
    public static readonly IReadOnlyList<string> UserAttributes = ["employeeNumber", "costCenter", "organization", "division"];

    public static readonly IReadOnlySet<string> EntityTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        UserType, GroupType, Ec2InstanceType, ManagedInstanceType, PrincipalTagsType, RoleType, ActionType,
    };

    public static readonly IReadOnlySet<string> PrincipalTypes = new HashSet<string>(StringComparer.Ordinal) { UserType, GroupType };

    public static readonly IReadOnlySet<string> ResourceTypes = new HashSet<string>(StringComparer.Ordinal) { Ec2InstanceType, ManagedInstanceType };

    /// <summary>The resource type of a node id: <c>mi-</c> ids are hybrid nodes, everything else an EC2 instance.</summary>
    public static string ResourceTypeOf(string nodeId) =>
        nodeId.StartsWith("mi-", StringComparison.Ordinal) ? ManagedInstanceType : Ec2InstanceType;
}
