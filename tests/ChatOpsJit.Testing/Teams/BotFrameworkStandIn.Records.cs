using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Teams;

/// <summary>What reached the Connector, for tests to read as snapshots or wait on.</summary>
public sealed partial class BotFrameworkStandIn
{
    /// <summary>Every Connector request, refused ones included, in the order answered.</summary>
    public IReadOnlyList<ConnectorCall> Calls => _calls.Snapshot();

    /// <summary>
    /// The bot's messages (current version each, deleted ones flagged) in posting order: of a 1:1 chat, of a whole channel
    /// (its <see cref="TeamsChannel.ConversationId"/>), or of one thread ("{channel};messageid={root}").
    /// </summary>
    public IReadOnlyList<PostedActivity> Messages(string conversationId) => _store.Messages(conversationId);

    /// <summary>Every message the bot has in any conversation.</summary>
    public IReadOnlyList<PostedActivity> AllMessages => _store.All;

    /// <summary>The content of every Adaptive Card in every POST and PUT received, refused ones included, in order.</summary>
    public IReadOnlyList<JsonObject> AllCards => _cards.Snapshot();

    /// <summary>The first call that matches; fails the test, listing every call seen, when none comes in time (10 s by default).</summary>
    public Task<ConnectorCall> WaitForCallAsync(Func<ConnectorCall, bool> match, string what, TimeSpan? timeout = null) =>
        _calls.WaitForAsync(match, what, timeout);

    /// <summary>
    /// The first message of the conversation (as <see cref="Messages"/> reads it) that matches, a later version included;
    /// fails the test with the conversation's messages and every call seen when none does in time (10 s by default).
    /// </summary>
    public async Task<PostedActivity> WaitForMessageAsync(string conversationId, Func<PostedActivity, bool> match, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (Messages(conversationId).FirstOrDefault(match) is { } found)
            {
                return found;
            }

            if (waited.Elapsed >= limit)
            {
                break;
            }

            await Task.Delay(20);
        }

        var messages = Messages(conversationId);
        var calls = Calls;
        Assert.Fail($"waited {limit.TotalSeconds:0.##} s for {what} in {conversationId}; it has {messages.Count} message(s): "
            + $"{string.Join(" | ", messages)}; the Connector saw {calls.Count} call(s): {string.Join(" | ", calls)}");
        throw new UnreachableException();
    }
}
