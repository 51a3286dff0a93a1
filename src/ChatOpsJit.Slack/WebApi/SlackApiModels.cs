using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatOpsJit.Slack.WebApi;

// The Web API's requests and responses that ChatOpsJit uses, named as Slack names their fields (snake_case on the wire).

/// <summary>Every Web API response: <c>ok</c>, and Slack's error code when it is false.</summary>
public record SlackResponse
{
    public bool Ok { get; init; }
    public string? Error { get; init; }
    public string? Warning { get; init; }
}

/// <summary><c>chat.postMessage</c>.</summary>
public sealed record PostMessageRequest(string Channel, string Text, JsonArray Blocks)
{
    /// <summary>Never let Slack turn names in the text into mentions; the renderer writes the only mentions there are.</summary>
    public bool LinkNames { get; init; }
    public bool UnfurlLinks { get; init; }
    public bool UnfurlMedia { get; init; }
}

/// <summary>What <c>chat.postMessage</c> posted: the conversation and the message's <c>ts</c>.</summary>
public sealed record PostMessageResponse : SlackResponse
{
    public string Channel { get; init; } = "";
    public string Ts { get; init; } = "";
}

/// <summary><c>chat.update</c>.</summary>
public sealed record UpdateMessageRequest(string Channel, string Ts, string Text, JsonArray Blocks);

/// <summary><c>chat.postEphemeral</c>: seen only by <see cref="User"/>.</summary>
public sealed record PostEphemeralRequest(string Channel, string User, string Text, JsonArray Blocks);

/// <summary><c>conversations.open</c> with one user: their DM with the bot.</summary>
public sealed record OpenConversationRequest(string Users);

/// <summary>What <c>conversations.open</c> opened.</summary>
public sealed record OpenConversationResponse : SlackResponse
{
    public SlackChannel? Channel { get; init; }
}

/// <summary>A conversation's id.</summary>
public sealed record SlackChannel(string Id);

/// <summary><c>users.info</c>.</summary>
public sealed record UserInfoRequest(string User);

/// <summary><c>users.lookupByEmail</c>.</summary>
public sealed record LookupByEmailRequest(string Email);

/// <summary>What <c>users.info</c> and <c>users.lookupByEmail</c> return.</summary>
public sealed record UserResponse : SlackResponse
{
    public SlackUserRecord? User { get; init; }
}

/// <summary>A Slack user as the Web API describes them; the email needs the <c>users:read.email</c> scope.</summary>
public sealed record SlackUserRecord
{
    public string Id { get; init; } = "";
    public string? Name { get; init; }
    public bool Deleted { get; init; }
    public bool IsBot { get; init; }
    public SlackProfile? Profile { get; init; }
}

/// <summary>The profile part of a Slack user.</summary>
public sealed record SlackProfile
{
    public string? Email { get; init; }
    public string? RealName { get; init; }
}

/// <summary><c>views.open</c>: a modal, within three seconds of the trigger.</summary>
public sealed record OpenViewRequest(string TriggerId, JsonObject View);

/// <summary><c>views.publish</c>: a user's App Home tab.</summary>
public sealed record PublishViewRequest(string UserId, JsonObject View);

/// <summary>What <c>apps.connections.open</c> returns: the Socket Mode WebSocket address.</summary>
public sealed record OpenConnectionResponse : SlackResponse
{
    public string? Url { get; init; }
}

/// <summary>A reply through a <c>response_url</c>.</summary>
public sealed record ResponseUrlMessage(string Text, JsonArray Blocks)
{
    public string ResponseType { get; init; } = "ephemeral";
    public bool ReplaceOriginal { get; init; }
}

/// <summary>A message's address: where it was posted and its <c>ts</c>.</summary>
public sealed record PostedMessage(string Channel, string Ts);

