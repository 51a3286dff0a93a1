using System.Text.Json.Nodes;
using ChatOpsJit.Teams.Identity;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Teams.Inbound;

/// <summary>
/// <c>adaptiveCard/action</c> invokes (Universal Actions): a press or a refresh, answered with the card the presser sees
/// next, or with a message only they see when the core refuses.
/// </summary>
public sealed class TeamsInvokes(TeamsMembers members, TeamsActions actions, ILogger<TeamsInvokes> logger)
{
    public const string AdaptiveCardAction = "adaptiveCard/action";

    public async Task<JsonObject> HandleAsync(TeamsActivity activity, CancellationToken ct)
    {
        try
        {
            return await AnswerAsync(activity, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The press may have been decided before drawing its answer failed: say where to look, never "try again".
            logger.LogError(e, "Answering Teams invoke {ActivityId} failed", activity.Id);
            return TeamsInvokeResponse.Error(500, "internal", "ChatOpsJit could not draw its answer; `access list` shows where your requests stand.");
        }
    }

    private async Task<JsonObject> AnswerAsync(TeamsActivity activity, CancellationToken ct)
    {
        var identity = await members.IdentifyAsync(activity, ct).ConfigureAwait(false);
        if (identity.User is not { } user)
        {
            return TeamsInvokeResponse.Message(identity.Refusal!);
        }

        var outcome = await actions.PressAsync(user, activity, TeamsPress.FromInvoke(activity.Value), ct).ConfigureAwait(false);
        return outcome.Card is { } card ? TeamsInvokeResponse.Card(card) : TeamsInvokeResponse.Message(outcome.Message);
    }
}
