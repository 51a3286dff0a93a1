using System.Buffers;
using System.Text;
using System.Text.Json;
using ChatOpsJit.Core.Policies.Cedar;

namespace ChatOpsJit.Cli.Commands;

/// <summary>
/// Encodes one `--batch` output line:
/// <c>{"decision":"allow"|"deny","reasons":[ids],"errors":[{"policy":..,"message":..,"file":..,"line":..,"column":..,"snippet":..}]}</c>
/// or <c>{"error":"..."}</c>.
/// </summary>
public static class BatchAnswer
{
    public static string Format(CedarResponse response) => Format(response.Decision, response.DeterminingPolicies, response.Errors, id => id);

    /// <summary>The answer for a result of <see cref="CedarAuthorizer.Authorize"/>, the same line as for its response.</summary>
    public static string Format(AuthorizationResult result) => Format(result.Decision, result.Determining, result.Errors, p => p.Id);

    private static string Format<T>(CedarDecision decision, IReadOnlyList<T> determining, IReadOnlyList<CedarEvaluationError> errors, Func<T, string> idOf) =>
        Write(w =>
        {
            w.WriteString("decision", decision == CedarDecision.Allow ? "allow" : "deny");
            w.WriteStartArray("reasons");
            foreach (var policy in determining)
            {
                w.WriteStringValue(idOf(policy));
            }
            w.WriteEndArray();
            w.WriteStartArray("errors");
            foreach (var e in errors)
            {
                w.WriteStartObject();
                w.WriteString("policy", e.PolicyId);
                w.WriteString("message", e.Message);
                w.WriteString("file", e.File);
                w.WriteNumber("line", e.Line);
                w.WriteNumber("column", e.Column);
                w.WriteString("snippet", e.Snippet);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });

    public static string FormatError(string message) => Write(w => w.WriteString("error", message));

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        // Relaxed escaping keeps quotes in messages like `User::"alice"` readable; the output is JSON, never HTML.
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
