using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>The workspace a test sets up (users, channels) and what the app left in it (messages, views, payloads).</summary>
public sealed partial class SlackStandIn
{
    /// <summary>Adds a user; ids are handed out in order: U0000001, U0000002…</summary>
    public SlackUser AddUser(string email, string name, string? realName = null) => _directory.AddUser(email, name, realName);

    /// <summary>A user by id or by email (any case); null when there is none.</summary>
    public SlackUser? FindUser(string idOrEmail) => _directory.FindUser(idOrEmail);

    public IReadOnlyList<SlackUser> Users => _directory.Users;

    /// <summary>Makes a channel (C…) one the bot is in, so that posting to it succeeds.</summary>
    public void AddChannel(string channelId) => _directory.AddChannel(channelId);

    /// <summary>The DM channel (D…) conversations.open gave for the user, null when the app never opened one.</summary>
    public string? DirectMessageChannel(string userId) => _directory.DirectMessageChannel(userId);

    /// <summary>The messages posted into a channel, oldest first, each with its current content and its versions.</summary>
    public IReadOnlyList<SlackPostedMessage> MessagesIn(string channel) => _messages.In(channel);

    public SlackPostedMessage? Message(string channel, string ts) => _messages.Message(channel, ts);

    public IReadOnlyList<SlackEphemeralMessage> EphemeralMessages => _messages.Ephemerals;

    /// <summary>The Home tab last published for the user, as Slack stored it; null when none was.</summary>
    public JsonObject? HomeView(string userId) => _views.Home(userId);

    /// <summary>Every modal views.open opened, as Slack answered it (with its V… id).</summary>
    public IReadOnlyList<JsonObject> OpenedViews => _views.Opened;

    /// <summary>
    /// Every blocks payload and view Slack accepted, in order: ("message", {"text":…,"blocks":[…]}), ("modal", view)
    /// or ("home", view); for type-checking what the app sent.
    /// </summary>
    public IReadOnlyList<(string Kind, JsonNode Payload)> Payloads => _payloads.Snapshot();
}
