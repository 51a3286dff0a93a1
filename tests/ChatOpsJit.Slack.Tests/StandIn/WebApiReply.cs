using System.Net;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Slack.Tests.StandIn;

/// <summary>What the stand-in answered a Web API call, as a client sees it: status, Retry-After and the JSON.</summary>
internal sealed record WebApiReply(HttpStatusCode Status, TimeSpan? RetryAfter, string? RetryAfterHeader, JsonObject Body)
{
    public bool Ok => Body["ok"]?.GetValue<bool>() == true;

    public string? Error => Body["error"]?.GetValue<string>();

    public string? Text(string name) => Body[name]?.GetValue<string>();
}
