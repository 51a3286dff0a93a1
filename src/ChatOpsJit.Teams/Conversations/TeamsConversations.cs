using System.Collections.Concurrent;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Teams.Inbound;

namespace ChatOpsJit.Teams.Conversations;

/// <summary>
/// The conversation references the bot has learned, kept in the store: each conversation (a channel by its channel id, a
/// personal chat by its id), each person (by Entra object id and by email) and the latest service URL of each tenant.
/// An unchanged reference is not written again, so a busy conversation costs no write per message.
/// </summary>
public sealed class TeamsConversations(IConversationStore store)
{
    private const string ConversationKey = "conversation:";
    private const string ThreadMark = ";messageid=";
    private readonly ConcurrentDictionary<string, string> _written = new(StringComparer.Ordinal);

    /// <summary>Remembers where an authenticated activity came from.</summary>
    public async Task RememberAsync(TeamsActivity activity, CancellationToken ct)
    {
        if (activity.TenantId is not { } tenant)
        {
            return;
        }

        await RememberConversationAsync(new ConversationReference(activity.ServiceUrl, ChannelOf(activity.ConversationId), tenant, activity.ConversationType), ct).ConfigureAwait(false);
    }

    /// <summary>Remembers a conversation, and its service URL as its tenant's latest.</summary>
    public async Task RememberConversationAsync(ConversationReference conversation, CancellationToken ct)
    {
        await SaveAsync(ConversationKey + conversation.ConversationId, conversation, ct).ConfigureAwait(false);
        await SaveAsync(TenantKey(conversation.TenantId), conversation, ct).ConfigureAwait(false);
    }

    /// <summary>Remembers a person: where to reach them, and their personal chat once it is known.</summary>
    public async Task RememberPersonAsync(ConversationReference person, CancellationToken ct)
    {
        if (person.AadObjectId is { } aad)
        {
            await SaveAsync(PersonKey(aad), person, ct).ConfigureAwait(false);
        }

        if (person.Email is { } email)
        {
            await SaveAsync(EmailKey(email), person, ct).ConfigureAwait(false);
        }
    }

    /// <summary>A conversation by id (a channel's thread by its channel), or null when the bot never saw it.</summary>
    public async Task<ConversationReference?> FindConversationAsync(string conversationId, CancellationToken ct) =>
        ConversationReference.Read(await store.FindAsync(PlatformName.Teams, ConversationKey + ChannelOf(conversationId), ct).ConfigureAwait(false));

    public async Task<ConversationReference?> FindTenantAsync(string tenantId, CancellationToken ct) =>
        ConversationReference.Read(await store.FindAsync(PlatformName.Teams, TenantKey(tenantId), ct).ConfigureAwait(false));

    public async Task<ConversationReference?> FindPersonAsync(DirectRecipient to, CancellationToken ct)
    {
        if (to.UserId is { Length: > 0 } aad && ConversationReference.Read(await store.FindAsync(PlatformName.Teams, PersonKey(aad), ct).ConfigureAwait(false)) is { } byId)
        {
            return byId;
        }

        return ConversationReference.Read(await store.FindAsync(PlatformName.Teams, EmailKey(to.Email), ct).ConfigureAwait(false));
    }

    /// <summary>Every channel and group chat the bot is in, where a person can be looked up by email.</summary>
    public async Task<IReadOnlyList<ConversationReference>> SharedConversationsAsync(CancellationToken ct) =>
        (await store.ListAsync(PlatformName.Teams, ConversationKey, ct).ConfigureAwait(false))
        .Select(ConversationReference.Read).OfType<ConversationReference>().Where(c => !c.IsPersonal).ToList();

    /// <summary>A channel thread's conversation id (<c>19:…@thread.tacv2;messageid=…</c>) without its thread.</summary>
    public static string ChannelOf(string conversationId) =>
        conversationId.IndexOf(ThreadMark, StringComparison.Ordinal) is var at and >= 0 ? conversationId[..at] : conversationId;

    /// <summary>The root message id of a channel thread's conversation id, or null for any other conversation.</summary>
    public static string? ThreadRootOf(string conversationId) =>
        conversationId.IndexOf(ThreadMark, StringComparison.Ordinal) is var at and >= 0 ? conversationId[(at + ThreadMark.Length)..] : null;

    private async Task SaveAsync(string key, ConversationReference reference, CancellationToken ct)
    {
        var value = reference.Write();
        if (_written.TryGetValue(key, out var last) && last == value)
        {
            return;
        }

        await store.SaveAsync(PlatformName.Teams, key, value, ct).ConfigureAwait(false);
        _written[key] = value;
    }

    private static string PersonKey(string aadObjectId) => "person:" + aadObjectId.ToLowerInvariant();

    private static string EmailKey(string email) => "email:" + email.Trim().ToLowerInvariant();

    private static string TenantKey(string tenantId) => "tenant:" + tenantId.ToLowerInvariant();
}
