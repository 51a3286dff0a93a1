using ChatOpsJit.Core.Commands;
using ChatOpsJit.Slack.BlockKit;
using ChatOpsJit.Slack.WebApi;

namespace ChatOpsJit.Slack.Inbound;

/// <summary>The App Home tab: a person's own requests and those waiting for them, with the same buttons as the cards.</summary>
public sealed class SlackHome(AccessCommandHandler commands, SlackUserGate users, SlackWebApiClient slack)
{
    public async Task PublishAsync(string userId, CancellationToken ct)
    {
        var (user, refusal) = await users.IdentifyAsync(userId, ct).ConfigureAwait(false);
        var overview = user is null
            ? new RequestOverview(SlackReplies.Line(refusal!, problem: true), [], [])
            : await commands.OverviewAsync(user, ct: ct).ConfigureAwait(false);
        await slack.PublishHomeAsync(userId, SlackViews.Home(overview.Notice, overview.Mine, overview.WaitingForMe), ct).ConfigureAwait(false);
    }
}
