using System.Text.Json.Nodes;
using ChatOpsJit.Core.Commands;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Slack.BlockKit;
using ChatOpsJit.Slack.WebApi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Slack.Inbound;

/// <summary>
/// <c>/access …</c>: the core's grammar unchanged, answered ephemerally within Slack's three seconds. When the answer takes
/// longer (Slack or the directory is slow), Slack gets a "working on it" ack and the answer follows through response_url.
/// <c>/access</c> alone opens the request modal.
/// </summary>
public sealed class SlackCommands(
    AccessCommandHandler commands,
    SlackUserGate users,
    SlackWebApiClient slack,
    SlackBackgroundWork background,
    SlackMetrics metrics,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackCommands> logger)
{
    /// <summary>The ack body: the answer when it came in time, else a note that it follows; null for an empty ack.</summary>
    public async Task<JsonObject?> HandleAsync(SlashCommand command)
    {
        if (command.Text.Trim().Length == 0)
        {
            return await OpenModalAsync(command).ConfigureAwait(false);
        }

        var answer = background.Start("answer a slash command", ct => AnswerAsync(command, ct));
        if (await AckBudget.InTimeAsync(answer, options.Value.AckBudget, time).ConfigureAwait(false))
        {
            return SlackReplies.Ephemeral(await answer.ConfigureAwait(false));
        }

        if (command.ResponseUrl is not { } url)
        {
            return SlackReplies.Ephemeral(SlackReplies.Line("that is taking longer than Slack waits; try /access list in a minute.", problem: true));
        }

        metrics.AnswerDeferred();
        background.Run("answer a slow slash command", async ct =>
        {
            var card = await answer.ConfigureAwait(false);
            await slack.RespondAsync(url, SlackReplies.Later(card), ct).ConfigureAwait(false);
        });
        return SlackReplies.Ephemeral(SlackReplies.Line("Working on it…"));
    }

    private async Task<ChatCard> AnswerAsync(SlashCommand command, CancellationToken ct)
    {
        try
        {
            var (user, refusal) = await users.IdentifyAsync(command.UserId, ct).ConfigureAwait(false);
            if (user is null)
            {
                return SlackReplies.Line(refusal!, problem: true);
            }

            // The core reads "access …"; Slack sends what followed the command's own name, whatever the workspace called it.
            var reply = await commands.HandleAsync(user, "access " + command.Text, ct).ConfigureAwait(false);
            return reply.Card;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "A slash command failed");
            return SlackReplies.Line("something went wrong on our side; it is logged. Try again in a minute.", problem: true);
        }
    }

    private async Task<JsonObject?> OpenModalAsync(SlashCommand command)
    {
        if (command.TriggerId is not { Length: > 0 } trigger)
        {
            return SlackReplies.Ephemeral(SlackReplies.Line(HelpText.UsageLine));
        }

        var metadata = new RequestModalMetadata(command.ChannelId, command.ResponseUrl?.ToString()).Write();
        try
        {
            await slack.OpenViewAsync(trigger, SlackViews.RequestModal(metadata)).WaitAsync(options.Value.AckBudget, time).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is SlackApiException or TimeoutException or HttpRequestException)
        {
            logger.LogWarning("Could not open the request modal: {Error}", e.Message);
            return SlackReplies.Ephemeral(SlackReplies.Line($"Slack would not open the request form; type it instead: {HelpText.UsageLine}", problem: true));
        }
    }
}
