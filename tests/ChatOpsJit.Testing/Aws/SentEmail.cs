namespace ChatOpsJit.Testing.Aws;

/// <summary>One email SES v2 accepted, simple or raw; for raw ones the fields are read from the MIME.</summary>
/// <param name="RawMime">The MIME text of a Content.Raw email; null for Content.Simple.</param>
/// <param name="Headers">The message's headers (first value of each name), empty for a simple email.</param>
public sealed record SentEmail(
    string MessageId,
    string Account,
    string Region,
    string From,
    IReadOnlyList<string> To,
    string Subject,
    string? Text,
    string? Html,
    string? RawMime,
    IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The Message-ID header without angle brackets; null when the message has none.</summary>
    public string? HeaderMessageId => Headers.TryGetValue("Message-ID", out var id) ? id.Trim('<', '>', ' ') : null;

    public override string ToString() => $"{MessageId} {From} → {string.Join(",", To)}: {Subject}";
}
