using ChatOpsJit.Core.Configuration;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;

namespace ChatOpsJit.Slack.Inbound;

/// <summary>A slash command as Slack sends it: a form over HTTP, the same fields as JSON in a Socket Mode envelope.</summary>
/// <param name="Text">What followed the command, with Slack's <c>&amp;amp;</c>, <c>&amp;lt;</c>, <c>&amp;gt;</c> decoded back to what was typed.</param>
public sealed record SlashCommand(string UserId, string Text, string ChannelId, Uri? ResponseUrl, string? TriggerId)
{
    public static SlashCommand? FromForm(IReadOnlyDictionary<string, StringValues> form) =>
        From(name => form.TryGetValue(name, out var value) ? value.ToString() : null);

    public static SlashCommand? FromJson(JsonObject payload) =>
        From(name => payload[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null);

    private static SlashCommand? From(Func<string, string?> field)
    {
        var user = field("user_id");
        if (string.IsNullOrEmpty(user))
        {
            return null;
        }

        return new SlashCommand(user, Decode(field("text") ?? ""), field("channel_id") ?? "", SlackUrls.Response(field("response_url")), field("trigger_id"));
    }

    // Slack escapes only these three; decoding everything HTML knows would turn a typed "&copy;" into "©".
    private static string Decode(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
}

/// <summary>
/// Reads the <c>response_url</c> Slack sent; anything but an https address (http only on loopback, for a stand-in) is
/// ignored, so replies, which can hold credentials, never travel in plain text.
/// </summary>
internal static class SlackUrls
{
    public static Uri? Response(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" && SafeEndpoints.IsSecureOrLoopback(url) ? url : null;
}
