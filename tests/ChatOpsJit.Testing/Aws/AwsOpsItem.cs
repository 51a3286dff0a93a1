namespace ChatOpsJit.Testing.Aws;

/// <summary>An OpsItem as it stands; for a JITNA access request OpsItemType is /aws/accessrequest.</summary>
/// <param name="OperationalData">Key → (Type, Value); for an access request "/aws/accessrequest" holds a JSON string.</param>
public sealed record AwsOpsItem(
    string Account,
    string Region,
    string OpsItemId,
    string OpsItemType,
    string Status,
    string Title,
    string Description,
    string CreatedBy,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastModifiedTime,
    IReadOnlyDictionary<string, (string Type, string Value)> OperationalData,
    string? AutomationExecutionId);
