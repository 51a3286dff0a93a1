using System.Text.Json.Nodes;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Commands;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Teams.Cards;
using ChatOpsJit.Teams.Connector;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Teams.Inbound;

/// <summary>
/// Answers a message only to the person who wrote it, as Slack's ephemeral answers do: in a personal chat, in place; in a
/// channel or group chat, in the sender's personal chat, with a short note in the thread. Teams has no message that
/// only one member of a channel sees, and an answer may list someone's requests.
/// </summary>
public sealed class TeamsReplies(BotConnectorClient connector, TeamsChatPlatform platform, ILogger<TeamsReplies> logger)
{
    public const string AnsweredPrivately = "I answered you in your chat with ChatOpsJit.";

    public Task ReplyAsync(TeamsActivity to, ChatUser? user, string line, bool problem, CancellationToken ct) =>
        ReplyAsync(to, user, Line(line, problem), ct);

    public async Task ReplyAsync(TeamsActivity to, ChatUser? user, JsonObject card, CancellationToken ct)
    {
        try
        {
            if (to.ConversationType == "personal" || user is null)
            {
                await InPlaceAsync(to, card, ct).ConfigureAwait(false);
                return;
            }

            try
            {
                await platform.SendDirectAsync(new DirectRecipient(user.Email, user.UserId), card, "reply:" + to.ConversationId + ":" + to.Id, ct).ConfigureAwait(false);
                await InPlaceAsync(to, Line(AnsweredPrivately, problem: false), ct).ConfigureAwait(false);
            }
            catch (UnreachableRecipientException)
            {
                await InPlaceAsync(to, Line("I cannot write to you privately: install the ChatOpsJit app for yourself (Apps → ChatOpsJit → Add), then ask again.", problem: true), ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The command itself has run; a lost answer is logged, and `access list` shows where things stand.
            logger.LogWarning("Could not answer Teams activity {ActivityId}: {Error}", to.Id, e.Message);
        }
    }

    private Task InPlaceAsync(TeamsActivity to, JsonObject card, CancellationToken ct) =>
        connector.SendAsync(to.ServiceUrl, to.ConversationId, new JsonObject
        {
            ["type"] = "message",
            ["replyToId"] = to.Id,
            ["attachments"] = new JsonArray(AdaptiveCardRenderer.Attachment(card)),
        }, ct);

    private static JsonObject Line(string line, bool problem) =>
        TeamsCardViews.Personal((problem ? CommandReply.Error(line) : CommandReply.Info(line)).Card);
}
