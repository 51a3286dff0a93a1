using System.Text.Json;
using Amazon.SimpleSystemsManagement.Model;

namespace ChatOpsJit.Aws.Bridge;

/// <summary>
/// A JITNA access request as its OpsItem carries it: the Automation execution that waits for the approval signal, who
/// asked, for which node, and why. The details sit in the operational data key <c>/aws/accessrequest</c> as JSON.
/// </summary>
public sealed record JitnaAccessRequest(string OpsItemId, string AutomationExecutionId, string RequesterArn, string NodeId, string Reason)
{
    public const string OpsItemType = "/aws/accessrequest";

    /// <summary>The request in an OpsItem, or why it cannot be read (so it is logged, never guessed).</summary>
    public static (JitnaAccessRequest? Request, string? Problem) From(string opsItemId, string? title, string? description, IReadOnlyDictionary<string, OpsItemDataValue>? data)
    {
        if (data is null || !data.TryGetValue(OpsItemType, out var value) || string.IsNullOrEmpty(value.Value))
        {
            return (null, $"OpsItem {opsItemId} has no {OpsItemType} operational data");
        }

        try
        {
            using var json = JsonDocument.Parse(value.Value);
            var root = json.RootElement;
            var execution = Text(root, "automationExecutionId");
            var requester = Text(root, "requesterArn") ?? Text(root, "requester");
            var node = Text(root, "targetId") ?? Text(root, "targetInstanceId") ?? Text(root, "target") ?? FirstTarget(root);
            var reason = Text(root, "reason") ?? description ?? title ?? "";
            return execution is null || requester is null || node is null
                ? (null, $"OpsItem {opsItemId}: {OpsItemType} lacks " + string.Join(", ", new[] { ("automationExecutionId", execution), ("requesterArn", requester), ("target", node) }.Where(p => p.Item2 is null).Select(p => p.Item1)))
                : (new JitnaAccessRequest(opsItemId, execution, requester, node, reason), null);
        }
        catch (JsonException e)
        {
            return (null, $"OpsItem {opsItemId}: {OpsItemType} is not JSON ({e.Message})");
        }
    }

    /// <summary>
    /// The requester's email: the session name of an IAM Identity Center role session (<c>AWSReservedSSO_…</c>), which
    /// Identity Center sets to the person's sign-in name; null for anything else. Whoever may assume an ordinary role
    /// picks its session name freely, so an email there could name someone else, and approvers would see that person.
    /// </summary>
    public string? RequesterEmail =>
        RequesterArn.Split(':') is ["arn", _, "sts", _, _, var resource] && resource.Split('/') is ["assumed-role", var role, var session] &&
        role.StartsWith("AWSReservedSSO_", StringComparison.Ordinal) && session.Contains('@', StringComparison.Ordinal)
            ? session
            : null;

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    private static string? FirstTarget(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("targets", out var targets) && targets.ValueKind == JsonValueKind.Array
            ? targets.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? t.GetString() : Text(t, "id") ?? Text(t, "targetInstanceId")).FirstOrDefault(s => s is { Length: > 0 })
            : null;
}
