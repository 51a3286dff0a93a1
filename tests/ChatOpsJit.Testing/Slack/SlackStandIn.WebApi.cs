using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatOpsJit.Testing.Slack;

/// <summary>The Web API at /api/{method}: how a call is answered and recorded, and the failures a test can ask for.</summary>
public sealed partial class SlackStandIn
{
    private int _callSequence;

    /// <summary>Every Web API call, in the order answered.</summary>
    public IReadOnlyList<SlackCall> Calls => _calls.Snapshot();

    public int CallCount(string method) => Calls.Count(c => c.Method == method);

    /// <summary>The first call that matches; fails the test, listing every call seen, when none comes in time (10 s by default).</summary>
    public Task<SlackCall> WaitForCallAsync(Func<SlackCall, bool> predicate, string what, TimeSpan? timeout = null) =>
        _calls.WaitForAsync(predicate, what, timeout);

    /// <summary>While true every Web API call answers HTTP 503 (service_unavailable): Slack is down.</summary>
    public bool Down
    {
        get => _faults.Down;
        set => _faults.Down = value;
    }

    /// <summary>How late every Web API call is answered: Slack is slow.</summary>
    public TimeSpan Delay
    {
        get => _faults.Delay;
        set => _faults.Delay = value;
    }

    /// <summary>How much later still calls of one method are answered (added to <see cref="Delay"/>).</summary>
    public void SetDelay(string method, TimeSpan delay) => _faults.SetDelay(method, delay);

    /// <summary>
    /// The next <paramref name="times"/> calls of <paramref name="method"/> fail with <paramref name="statusCode"/>:
    /// 429 as Slack rate-limits (Retry-After in whole seconds, 1 s unless given; error ratelimited), 5xx with Slack's error codes.
    /// </summary>
    public void FailNext(string method, int statusCode, TimeSpan? retryAfter = null, int times = 1) =>
        _faults.FailNext(method, statusCode, retryAfter, times);

    private async Task HandleWebApiAsync(HttpContext context)
    {
        var method = context.Request.RouteValues["method"] as string ?? "";
        var caller = context.Request.RouteValues["caller"] as string;
        var receivedAt = _options.Time.GetUtcNow();
        var request = await WebApiRequest.ReadAsync(context, method);
        if (!await WaitWhileHeldAsync(request, caller, receivedAt, context.RequestAborted))
        {
            // The caller gave up (or died) while held: recorded without an answer, and nothing was done.
            Record(request, caller, receivedAt, null);
            return;
        }

        try
        {
            await Task.Delay(_faults.DelayFor(method), context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The app gave up waiting: recorded without an answer, so a test can see the call came.
            Record(request, caller, receivedAt, null);
            return;
        }

        var answer = Answer(request);
        Record(request, caller, receivedAt, answer);
        context.Response.StatusCode = answer.StatusCode;
        if (answer.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(StandInJson.Write(answer.Body), context.RequestAborted);
    }

    /// <summary>Slack's order: an outage or rate limit first, then the method, then the token, then the method's own checks.</summary>
    private WebApiAnswer Answer(WebApiRequest request)
    {
        if (_faults.Down)
        {
            return WebApiAnswer.Failure(503, null);
        }

        if (_faults.TakeFailure(request.Method) is { } failure)
        {
            return WebApiAnswer.Failure(failure.StatusCode, failure.RetryAfter);
        }

        if (!_methods.TryGet(request.Method, out var method))
        {
            return WebApiAnswer.Error("unknown_method", new JsonObject { ["req_method"] = request.Method });
        }

        if (request.BodyError is { } bodyError)
        {
            return WebApiAnswer.Error(bodyError);
        }

        if (AuthError(request, method.Token) is { } authError)
        {
            return WebApiAnswer.Error(authError);
        }

        var answer = method.Handle(request.Arguments);
        return request.MissingCharset ? answer.WithWarning("missing_charset") : answer;
    }

    /// <summary>
    /// not_authed without a token, invalid_auth with one Slack does not know, not_allowed_token_type with the wrong kind
    /// (the app-level token is for apps.connections.open only, and that method takes it from the header only).
    /// </summary>
    private string? AuthError(WebApiRequest request, SlackCredential? required)
    {
        var credential = Credential(request, required);
        return credential switch
        {
            SlackCredential.None => "not_authed",
            SlackCredential.Unknown => "invalid_auth",
            _ when required is { } kind && credential != kind => "not_allowed_token_type",
            _ => null,
        };
    }

    private SlackCredential Credential(WebApiRequest request, SlackCredential? required)
    {
        var token = request.BearerToken ?? (required == SlackCredential.AppToken ? null : request.FormToken);
        if (string.IsNullOrEmpty(token))
        {
            return SlackCredential.None;
        }

        return token == _options.BotToken ? SlackCredential.BotToken
            : token == _options.AppToken ? SlackCredential.AppToken
            : SlackCredential.Unknown;
    }

    private void Record(WebApiRequest request, string? caller, DateTimeOffset receivedAt, WebApiAnswer? answer)
    {
        var required = _methods.TryGet(request.Method, out var method) ? method.Token : null;
        _calls.Add(new SlackCall(
            Interlocked.Increment(ref _callSequence),
            request.Method,
            StandInJson.Clone(request.Arguments),
            request.HadAuthorizationHeader,
            Credential(request, required),
            request.ContentType,
            receivedAt,
            answer?.StatusCode ?? 0,
            answer is null ? null : StandInJson.Clone(answer.Body)) { Caller = caller });
    }
}
