using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatOpsJit.Testing.Teams;

/// <summary>The Bot Connector at "{ServiceUrl}v3/": bearer check, the failures a test asked for, then the API; every call recorded.</summary>
public sealed partial class BotFrameworkStandIn
{
    private int _callSequence;

    /// <summary>Teams' bot message limit, 100 KB; a body over it is 413 MessageSizeTooBig (measured by <see cref="Utf16Bytes"/>).</summary>
    public const int MessageSizeLimitBytes = BotConnector.MessageSizeLimitBytes;

    /// <summary>
    /// How big the Connector takes a JSON body to be: two bytes per UTF-16 code unit, as Teams counts message size, of the
    /// body written compactly without escaping beyond JSON's own (so a serializer's indentation or \u escapes do not count).
    /// </summary>
    public static int Utf16Bytes(JsonNode body) => BotConnector.Utf16Bytes(body);

    /// <summary>
    /// The next <paramref name="times"/> requests whose decoded path contains <paramref name="pathContains"/> fail with
    /// <paramref name="status"/> (429 Throttled, 5xx ServiceError…), with a Retry-After in whole seconds when given. Any path
    /// matches: the Connector's ("/activities"), the token endpoint's ("oauth2") and the keys' (".well-known/keys").
    /// </summary>
    public void FailNext(string pathContains, int status, TimeSpan? retryAfter = null, int times = 1) =>
        _faults.FailNext(pathContains, status, retryAfter, times);

    /// <summary>Every request whose path contains <paramref name="pathContains"/> fails until <see cref="Heal"/>.</summary>
    public void FailAlways(string pathContains, int status, TimeSpan? retryAfter = null) => _faults.FailAlways(pathContains, status, retryAfter);

    /// <summary>Drops the failures queued or standing for <paramref name="pathContains"/>; null drops them all.</summary>
    public void Heal(string? pathContains = null) => _faults.Heal(pathContains);

    /// <summary>
    /// Teams' order: the bearer token first (a refused caller uses up no failure), then a failure a test asked for, then
    /// the API with its own checks.
    /// </summary>
    private async Task HandleConnectorAsync(HttpContext context, string[] segments)
    {
        var receivedAt = _time.GetUtcNow();
        var request = await ConnectorRequest.ReadAsync(context, segments, $"{_base}/{segments[0]}/");
        if (request.Activity is { } activity)
        {
            foreach (var card in TeamsJson.Cards(activity))
            {
                _cards.Add(card);
            }
        }

        var authValid = _accessTokens.IsValid(request.BearerToken);
        HttpAnswer answer;
        var activityId = request.ActivityId;
        if (!authValid)
        {
            answer = ConnectorErrors.Unauthorized();
        }
        else if (_faults.Take(request.Path) is { } fault)
        {
            answer = ConnectorErrors.Fault(fault.Status, fault.RetryAfter);
        }
        else
        {
            (answer, var assigned) = _connector.Answer(request);
            activityId = assigned ?? activityId;
        }

        _calls.Add(new ConnectorCall(
            Interlocked.Increment(ref _callSequence),
            request.Method,
            request.Path,
            request.ServiceUrl,
            request.ConversationId,
            activityId,
            request.Json?.DeepClone(),
            answer.Status,
            request.HadAuthorization,
            authValid,
            answer.ErrorCode,
            answer.Body?.DeepClone(),
            receivedAt));
        await WriteAsync(context, answer, correlate: true);
    }
}
