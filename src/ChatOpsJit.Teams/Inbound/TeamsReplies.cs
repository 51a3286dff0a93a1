using System.Text.Json.Nodes;
using ChatOpsJit.Core.Commands;
using ChatOpsJit.Teams.Cards;
using ChatOpsJit.Teams.Connector;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Teams.Inbound;

/// <summary>Answers a message in its own conversation (in the thread, in a channel), as a card.</summary>
public sealed class TeamsReplies(BotConnectorClient connector, ILogger<TeamsReplies> logger)
{
    public Task ReplyAsync(TeamsActivity to, string line, bool problem, CancellationToken ct) =>
        ReplyAsync(to, TeamsCardViews.Personal((problem ? CommandReply.Error(line) : CommandReply.Info(line)).Card), ct);

    public async Task ReplyAsync(TeamsActivity to, JsonObject card, CancellationToken ct)
    {
        var reply = new JsonObject
        {
            ["type"] = "message",
            ["replyToId"] = to.Id,
            ["attachments"] = new JsonArray(AdaptiveCardRenderer.Attachment(card)),
        };
        try
        {
            await connector.SendAsync(to.ServiceUrl, to.ConversationId, reply, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The command itself has run; a lost answer is logged, and `access list` shows where things stand.
            logger.LogWarning("Could not answer Teams activity {ActivityId}: {Error}", to.Id, e.Message);
        }
    }
}
