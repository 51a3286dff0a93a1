using System.Text.Json;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Serialization;

namespace ChatOpsJit.Core.Audit;

/// <summary>A request row as stored: the columns the store filters on, and the JSON it reads the request from.</summary>
public sealed record RequestRow(string Id, string State, string RequesterEmail, string NodeId, long Version, string Json);

/// <summary>
/// Holds each request row to the last audit record of that request that carries a snapshot: a row whose state, version,
/// deadlines or content differ was edited outside the workflow. Feed it every record of a verified chain with
/// <see cref="Add"/>, then each row with <see cref="Check"/>, then ask <see cref="Unmatched"/> for audited requests with no row.
/// </summary>
public sealed class RequestAudit
{
    private readonly Dictionary<string, Audited> _audited = new(StringComparer.Ordinal);
    private readonly HashSet<string> _rows = new(StringComparer.Ordinal);

    /// <summary>Rows held to a snapshot (whether or not they matched).</summary>
    public int Checked { get; private set; }

    /// <summary>Rows whose audit records are all legacy (no snapshot): counted, not checked.</summary>
    public int LegacyOnly { get; private set; }

    public void Add(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.RequestId.Length == 0)
        {
            return;
        }

        var audited = _audited.TryGetValue(record.RequestId, out var known) ? known : new Audited();
        audited.Last = record.Sequence;
        if (record.Request is not null)
        {
            audited.SnapshotSequence = record.Sequence;
            audited.Snapshot = record.Request;
        }

        _audited[record.RequestId] = audited;
    }

    /// <summary>What is wrong with <paramref name="row"/>, or null when it is what its last audit record sealed.</summary>
    public string? Check(RequestRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        _rows.Add(row.Id);
        var edited = $"request {row.Id} was edited outside the workflow";
        AccessRequest request;
        try
        {
            request = CoreJson.Deserialize<AccessRequest>(row.Json);
        }
        catch (JsonException e)
        {
            return $"{edited}: its JSON cannot be read ({e.Message})";
        }

        var columns = new List<string>();
        Compare(columns, "id", row.Id, request.Id);
        Compare(columns, "state", row.State, request.State.ToString());
        Compare(columns, "requester_email", row.RequesterEmail, request.RequesterEmail);
        Compare(columns, "node_id", row.NodeId, request.NodeId);
        Compare(columns, "version", row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (columns.Count > 0)
        {
            return $"{edited}: {string.Join("; ", columns)}";
        }

        if (!_audited.TryGetValue(row.Id, out var audited))
        {
            return $"request {row.Id} has no audit record: it was inserted outside the workflow";
        }

        if (audited.Snapshot is null)
        {
            LegacyOnly++;
            return null;
        }

        Checked++;
        AuditedRequest sealedAs;
        try
        {
            sealedAs = CoreJson.Deserialize<AuditedRequest>(audited.Snapshot);
        }
        catch (JsonException e)
        {
            return $"the snapshot in audit record {audited.SnapshotSequence} of request {row.Id} cannot be read ({e.Message})";
        }

        var record = $"its last audit record {audited.SnapshotSequence}";
        if (request.State != sealedAs.State || request.Version != sealedAs.Version)
        {
            return $"{edited}: the row says {request.State} version {request.Version}, {record} says {sealedAs.State} version {sealedAs.Version}";
        }

        if (request.ExpiresAt != sealedAs.ExpiresAt)
        {
            return $"{edited}: the row says it expires {When(request.ExpiresAt)}, {record} says {When(sealedAs.ExpiresAt)}";
        }

        if (request.PendingUntil != sealedAs.PendingUntil)
        {
            return $"{edited}: the row says it is pending until {When(request.PendingUntil)}, {record} says {When(sealedAs.PendingUntil)}";
        }

        // The store writes CoreJson.Serialize(request); reading and writing it again gives the same bytes (a test holds it to that).
        var digest = AuditedRequest.DigestOf(CoreJson.Serialize(request));
        return AuditChain.SameText(digest, sealedAs.Digest)
            ? null
            : $"{edited}: its JSON is not what {record} sealed (same state, version and deadlines; another field was changed)";
    }

    /// <summary>Audited requests that have no row, once every row was checked.</summary>
    public IEnumerable<string> Unmatched() =>
        _audited.Where(a => !_rows.Contains(a.Key)).OrderBy(a => a.Value.Last)
            .Select(a => $"request {a.Key} has audit records (the last is record {a.Value.Last}) but no row: it was deleted outside the workflow");

    private static void Compare(List<string> differences, string column, string inColumn, string inJson)
    {
        if (!string.Equals(inColumn, inJson, StringComparison.Ordinal))
        {
            differences.Add($"its {column} column says {inColumn} but its JSON says {inJson}");
        }
    }

    private static string When(DateTimeOffset? at) =>
        at?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture) ?? "never";

    private sealed class Audited
    {
        public long Last { get; set; }

        public long SnapshotSequence { get; set; }

        public string? Snapshot { get; set; }
    }
}
