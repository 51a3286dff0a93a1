using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Storage.Audit;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Host.Audit;

/// <summary>
/// Writes the audit chain's head down outside the database (<see cref="IAuditAnchor"/>): at start-up, every
/// <c>Audit:AnchorInterval</c> when the head moved, and at shutdown. At start-up it first holds the database to the last
/// anchor and logs an error when the log was truncated or rewritten; it never refuses to start (the operator runs
/// <c>chatopsjit audit verify</c>).
/// </summary>
public sealed class AuditAnchorService(
    IAuditLog log,
    IAuditAnchor anchors,
    LoadedAuditKeys keys,
    IOptions<AuditOptions> options,
    TimeProvider time,
    ILogger<AuditAnchorService> logger) : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AuditAnchor? _last;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Audit records are sealed with key {KeyId} ({Origin}); the head is anchored in {AnchorLocation}",
            keys.Ring.Current.Id, keys.Origin, anchors.Location);
        try
        {
            await CheckAgainstLastAnchorAsync(cancellationToken).ConfigureAwait(false);
            await AnchorIfMovedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Checking the audit log against its anchors in {AnchorLocation} failed", anchors.Location);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Hosted services stop in reverse order, and this one is registered before the workers: their last records are in.
            await AnchorIfMovedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Anchoring the audit head at shutdown failed");
        }
    }

    /// <summary>Anchors the head if it moved since the last anchor; true when it wrote one.</summary>
    public async Task<bool> AnchorIfMovedAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var head = await log.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
            if (head is null || (_last is not null && _last.Sequence == head.Sequence && _last.Mac == head.Mac))
            {
                return false;
            }

            var anchor = AuditAnchor.Of(head, keys.Ring.Current, time.GetUtcNow());
            await anchors.AppendAsync(anchor, cancellationToken).ConfigureAwait(false);
            _last = anchor;
            logger.LogDebug("Anchored audit record {Sequence}", head.Sequence);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.AnchorInterval, time, stoppingToken).ConfigureAwait(false);
                await AnchorIfMovedAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Anchoring the audit head in {AnchorLocation} failed; trying again in {Interval}", anchors.Location, options.Value.AnchorInterval);
            }
        }
    }

    private async Task CheckAgainstLastAnchorAsync(CancellationToken cancellationToken)
    {
        var stored = await anchors.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        AuditAnchor? last = null;
        foreach (var entry in stored)
        {
            if (entry.Anchor is not { } anchor || keys.Ring.Find(anchor.KeyId) is not { } key || !anchor.SealHolds(key))
            {
                logger.LogError("Audit anchor {Location} of {AnchorLocation} cannot be read or does not verify with the keys in force; run chatopsjit audit verify",
                    entry.Location, anchors.Location);
                continue;
            }

            last = anchor;
        }

        if (last is null)
        {
            return;
        }

        _last = last;
        var head = await log.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
        var headSequence = head?.Sequence ?? 0;
        if (headSequence < last.Sequence)
        {
            logger.LogError(
                "The audit log ends at record {Head} but record {Anchored} was anchored at {AnchoredAt}: records {From}-{To} are missing (truncated). Run chatopsjit audit verify",
                headSequence, last.Sequence, AuditVerifier.When(last.At), headSequence + 1, last.Sequence);
            return;
        }

        var record = await log.FindAsync(last.Sequence, cancellationToken).ConfigureAwait(false);
        if (record is null || record.Mac != last.Mac)
        {
            logger.LogError(
                "Audit record {Anchored} does not match its anchor of {AnchoredAt}: the log was rewritten at or before that record. Run chatopsjit audit verify",
                last.Sequence, AuditVerifier.When(last.At));
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }
}
