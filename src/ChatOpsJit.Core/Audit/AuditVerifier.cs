using System.Globalization;
using System.Text.Json;
using ChatOpsJit.Core.Serialization;

namespace ChatOpsJit.Core.Audit;

/// <summary>
/// Checks an audit chain one record at a time (so a long log is never held in memory), then its anchors, and stops at the
/// first problem, which names the record. Feed it with <see cref="Add"/> in sequence order and close with
/// <see cref="Finish"/>; <see cref="Broken"/> is then null when everything holds.
/// </summary>
/// <remarks>
/// What holds: sequence numbers run 1, 2, 3… with no gap; each record names the MAC of the one before; each MAC recomputes
/// with the key its key id names (legacy records with SHA-256, and only before the first keyed record); the key changes
/// only at an <see cref="AuditKinds.KeyRotated"/> record naming the old and new key; every anchor's seal holds, no anchor
/// names a record beyond the head, and every anchored record still has the anchored MAC.
/// </remarks>
public sealed class AuditVerifier
{
    private readonly Dictionary<string, AuditKey> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<long, List<AuditAnchor>> _anchored = [];
    private readonly List<AuditEpoch> _epochs = [];
    private readonly string _anchorLocation;
    private readonly AuditBreak? _anchorProblem;
    private AuditRecord? _previous;
    private AuditRecord? _lastKeyed;

