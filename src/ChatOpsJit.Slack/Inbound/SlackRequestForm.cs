using System.Text.Json.Nodes;
using ChatOpsJit.Core.Commands;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Slack.BlockKit;
using ChatOpsJit.Slack.WebApi;

namespace ChatOpsJit.Slack.Inbound;

/// <summary>
/// The submitted request modal: the same request as the typed command, built from the fields instead of parsed, so a
/// reason that reads like the grammar ("… for 2h") stays the reason. Problems show under the field they belong to.
/// </summary>
public sealed class SlackRequestForm(AccessCommandHandler commands, SlackUserGate users, SlackWebApiClient slack)
{
    public async Task<JsonObject?> SubmitAsync(JsonObject payload, CancellationToken ct)
    {
        var view = SlackPayload.Object(payload, "view");
        var node = SlackPayload.InputValue(view, SlackViews.NodeBlock, SlackViews.ValueAction)?.Trim();
        var reasonTyped = SlackPayload.InputValue(view, SlackViews.ReasonBlock, SlackViews.ValueAction);
        var durationTyped = SlackPayload.InputValue(view, SlackViews.DurationBlock, SlackViews.ValueAction)?.Trim();

        if (string.IsNullOrEmpty(node))
        {
            return SlackActions.Errors(SlackViews.NodeBlock, "Pick a node.");
        }

        // The core checks all of this again; checking here only places the problem under its field.
        var (reason, problem) = ReasonText.Check(reasonTyped);
        if (problem is not null || string.IsNullOrEmpty(reason))
        {
            return SlackActions.Errors(SlackViews.ReasonBlock, Sentence(problem ?? ReasonText.Missing));
        }

        TimeSpan? duration = null;
        if (!string.IsNullOrEmpty(durationTyped))
        {
            if (!DurationText.TryParse(durationTyped, out var parsed, out var durationProblem))
            {
                return SlackActions.Errors(SlackViews.DurationBlock, Sentence(durationProblem!));
            }

            duration = parsed;
        }

        var (user, refusal) = await users.IdentifyAsync(SlackPayload.Text(payload, "user", "id"), ct).ConfigureAwait(false);
        if (user is null)
        {
            return SlackActions.Errors(SlackViews.NodeBlock, Sentence(refusal!));
        }

        var reply = await commands.HandleAsync(user, new AccessCommand.Request([node], reason, duration, null), ct).ConfigureAwait(false);
        if (reply.IsError)
        {
            return SlackActions.Errors(SlackViews.NodeBlock, Sentence(reply.Problem ?? reply.Card.Title));
        }

        var metadata = RequestModalMetadata.Read(SlackPayload.Text(view, "private_metadata"));
        if (SlackUrls.Response(metadata.ResponseUrl) is { } url)
        {
            try
            {
                await slack.RespondAsync(url, SlackReplies.Later(reply.Card), ct).ConfigureAwait(false);
                return null;
            }
            catch (Exception e) when (e is SlackApiException or HttpRequestException)
            {
                // The request is made; the answer goes into the modal when the conversation cannot take it (response_url expired).
            }
        }

        return new JsonObject { ["response_action"] = "update", ["view"] = ResultModal.For(reply.Card) };
    }

    private static string Sentence(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
