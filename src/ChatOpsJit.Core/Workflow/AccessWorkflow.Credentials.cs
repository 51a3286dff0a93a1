using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Core.Workflow;

/// <summary>Temporary credentials on demand, for the requester of an active grant alone.</summary>
public sealed partial class AccessWorkflow
{
    /// <summary>
    /// Mints temporary credentials for the requester of an active grant, answered privately. The issue is audited
    /// (key id and expiry only) in a transition, so it happens only if the grant was still active when it committed.
    /// </summary>
    public async Task<ActionResult> IssueCredentialsAsync(string requestId, ChatUser clicker, CancellationToken ct = default)
    {
        if (_credentials is null)
        {
            return ActionResult.Refused("this deployment hands out no credentials; connect with the command in your access message.");
        }

        AccessCredentials? minted = null;
        var result = await _committer.ChangeAsync(requestId, async (r, now) =>
        {
            minted = null;
            if (Closing.Overdue(r, now) is { } closed)
            {
                return closed;
            }

            var user = await _directory.FindAsync(clicker.Email, ct).ConfigureAwait(false);
            var check = ApprovalRules.CheckCredentialsTaker(r, user, now);
            if (!check.Allowed)
            {
                return Change.Refuse(check.Reason);
            }

            try
            {
                minted = await _credentials.IssueCredentialsAsync(r, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogWarning("Minting credentials for request {RequestId} failed: {Error}", r.Id, e.Message);
                return Change.Refuse("the credentials could not be issued right now; try again in a minute.");
            }

            return new Change(r, new CredentialsIssued(minted.KeyId, minted.Expires), user!.Email,
                $"Temporary credentials for {r.NodeName}, valid until {RequestCards.When(minted.Expires)}, shown only to you.");
        }, ct).ConfigureAwait(false);

        var card = result.Request is null ? null : Cards.ForRequester(result.Request);
        return result.Ok && minted is not null
            ? new ActionResult(true, result.Message, card, RequestCards.Credentials(result.Request!, minted))
            : new ActionResult(false, result.Message, card);
    }
}
