using System.Collections.Concurrent;

namespace ChatOpsJit.Testing.Slack;

/// <summary>
/// Several apps (replicas of one app) calling the same Slack, each through its own base URL, so a test can tell their
/// calls apart and hold one caller's calls: a held call arrives and waits, unanswered and not acted on, until released
/// or until the caller gives up (or dies), as a call stuck in the network does.
/// </summary>
public sealed partial class SlackStandIn
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _holds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, SlackCall> _held = new();
    private int _heldSequence;

    /// <summary>The Web API base URL for one caller: "http://127.0.0.1:{port}/as/{caller}/api/"; its calls carry <see cref="SlackCall.Caller"/>.</summary>
    public string ApiBaseUrlFor(string caller) => $"{BaseUrl}as/{Uri.EscapeDataString(caller)}/api/";

    /// <summary>From now on every Web API call of <paramref name="caller"/> waits, unanswered, until <see cref="Release"/>.</summary>
    public void Hold(string caller) => _holds.TryAdd(caller, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Lets <paramref name="caller"/>'s held calls be answered, and its next calls through at once.</summary>
    public void Release(string caller)
    {
        if (_holds.TryRemove(caller, out var hold))
        {
            hold.TrySetResult();
        }
    }

    /// <summary>The calls waiting on a hold right now (their arguments, not yet acted on).</summary>
    public IReadOnlyList<SlackCall> HeldCalls => _held.Values.OrderBy(c => c.Sequence).ToArray();

    /// <summary>Waits while <paramref name="request"/>'s caller is held; false when the caller gave up first (nothing is done then).</summary>
    private async Task<bool> WaitWhileHeldAsync(WebApiRequest request, string? caller, DateTimeOffset receivedAt, CancellationToken aborted)
    {
        if (caller is null || !_holds.TryGetValue(caller, out var hold))
        {
            return true;
        }

        var key = Interlocked.Increment(ref _heldSequence);
        _held[key] = new SlackCall(key, request.Method, StandInJson.Clone(request.Arguments), request.HadAuthorizationHeader, SlackCredential.None,
            request.ContentType, receivedAt, 0, null) { Caller = caller };
        try
        {
            await hold.Task.WaitAsync(aborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        finally
        {
            _held.TryRemove(key, out _);
        }
    }
}
