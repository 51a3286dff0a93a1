using System.Text.Json.Nodes;
using ChatOpsJit.Teams.Identity;

namespace ChatOpsJit.Teams.Inbound;

/// <summary>
/// <c>adaptiveCard/action</c> invokes (Universal Actions): a press or a refresh, answered with the card the presser sees
/// next, or with a message only they see when the core refuses.
/// </summary>
public sealed class TeamsInvokes(TeamsMembers members, TeamsActions actions)
{
    public const string AdaptiveCardAction = "adaptiveCard/action";

    public async Task<JsonObject> HandleAsync(TeamsActivity activity, CancellationToken ct)
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
