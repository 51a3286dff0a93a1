using System.ComponentModel.DataAnnotations;

namespace ChatOpsJit.Storage.Audit;

/// <summary>The key that seals audit records and where the chain's head is anchored (section <c>Audit</c>).</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// The current key, base64 (at least 32 random bytes). Production sets it from configuration or <c>Audit__Key</c>;
    /// when empty the key ring in <see cref="KeyFile"/> is used, and created with a fresh key if missing.
    /// </summary>
    public string? Key { get; set; }

    /// <summary>Earlier keys (base64), kept only to verify the epochs they sealed.</summary>
    public List<string> RetiredKeys { get; set; } = [];

    /// <summary>
    /// The key ring file (one base64 key per line, the last one current); empty: <c>&lt;db folder&gt;/&lt;db name&gt;.audit-key</c>
    /// with SQLite. With PostgreSQL there is no default: set this or <see cref="Key"/>, the same key on every replica.
    /// </summary>
    public string KeyFile { get; set; } = "";

    /// <summary>
    /// The append-only file of anchors; empty: <c>&lt;db folder&gt;/&lt;db name&gt;.audit-anchor</c> with SQLite, and
    /// <c>./data/chatopsjit.audit-anchor</c> with PostgreSQL, where each replica anchors the shared chain's head in its own
    /// local file (so one replica's file cannot vouch for heads only another replica saw).
    /// </summary>
    public string AnchorFile { get; set; } = "";

    /// <summary>How often the chain's head is anchored when it moved (and always at shutdown).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AnchorInterval { get; set; } = TimeSpan.FromMinutes(1);
}
