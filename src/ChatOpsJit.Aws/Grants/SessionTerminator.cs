using System.Net;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using ChatOpsJit.Aws.Clients;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Aws.Grants;

/// <summary>
/// Ends a grant's live sessions: lists the Active sessions on its node started by its role session, terminates each,
/// then lists again. A session still active afterwards makes the call fail, so the workflow retries until none is left;
/// one that AWS refuses to end (access denied, say) is reported instead of retried for ever.
/// </summary>
public sealed class SessionTerminator(AwsClients clients, ILogger<SessionTerminator> logger)
{
    public async Task<RevokeResult> EndAsync(AccessRequest request, string owner, CancellationToken ct)
    {
        var ssm = clients.Ssm(request.Account, request.Region);
        var ended = new List<string>();
        var notEnded = new List<string>();
        foreach (var session in await ActiveAsync(ssm, request.NodeId, owner, ct).ConfigureAwait(false))
        {
            try
            {
                await ssm.TerminateSessionAsync(new TerminateSessionRequest { SessionId = session.SessionId }, ct).ConfigureAwait(false);
                ended.Add(session.SessionId);
                logger.LogInformation("Ended session {SessionId} of request {RequestId} on {NodeId}", session.SessionId, request.Id, request.NodeId);
            }
            catch (AmazonServiceException e) when (IsRefusal(e))
            {
                notEnded.Add($"{session.SessionId}: {AwsErrors.Safe(e)}");
            }
        }

        var left = (await ActiveAsync(ssm, request.NodeId, owner, ct).ConfigureAwait(false))
            .Where(s => !notEnded.Any(n => n.StartsWith(s.SessionId + ":", StringComparison.Ordinal)))
            .ToList();
        if (left.Count > 0)
        {
            throw new InvalidOperationException($"{left.Count} session(s) of request {request.Id} on {request.NodeId} are still active ({string.Join(", ", left.Select(s => s.SessionId))}); ending them again");
        }

        return new RevokeResult(ended.Count) { EndedSessionIds = ended, NotEnded = notEnded };
    }

    // Filtered by node and by owner, and checked again here: only this grant's sessions are ever ended.
    private static async Task<List<Session>> ActiveAsync(IAmazonSimpleSystemsManagement ssm, string nodeId, string owner, CancellationToken ct)
    {
        var found = new List<Session>();
        string? next = null;
        do
        {
            var page = await ssm.DescribeSessionsAsync(new DescribeSessionsRequest
            {
                State = SessionState.Active,
                Filters = [new SessionFilter { Key = SessionFilterKey.Target, Value = nodeId }, new SessionFilter { Key = SessionFilterKey.Owner, Value = owner }],
                MaxResults = 200,
                NextToken = next,
            }, ct).ConfigureAwait(false);
            found.AddRange((page.Sessions ?? []).Where(s => s.Target == nodeId && s.Owner == owner && !IsEnding(s)));
            next = page.NextToken;
        }
        while (!string.IsNullOrEmpty(next));

        return found;
    }

    // Terminating is on its way out; Session Manager lists it as Active for a moment after TerminateSession.
    private static bool IsEnding(Session s) => s.Status == SessionStatus.Terminating || s.Status == SessionStatus.Terminated;

    // Throttling and 5xx were already retried by the SDK and are retried again by the workflow; a 4xx refusal is final.
    private static bool IsRefusal(AmazonServiceException e) =>
        e.StatusCode is >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError &&
        e.StatusCode != HttpStatusCode.TooManyRequests && e.ErrorCode?.Contains("Throttl", StringComparison.OrdinalIgnoreCase) != true;
}
