using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatOpsJit.Cli.Options;
using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ChatOpsJit.Cli.Commands;

/// <summary>
/// `chatopsjit audit export`: the records as JSON Lines on stdout, one record per line with its MACs, for a SIEM.
/// <c>--after SEQ</c> suits a shipper that remembers the last sequence number it sent; <c>--since</c> a time window.
/// </summary>
internal static class AuditExportCommand
{
    public static readonly CommandSpec Spec = new(
        "audit export",
        "Writes the audit records as JSON Lines to stdout, one record per line with its MACs, for a SIEM; read-only.",
        ["audit export [--since TIME|DURATION] [--after SEQ] [--db FILE | --connection-string CS]"],
        [
            new("since", "TIME|DURATION", "only records at or after an ISO-8601 time or within a duration before now"),
            new("after", "SEQ", "only records after sequence number SEQ (what an incremental shipper last sent)"),
            .. StoreArgs.Options,
        ])
    {
        Details = $"""
            Each line holds seq, at, kind, requestId, actor, data, request (the request as the transition left it, or
            null), keyId, previousMac and mac, in sequence order; export does not check them (audit verify does).
            --since takes a time with at least a date (2026-12-01T10:00:00Z; without an offset it is UTC) or a duration
            of whole minutes, hours or days (24h, 7d, 90m). With both options a record must pass both.
            exit status: 0 written (also when no record matched), 1 bad input or a database that cannot be read.
            {StoreArgs.Help}
            """,
        Examples =
        [
            "chatopsjit audit export --db data/chatopsjit.db --since 24h",
            "chatopsjit audit export --db data/chatopsjit.db --after 41",
        ],
    };

    public static async Task<int> RunAsync(ParsedOptions options, TextWriter output, TextWriter error, AuditCliEnvironment environment)
    {
        var since = options.Value<DateTimeOffset>("since", text => TryParseSince(text, environment.Time, out var at) ? at : null,
            "an ISO-8601 time (2026-12-01T10:00:00Z) or a duration like 24h, 7d or 90m", example: "--since 24h");
        var after = options.Value<long>("after", text => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : null,
            "a sequence number (0 or more)", example: "--after 41") ?? 0;
        var (sources, problem) = await AuditSources.OpenAsync(options, environment);
        if (sources is null)
        {
            error.WriteLine(problem);
            return CliCommand.BadInput;
        }

        try
        {
            await foreach (var record in new SqliteAuditLog(sources.Database).ReadAfterAsync(after, since))
            {
                output.Write(Line(record));
                output.Write('\n');
            }
        }
        catch (SqliteException e)
        {
            error.WriteLine($"error: cannot read the database '{sources.DatabaseFile}': {e.Message}");
            return CliCommand.BadInput;
        }

        return 0;
    }

    /// <summary>One record as a JSON line; <c>data</c> and <c>request</c> as embedded objects (as text if a row no longer holds JSON).</summary>
    public static string Line(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var buffer = new MemoryStream();
        // Relaxed escaping: a file for log shippers, not HTML, so '+' in a time stays '+'.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("seq", record.Sequence);
            json.WriteString("at", record.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("kind", record.Kind);
            json.WriteString("requestId", record.RequestId);
            json.WriteString("actor", record.Actor);
            json.WritePropertyName("data");
            Embedded(json, record.Data);
            json.WritePropertyName("request");
            Embedded(json, record.Request);
            json.WriteString("keyId", record.KeyId);
            json.WriteString("previousMac", record.PreviousMac);
            json.WriteString("mac", record.Mac);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Embedded(Utf8JsonWriter json, string? stored)
    {
        if (stored is null)
        {
            json.WriteNullValue();
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(stored);
            document.RootElement.WriteTo(json);
        }
        catch (JsonException)
        {
            json.WriteStringValue(stored);
        }
    }

    private static bool TryParseSince(string text, TimeProvider time, out DateTimeOffset since)
    {
        if (DurationText.TryParse(text, out var window))
        {
            since = time.GetUtcNow() - window;
            return true;
        }

        // A time needs at least a date (2026-12-01); without an offset it is UTC.
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out since)
               && text.Length >= 10 && char.IsAsciiDigit(text[0]);
    }
}
