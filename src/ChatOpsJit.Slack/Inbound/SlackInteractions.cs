using System.Text.Json.Nodes;
using ChatOpsJit.Slack.BlockKit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Slack.Inbound;

/// <summary>
/// Routes an interactivity payload (a form field <c>payload</c> over HTTP, an <c>interactive</c> envelope in Socket Mode)
/// by its type, and returns what Slack's three-second answer carries. Presses are acked at once and handled behind.
/// </summary>
public sealed class SlackInteractions(
    SlackActions actions,
    SlackRequestForm requestForm,
    SlackNodeOptions nodeOptions,
    SlackBackgroundWork background,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackInteractions> logger)
{
    public async Task<JsonObject?> HandleAsync(JsonObject payload)
    {
        switch (SlackPayload.Text(payload, "type"))
        {
            case "block_actions":
                background.Run("handle a button press", ct => actions.PressAsync(payload, ct));
                return null;
            case "block_suggestion":
                return await nodeOptions.SuggestAsync(payload, CancellationToken.None).ConfigureAwait(false);
            case "view_submission":
                return await SubmitAsync(payload).ConfigureAwait(false);
            default:
                // view_closed, shortcuts and the like: nothing to do.
                return null;
        }
    }

    private async Task<JsonObject?> SubmitAsync(JsonObject payload)
    {
        var callback = SlackPayload.Text(payload, "view", "callback_id");
        Func<CancellationToken, Task<JsonObject?>>? submit = callback switch
        {
            SlackViews.RequestCallbackId => ct => requestForm.SubmitAsync(payload, ct),
            SlackViews.PromptCallbackId => ct => actions.ConfirmAsync(payload, ct),
            _ => null,
        };
        if (submit is null)
        {
            logger.LogWarning("A modal with an unknown callback_id was submitted");
            return null;
        }

        var answer = background.Start("submit a modal", submit);
        if (await AckBudget.InTimeAsync(answer, options.Value.AckBudget, time).ConfigureAwait(false))
        {
            return await answer.ConfigureAwait(false);
        }

        // Past Slack's patience the modal closes; the work carries on and answers through the response_url it kept.
        return null;
    }
}
