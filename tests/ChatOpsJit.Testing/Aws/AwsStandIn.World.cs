using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ChatOpsJit.Testing.Slack;

namespace ChatOpsJit.Testing.Aws;

/// <summary>The accounts a test sets up (roles, nodes, access requests, sessions) and the one thing the CLI does outside the SDK: start a session.</summary>
public sealed partial class AwsStandIn
{
    /// <summary>The document a session runs when none is named.</summary>
    public const string DefaultSessionDocument = "SSM-SessionManagerRunShell";

    /// <summary>The OpsItemType of a just-in-time node access request.</summary>
    public const string AccessRequestType = "/aws/accessrequest";

    /// <summary>Makes a role assumable (arn:aws:iam::{account}:role/{name}); the keys it gives act in that account.</summary>
    public void AddRole(string roleArn) => _world.AddRole(roleArn);

    public void AddNode(AwsNode node) => _world.AddNode(node);

    public void AddNodes(IEnumerable<AwsNode> nodes)
    {
        foreach (var node in nodes)
        {
            _world.AddNode(node);
        }
    }

    /// <summary>
    /// Adds a JITNA access request: an OpsItem of type /aws/accessrequest whose OperationalData "/aws/accessrequest" holds a
    /// JSON string with the automationExecutionId (as in the AWS docs for approvers), and the requester, the target node and
    /// the reason (requesterArn, targetId, reason: the stand-in's names, the real ones are not documented).
    /// </summary>
    public AwsOpsItem AddOpsItem(string account, string region, string requesterArn, string targetId, string reason, string status = "PendingApproval")
    {
        var now = _options.Time.GetUtcNow();
        var id = "oi-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var execution = Guid.NewGuid().ToString();
        var data = new JsonObject
        {
            ["automationExecutionId"] = execution,
            ["accessRequestId"] = id,
            ["requesterArn"] = requesterArn,
            ["targetId"] = targetId,
            ["reason"] = reason,
        };
        var item = new AwsOpsItem(
            account, region, id, AccessRequestType, status,
            $"Access request for {targetId}",
            reason,
            requesterArn,
            now,
            now,
            new Dictionary<string, (string, string)>(StringComparer.Ordinal) { [AccessRequestType] = ("String", StandInJson.Write(data)) },
            execution);
        _world.AddOpsItem(item);
        return item;
    }

    /// <summary>Adds an active session nobody here started, such as someone else's on the same node.</summary>
    public AwsSession AddSession(string account, string region, string target, string ownerArn) =>
        _world.AddSession(account, region, target, ownerArn, DefaultSessionDocument, ownerArn.Split('/', ':')[^1], _options.Time.GetUtcNow());

    /// <summary>
    /// What <c>aws ssm start-session --target {target} [--document-name {document}]</c> does with keys from AssumeRole:
    /// refused when the keys are unknown or expired, the node is not in the role's account or not online, or the session
    /// policy does not allow ssm:StartSession on both the node's ARN and the document's ARN at the stand-in's time.
    /// </summary>
    public AwsSessionStart StartSession(string accessKeyId, string target, string? document = null)
    {
        var now = _options.Time.GetUtcNow();
        if (_keys.Find(accessKeyId) is not { Issued: { } grant })
        {
            return new AwsSessionStart(null, $"{accessKeyId} is not a key AssumeRole handed out");
        }

        if (now >= grant.Expiration)
        {
            return new AwsSessionStart(null, $"ExpiredToken: the keys expired at {grant.Expiration:O}");
        }

        if (_world.Node(grant.Account, target) is not { } node)
        {
            return new AwsSessionStart(null, $"InvalidTarget: {target} is not a node of account {grant.Account}");
        }

        if (node.PingStatus != "Online")
        {
            return new AwsSessionStart(null, $"TargetNotConnected: {target} is {node.PingStatus}");
        }

        var documentName = document ?? DefaultSessionDocument;
        var documentArn = $"arn:aws:ssm:{node.Region}:{node.Account}:document/{documentName}";
        // Without a session policy the role's own permissions apply; the stand-in's roles allow everything.
        if (grant.Policy is { } policy)
        {
            foreach (var resource in new[] { node.Arn, documentArn })
            {
                if (SessionPolicy.Denies(policy, "ssm:StartSession", resource, now) is { } reason)
                {
                    return new AwsSessionStart(null, $"AccessDeniedException: {reason}");
                }
            }
        }

        return new AwsSessionStart(_world.AddSession(node.Account, node.Region, node.Id, grant.AssumedRoleArn, documentName, grant.RoleSessionName, now), null);
    }
}
