using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Ports;

namespace ChatOpsJit.Storage.Audit;

/// <summary>
/// Anchors as one JSON line each (<c>{"seq","mac","keyId","at","seal"}</c>) appended to a file and flushed to disk. Make
/// the file append-only (<c>chattr +a</c>, which this writer honours by opening it with O_APPEND) or ship it off the host.
/// </summary>
public sealed class FileAuditAnchor(string path) : IAuditAnchor
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Location => path;

    public async Task AppendAsync(AuditAnchor anchor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // After a torn write the next anchor still starts on a line of its own.
        var line = (AppendOnlyFile.EndsWithNewLineOrIsEmpty(path) ? "" : "\n") +
                   JsonSerializer.Serialize(new Line(anchor.Sequence, anchor.Mac, anchor.KeyId, anchor.At.ToUniversalTime(), anchor.Seal), Json) + "\n";
        await using var stream = AppendOnlyFile.Open(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(line), cancellationToken);
        stream.Flush(flushToDisk: true);
    }

    public async Task<IReadOnlyList<StoredAnchor>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        string text;
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync(cancellationToken);
        }

        var anchors = new List<StoredAnchor>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length > 0)
            {
                anchors.Add(Parse($"line {i + 1}", lines[i]));
            }
        }

        return anchors;
    }

    private static StoredAnchor Parse(string location, string text)
    {
        try
        {
            var line = JsonSerializer.Deserialize<Line>(text, Json);
            return line is { Seq: > 0, Mac: { Length: > 0 }, KeyId: { Length: > 0 }, Seal: { Length: > 0 }, At: { } at }
                ? new StoredAnchor(location, new AuditAnchor(line.Seq, line.Mac, line.KeyId, at, line.Seal))
                : new StoredAnchor(location, null, "a field is missing");
        }
        catch (JsonException e)
        {
            return new StoredAnchor(location, null, "not a JSON anchor: " + e.Message);
        }
    }

    private sealed record Line(
        [property: JsonPropertyName("seq")] long Seq,
        [property: JsonPropertyName("mac")] string? Mac,
        [property: JsonPropertyName("keyId")] string? KeyId,
        [property: JsonPropertyName("at")] DateTimeOffset? At,
        [property: JsonPropertyName("seal")] string? Seal);
}