    /// <param name="anchors">The anchors to hold the chain to; null checks the chain alone.</param>
    /// <param name="anchorLocation">Where the anchors were read from, for messages.</param>
    public AuditVerifier(IEnumerable<AuditKey> keys, IReadOnlyList<StoredAnchor>? anchors = null, string anchorLocation = "the anchor store")
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            _keys[key.Id] = key;
        }

        _anchorLocation = anchorLocation;
        AnchorsChecked = anchors is not null;
        if (anchors is not null)
        {
            // Reported only after the chain: a chain break names the earliest record, and a wrong key shows on the records first.
            _anchorProblem = CheckSeals(anchors);
        }
    }

    /// <summary>The first problem found so far, or null.</summary>
    public AuditBreak? Broken { get; private set; }

    public long Count { get; private set; }

    public long LegacyCount { get; private set; }

    /// <summary>The last record added: the chain's head once all were added.</summary>
    public AuditRecord? Head => _previous;

    public IReadOnlyList<AuditEpoch> Epochs => _epochs;

    public bool AnchorsChecked { get; }

    public int AnchorCount { get; private set; }

    /// <summary>The anchor written last (in the store's order), once the seals were checked.</summary>
    public AuditAnchor? LastAnchor { get; private set; }

    /// <summary>Checks the next record; returns the first problem of the chain (this one or an earlier one), or null.</summary>
    public AuditBreak? Add(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (Broken is null)
        {
            Broken = Check(record);
            if (Broken is null)
            {
                Count++;
                LegacyCount += record.IsLegacy ? 1 : 0;
                Track(record);
                _previous = record;
                _lastKeyed = record.IsLegacy ? _lastKeyed : record;
            }
        }

        return Broken;
    }

    /// <summary>
    /// After the last record: the anchors' seals, then that no anchor lies beyond the head, and that a keyed chain has anchors at all.
    /// </summary>
    public AuditBreak? Finish()
    {
        if (Broken is not null || !AnchorsChecked)
        {
            return Broken;
        }

        if (_anchorProblem is not null)
        {
            return Broken = _anchorProblem;
        }

        var head = _previous?.Sequence ?? 0;
        var beyond = _anchored.Where(a => a.Key > head).OrderByDescending(a => a.Key).FirstOrDefault();
        if (beyond.Value is { } anchors)
        {
            var anchor = anchors[0];
            var missing = anchor.Sequence == head + 1 ? $"record {head + 1} is missing" : $"records {head + 1}-{anchor.Sequence} are missing";
            var ends = head == 0 ? "the log is empty" : $"the log ends at record {head}";
            Broken = new AuditBreak(head + 1, $"{ends} but record {anchor.Sequence} was anchored at {When(anchor.At)}: {missing} (truncated)");
        }
        else if (_lastKeyed is not null && AnchorCount == 0)
        {
            Broken = new AuditBreak(head,
                $"no anchor was found in {_anchorLocation} although the log holds keyed records up to {head}: the anchors were deleted, " +
                "emptied or never written, so a truncation cannot be ruled out (if they are elsewhere, pass --anchor-file)");
        }

        return Broken;
    }

    /// <summary>A time as messages show it: <c>2026-12-01 10:02 UTC</c>.</summary>
    public static string When(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    // Anchors whose seal holds are registered for the checks; the first one that does not is the problem to report.
    private AuditBreak? CheckSeals(IReadOnlyList<StoredAnchor> anchors)
    {
        AuditBreak? first = null;
        foreach (var stored in anchors)
        {
            var problem = CheckSeal(stored);
            if (problem is not null)
            {
                first ??= problem;
                continue;
            }

            var anchor = stored.Anchor!;
            if (!_anchored.TryGetValue(anchor.Sequence, out var list))
            {
                _anchored[anchor.Sequence] = list = [];
            }

            list.Add(anchor);
            AnchorCount++;
            LastAnchor = anchor;
        }

        return first;
    }

    private AuditBreak? CheckSeal(StoredAnchor stored)
    {
        if (stored.Anchor is not { } anchor)
        {
            return new AuditBreak(null, $"anchor {stored.Location} of {_anchorLocation} cannot be read ({stored.Unreadable}): the anchor file was edited, or a write was torn");
        }

        var what = $"anchor {stored.Location} of {_anchorLocation} (record {anchor.Sequence}, {When(anchor.At)})";
        if (!_keys.TryGetValue(anchor.KeyId, out var key))
        {
            return new AuditBreak(anchor.Sequence, $"{what} is sealed with key {anchor.KeyId}, which is not among the keys given (wrong key? pass --key-file)");
        }

        return anchor.SealHolds(key) ? null : new AuditBreak(anchor.Sequence, $"{what} does not verify with key {anchor.KeyId}: the anchor was edited");
    }

    private AuditBreak? Check(AuditRecord record)
    {
        var expected = (_previous?.Sequence ?? 0) + 1;
        var n = record.Sequence;
        if (n != expected)
        {
            var found = _previous is null ? "the first record found" : "the next record found";
            return n < expected
                ? new AuditBreak(n, $"record {n} appears again after record {expected - 1}")
                : new AuditBreak(expected, (n == expected + 1 ? $"record {expected} is missing" : $"records {expected}-{n - 1} are missing") + $" ({found} is {n})");
        }

        if (record.PreviousMac != (_previous?.Mac ?? AuditChain.Genesis))
        {
            return new AuditBreak(n, _previous is null
                ? "record 1 does not start the chain (its previous MAC is not the genesis value)"
                : $"record {n} does not link to record {n - 1}");
        }

        var what = $"record {n} ({record.Kind}, {(record.RequestId.Length == 0 ? "no request" : record.RequestId)})";
        if (record.IsLegacy)
        {
            if (_lastKeyed is not null)
            {
                return new AuditBreak(n, $"{what} is a legacy (unkeyed SHA-256) record after keyed record {_lastKeyed.Sequence}: legacy records only come before the first keyed one");
            }

            return AuditChain.Holds(record, null) ? CheckAnchored(record) : new AuditBreak(n, $"{what} was changed after it was written");
        }

        if (!_keys.TryGetValue(record.KeyId, out var key))
        {
            return new AuditBreak(n, $"record {n} is sealed with key {record.KeyId}, which is not among the keys given (wrong key? pass --key-file)");
        }

        if (!AuditChain.Holds(record, key))
        {
            return new AuditBreak(n, $"{what} was changed after it was written (its MAC does not verify with key {key.Id})");
        }

        return CheckEpoch(record, what) ?? CheckAnchored(record);
    }

    private AuditBreak? CheckEpoch(AuditRecord record, string what)
    {
        var n = record.Sequence;
        var rotation = record.Kind == AuditKinds.KeyRotated;
        if (_previous is null)
        {
            return rotation ? new AuditBreak(n, $"record {n} claims a key rotation, but no record precedes it") : null;
        }

        var currentEpoch = _epochs[^1].Number;
        if (_previous.KeyId == record.KeyId)
        {
            return rotation ? new AuditBreak(n, $"record {n} claims a key rotation, but it is sealed with the same key {record.KeyId} as record {n - 1}") : null;
        }

        if (!rotation)
        {
            return new AuditBreak(n,
                $"{what} is sealed with key {record.KeyId} but record {n - 1} with key {_previous.KeyId}: " +
                $"the key changes only at an {AuditKinds.KeyRotated} record (a forged key switch?)");
        }

        AuditKeyRotated? claim;
        try
        {
            claim = CoreJson.Deserialize<AuditKeyRotated>(record.Data);
        }
        catch (JsonException)
        {
            claim = null;
        }

        if (claim is null || claim.From != _previous.KeyId || claim.To != record.KeyId || claim.Epoch != currentEpoch + 1)
        {
            return new AuditBreak(n,
                $"record {n} claims a key rotation ({record.Data}) that does not match the chain: record {n - 1} is sealed with key " +
                $"{_previous.KeyId} in epoch {currentEpoch}, record {n} with key {record.KeyId}");
        }

        return null;
    }

    private AuditBreak? CheckAnchored(AuditRecord record)
    {
        if (!_anchored.TryGetValue(record.Sequence, out var anchors))
        {
            return null;
        }

        var differs = anchors.FirstOrDefault(a => !AuditChain.SameText(a.Mac, record.Mac));
        return differs is null
            ? null
            : new AuditBreak(record.Sequence, $"record {record.Sequence} does not match its anchor of {When(differs.At)}: the log was rewritten at or before record {record.Sequence}");
    }

    private void Track(AuditRecord record)
    {
        if (_epochs.Count > 0 && _epochs[^1].KeyId == record.KeyId)
        {
            _epochs[^1] = _epochs[^1] with { Last = record.Sequence };
            return;
        }

        var number = record.IsLegacy ? 0 : _epochs.Count == 0 ? 1 : _epochs[^1].Number + 1;
        _epochs.Add(new AuditEpoch(number, record.KeyId, record.Sequence, record.Sequence));
    }
}

/// <summary>A run of records sealed with one key: epoch 0 is the legacy SHA-256 records, 1 the first keyed epoch.</summary>
public sealed record AuditEpoch(int Number, string KeyId, long First, long Last);
