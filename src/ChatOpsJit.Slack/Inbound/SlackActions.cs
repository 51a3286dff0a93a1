using System.Text.Json.Nodes;
using ChatOpsJit.Core.Commands;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Workflow;
using ChatOpsJit.Slack.BlockKit;
using ChatOpsJit.Slack.WebApi;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Slack.Inbound;

/// <summary>
/// Button presses. The payload is trusted for nothing but the verb and the request id: the core decides, from who the
/// presser is now, what happens. The answer goes to the presser alone (ephemeral, or a modal on App Home); the card
/// itself is redrawn for everyone by the outbox. A verb that needs confirming opens the core's prompt as a modal.
/// </summary>
public sealed class SlackActions(
    AccessCommandHandler commands, SlackUserGate users, SlackWebApiClient slack, SlackHome home, ILogger<SlackActions> logger)
{
    /// <summary>A <c>block_actions</c> payload; Slack was acked already, so this answers through the payload's response_url.</summary>
    public async Task PressAsync(JsonObject payload, CancellationToken ct)
    {
        var where = Answer.From(payload);
        var action = payload["actions"] is JsonArray { Count: > 0 } actions ? actions[0] : null;
        // A button that does not read as ours is handed on empty: the core refuses it, in its own words, to whoever pressed.
        if (!BlockKitRenderer.TryReadAction(SlackPayload.Text(action, "action_id") ?? "", SlackPayload.Text(action, "value"), out var verb, out var requestId))
        {
            (verb, requestId) = ("", "");
        }

        var (user, refusal) = await users.IdentifyAsync(where.UserId, ct).ConfigureAwait(false);
        if (user is null)
        {
            await TellAsync(where, SlackReplies.Line(refusal!, problem: true), ct).ConfigureAwait(false);
            return;
        }

        var result = await commands.HandleActionAsync(user, verb, requestId, null, ct).ConfigureAwait(false);
        if (result.Prompt is { } prompt && where.TriggerId is { } trigger)
        {
            var metadata = new PromptModalMetadata(verb, requestId, where.ResponseUrl?.ToString(), where.FromHome).Write();
            await slack.OpenViewAsync(trigger, SlackViews.PromptModal(prompt, metadata), ct).ConfigureAwait(false);
            return;
        }

        await TellAsync(where, Outcome(result), ct).ConfigureAwait(false);
        if (where.FromHome)
        {
            await home.PublishAsync(where.UserId!, ct).ConfigureAwait(false);
        }
    }

    /// <summary>A submitted prompt modal: the press again, confirmed, with what was typed; a refusal shows on the field when there is one.</summary>
    public async Task<JsonObject?> ConfirmAsync(JsonObject payload, CancellationToken ct)
    {
        var view = SlackPayload.Object(payload, "view");
        var metadata = PromptModalMetadata.Read(SlackPayload.Text(view, "private_metadata"));
        if (metadata is null)
        {
            logger.LogWarning("A prompt modal came back without its metadata");
            return null;
        }

        var (user, refusal) = await users.IdentifyAsync(SlackPayload.Text(payload, "user", "id"), ct).ConfigureAwait(false);
        if (user is null)
        {
            return Update(SlackReplies.Line(refusal!, problem: true));
        }

        var hasInput = SlackPayload.Object(view, "state", "values", SlackViews.InputBlock) is not null;
        var typed = SlackPayload.InputValue(view, SlackViews.InputBlock, SlackViews.ValueAction);
        var result = await commands.HandleActionAsync(user, metadata.Verb, metadata.RequestId, ActionInput.Confirm(typed), ct).ConfigureAwait(false);
        if (!result.Ok && hasInput)
        {
            return Errors(SlackViews.InputBlock, result.Message);
        }

        if (metadata.FromHome)
        {
            await home.PublishAsync(user.UserId, ct).ConfigureAwait(false);
        }

        if (SlackUrls.Response(metadata.ResponseUrl) is { } url)
        {
            await slack.RespondAsync(url, SlackReplies.Later(Outcome(result)), ct).ConfigureAwait(false);
            return null;
        }

        return Update(Outcome(result));
    }

    /// <summary>A modal's answer that shows a problem under a field, as Slack draws <c>response_action: errors</c>.</summary>
    public static JsonObject Errors(string block, string message) => new()
    {
        ["response_action"] = "errors",
        ["errors"] = new JsonObject { [block] = SlackText.Truncate(message, 150) },
    };

    private static JsonObject Update(ChatCard card) => new() { ["response_action"] = "update", ["view"] = ResultModal.For(card) };

    private static ChatCard Outcome(ActionResult result) => result.PrivateCard ?? SlackReplies.Line(result.Message, problem: !result.Ok);

    private async Task TellAsync(Answer where, ChatCard card, CancellationToken ct)
    {
        if (where.ResponseUrl is { } url)
        {
            await slack.RespondAsync(url, SlackReplies.Later(card), ct).ConfigureAwait(false);
        }
        else if (where.TriggerId is { } trigger)
        {
            await slack.OpenViewAsync(trigger, ResultModal.For(card), ct).ConfigureAwait(false);
        }
        else
        {
            logger.LogWarning("A button press came with no response_url or trigger_id; its answer was not shown");
        }
    }

    /// <summary>Where the presser is: a message (answered by response_url) or App Home (answered in a modal).</summary>
    private sealed record Answer(string? UserId, Uri? ResponseUrl, string? TriggerId, bool FromHome)
    {
        public static Answer From(JsonObject payload) => new(
            SlackPayload.Text(payload, "user", "id"),
            SlackUrls.Response(SlackPayload.Text(payload, "response_url")),
            SlackPayload.Text(payload, "trigger_id"),
            SlackPayload.Text(payload, "view", "type") == "home");
    }
}
