using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>One POST to a response_url and how the stand-in answered it (accepted or refused, e.g. used_url).</summary>
public sealed record SlackResponseUrlPost(string UrlId, JsonObject Body, int StatusCode, string? Error, DateTimeOffset ReceivedAt)
{
    public bool Accepted => StatusCode == 200;

    public bool ReplaceOriginal => SlackArgs.Flag(Body, "replace_original");

    public bool DeleteOriginal => SlackArgs.Flag(Body, "delete_original");

    public override string ToString() => $"{UrlId} → {StatusCode} {Error ?? "ok"} {Body.ToJsonString()}";
}
