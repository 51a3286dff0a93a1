using System.Collections.Concurrent;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Scheduling;
using ChatOpsJit.Core.Telemetry;
using ChatOpsJit.Host.Telemetry;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace ChatOpsJit.Host.Workers;

/// <summary>
/// Delivers outbox messages. Retries are rows with a later due time (so they survive restarts), with exponential
/// backoff and jitter honouring Retry-After; a circuit breaker per platform stops hammering a platform that is down.
/// What a card post returns is stored with its delivery, and an update older than the card it would replace is dropped.
/// </summary>
public sealed class OutboxDispatcher(
    IOutboxStore outbox,
    NotificationRouter router,
    WorkSignal signal,
    IOptions<WorkerOptions> options,
    ChatOpsJitMetrics metrics,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : PollingWorker(signal, time, logger)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline> _breakers = new(StringComparer.Ordinal);

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override TimeSpan DrainTimeout => options.Value.DrainTimeout;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DeliverNotifications)
        {
            logger.LogWarning("Notification delivery is off (Workers:DeliverNotifications=false); the outbox only fills");
            return Task.CompletedTask;
        }

        return base.ExecuteAsync(stoppingToken);
    }

    /// <summary>Claims one batch of due messages and tries each once; returns how many were claimed.</summary>
    protected override async Task<int> RunOnceAsync(CancellationToken stopping, CancellationToken ct)
    {
        var settings = options.Value;
        var claimedAt = Time.GetUtcNow();
        var batch = await outbox.ClaimDueAsync(claimedAt, settings.BatchSize, settings.Lease, ct).ConfigureAwait(false);
        await HandleClaimedAsync(batch, m => m.RequestId, claimedAt, settings.Lease, settings.Concurrency, DeliverAsync, HandBackAsync, stopping, ct)
            .ConfigureAwait(false);
        return batch.Count;
    }

    // Due again at once, unleased: the next pass (here or on another replica) claims it with a fresh lease.
    private async Task HandBackAsync(OutboxMessage message, string why, CancellationToken ct)
    {
        await outbox.MarkFailedAsync(message, $"handed back unsent: {why}", Time.GetUtcNow(), ct).ConfigureAwait(false);
        logger.LogInformation("{Kind} for request {RequestId} handed back unsent: {Reason}", message.Kind, message.RequestId, why);
    }

    private async Task DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        var via = message.Platform?.Value ?? "email";
        using var span = DeliverySpan.Start(message, via);
        try
        {
            CardReference? posted = null;
            var outcome = "delivered";
            if (message.Kind == NotificationKind.CardUpdate && message.Target is null)
            {
                // Its post was given up on (dead-lettered) or never made (the platform was off then): nothing to update.
                logger.LogDebug("Card update of request {RequestId} at version {Version} dropped; its card was never posted", message.RequestId, message.RequestVersion);
                outcome = "skipped";
            }
            else if (message.Target is { } target && message.RequestVersion <= target.ShownVersion)
            {
                // Delivered out of order (an earlier attempt failed): the card already shows a newer state.
                logger.LogDebug("Card update of request {RequestId} at version {Version} skipped; the card shows version {Shown}",
                    message.RequestId, message.RequestVersion, target.ShownVersion);
                outcome = "skipped";
            }
            else
            {
                posted = await Breaker(via).ExecuteAsync(async token => await router.DeliverAsync(message, token).ConfigureAwait(false), ct).ConfigureAwait(false);
            }

            if (!await outbox.MarkDeliveredAsync(message, Time.GetUtcNow(), posted, ct).ConfigureAwait(false))
            {
                logger.LogWarning("Delivered {Kind} for request {RequestId} after its lease ran out; another worker had claimed it", message.Kind, message.RequestId);
            }

            metrics.NotificationDelivered(via, message.Kind);
            span.Ended(outcome);
        }
        catch (UnreachableRecipientException e)
        {
            await outbox.MarkFailedAsync(message, e.Message, null, ct).ConfigureAwait(false);
            metrics.NotificationFailed(via, message.Kind, true);
            span.Ended("unreachable", e);
            logger.LogWarning("Not delivering {Kind} via {Via} for request {RequestId}: {Reason}", message.Kind, via, message.RequestId, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var retryAfter = (e as RetryAfterException)?.RetryAfter;
            var giveUp = message.Attempts >= settings.MaxDeliveryAttempts;
            var retryAt = giveUp ? (DateTimeOffset?)null
                : Time.GetUtcNow() + Backoff.Next(message.Attempts, settings.FirstRetryDelay, settings.MaxRetryDelay, retryAfter, Random.Shared);
            await outbox.MarkFailedAsync(message, e.Message, retryAt, ct).ConfigureAwait(false);
            metrics.NotificationFailed(via, message.Kind, giveUp);
            span.Ended(giveUp ? "dead_letter" : "retry", e);
            if (giveUp)
            {
                logger.LogError(e, "Giving up on {Kind} via {Via} for request {RequestId} after {Attempts} attempts", message.Kind, via, message.RequestId, message.Attempts);
            }
            else
            {
                logger.LogWarning("Delivering {Kind} via {Via} for request {RequestId} failed (attempt {Attempt}): {Error}; retrying at {RetryAt}",
                    message.Kind, via, message.RequestId, message.Attempts, e is BrokenCircuitException ? "circuit open" : e.Message, retryAt);
            }
        }
    }

    private ResiliencePipeline Breaker(string via)
    {
        return _breakers.GetOrAdd(via, _ => new ResiliencePipelineBuilder { TimeProvider = Time }
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.8,
                    MinimumThroughput = 5,
                    SamplingDuration = TimeSpan.FromSeconds(60),
                    BreakDuration = TimeSpan.FromSeconds(30),
                    // Someone without an account is no sign that the platform is down.
                    ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not UnreachableRecipientException and not OperationCanceledException),
                })
                .AddTimeout(TimeSpan.FromSeconds(30))
                .Build());
    }
}
