namespace ChatOpsJit.Testing.Teams;

/// <summary>The tenant a test sets up: users (with or without the bot installed) and channels of teams the bot is in.</summary>
public sealed partial class BotFrameworkStandIn
{
    /// <summary>A new member of the tenant with random ids; <paramref name="botInstalled"/> false means writes to them are refused with 403.</summary>
    public TeamsUser AddUser(string email, string name, bool botInstalled = true) => _directory.AddUser(email, name, botInstalled);

    /// <summary>A new channel in a new team, with a random conversation id or the one a policy names; the bot is installed there and every user is a member.</summary>
    public TeamsChannel AddChannel(string name, string? conversationId = null) => _directory.AddChannel(name, conversationId);

    public IReadOnlyList<TeamsUser> Users => _directory.Users;

    /// <summary>The user's 1:1 chat with the bot ("a:…"), the same for the stand-in's life; what creating it answers.</summary>
    public string PersonalConversationId(TeamsUser user) => _directory.PersonalConversationId(user);

    /// <summary>Installs or removes the bot for a user (removed: writes to them are refused as Teams refuses them).</summary>
    public void SetBotInstalled(TeamsUser user, bool installed) => _directory.SetBotInstalled(user, installed);

    public bool IsBotInstalled(TeamsUser user) => _directory.BotInstalled(user);

    /// <summary>A new message id as Teams makes them (epoch milliseconds on the stand-in's clock, always increasing).</summary>
    public string NewActivityId() => _store.NextId();

    /// <summary>Remembers a user's channel message the test delivered, so the bot may reply in its thread.</summary>
    internal void NoteUserMessage(string channelId, string activityId) => _store.NoteUserMessage(channelId, activityId);

    /// <summary>The channel a conversation id ("{channel}" or "{channel};messageid=…") is in, if it is one of this stand-in's.</summary>
    public TeamsChannel? ChannelOf(string conversationId) => _directory.Channel(ConversationAddress.Parse(conversationId).Base);

    /// <summary>The stand-in's clock, which mints and checks token lifetimes.</summary>
    public DateTimeOffset Now => _time.GetUtcNow();
}
