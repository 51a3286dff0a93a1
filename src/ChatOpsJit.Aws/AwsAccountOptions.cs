using ChatOpsJit.Core.Configuration;
using System.Text.RegularExpressions;

namespace ChatOpsJit.Aws;

/// <summary>One account whose nodes are offered: the roles the bot assumes there, and how access is granted.</summary>
public sealed partial class AwsAccountOptions
{
    /// <summary>The 12-digit account id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The role the bot assumes to list nodes and end sessions; empty means the bot's own credentials (its own account).</summary>
    public string? InventoryRoleArn { get; set; }

    /// <summary>The role whose temporary credentials the requester gets (token grants).</summary>
    public string? TokenRoleArn { get; set; }

    /// <summary>
    /// <c>token</c> (ChatOpsJit grants and ends sessions) or <c>bridge</c> (JITNA in that account decides and enforces).
    /// Text, not an enum: the binder silently drops a list element whose enum does not parse, and with it the account.
    /// </summary>
    public string Grants { get; set; } = "token";

    /// <summary>What <see cref="Grants"/> says; a value that is neither is reported at start-up.</summary>
    public AwsGrantMode Mode => string.Equals(Grants, "bridge", StringComparison.OrdinalIgnoreCase) ? AwsGrantMode.Bridge : AwsGrantMode.Token;

    /// <summary>Where bridged JITNA requests' approval cards go, per chat platform (<c>slack</c>, <c>teams</c>, <c>console</c>).</summary>
    public Dictionary<string, string> BridgeChannels { get; set; } = [];

    /// <summary>An SQS queue fed by EventBridge <c>aws.ssm</c> access-request events, read besides polling.</summary>
    public Uri? BridgeQueueUrl { get; set; }

    internal IEnumerable<string> Problems(string key)
    {
        if (!AccountShape().IsMatch(Id))
        {
            yield return $"{key}:Id must be a 12-digit account id, e.g. 111122223333; got '{Id}'.";
        }

        if (!string.IsNullOrEmpty(InventoryRoleArn) && !RoleArns.IsRoleIn(InventoryRoleArn, Id))
        {
            yield return $"{key}:InventoryRoleArn must be a role of account {Id}, e.g. arn:aws:iam::{Id}:role/ChatOpsJitInventory; got '{InventoryRoleArn}'.";
        }

        if (!string.Equals(Grants, "token", StringComparison.OrdinalIgnoreCase) && !string.Equals(Grants, "bridge", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{key}:Grants must be token or bridge, e.g. {key}:Grants=token; got '{Grants}'.";
        }

        if (Mode == AwsGrantMode.Token && string.IsNullOrEmpty(TokenRoleArn))
        {
            yield return $"{key}:TokenRoleArn is missing: token grants assume it, e.g. arn:aws:iam::{Id}:role/ChatOpsJitToken.";
        }
        else if (!string.IsNullOrEmpty(TokenRoleArn) && !RoleArns.IsRoleIn(TokenRoleArn, Id))
        {
            yield return $"{key}:TokenRoleArn must be a role of account {Id}, e.g. arn:aws:iam::{Id}:role/ChatOpsJitToken; got '{TokenRoleArn}'.";
        }

        if (Mode == AwsGrantMode.Bridge && BridgeChannels.Count == 0)
        {
            yield return $"{key}:BridgeChannels is empty: a bridge account needs the channel its JITNA requests go to, e.g. {key}:BridgeChannels:slack=C0123456789.";
        }

        if (BridgeQueueUrl is not null && Mode != AwsGrantMode.Bridge)
        {
            yield return $"{key}:BridgeQueueUrl is set but the account grants by token; set {key}:Grants=bridge or remove the queue.";
        }

        if (BridgeQueueUrl is not null && !SafeEndpoints.IsSecureOrLoopback(BridgeQueueUrl))
        {
            yield return $"{key}:BridgeQueueUrl must be an https:// address (http:// only on loopback); got '{BridgeQueueUrl}'.";
        }
    }

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountShape();
}

/// <summary>How access to an account's nodes is granted.</summary>
public enum AwsGrantMode
{
    /// <summary>ChatOpsJit mints STS tokens scoped to the node and ends the sessions when the window closes.</summary>
    Token,
    /// <summary>The account runs JITNA; ChatOpsJit relays chat decisions to it with <c>SendAutomationSignal</c>.</summary>
    Bridge,
}
