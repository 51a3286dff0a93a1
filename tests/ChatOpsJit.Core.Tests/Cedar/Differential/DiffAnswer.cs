using System.Text.Json.Nodes;

namespace ChatOpsJit.Core.Tests.Cedar.Differential;

/// <summary>What one engine answered for a case: decision, determining and erroring policy ids, or why it could not decide.</summary>
internal sealed record DiffAnswer(
    string Decision,
    IReadOnlySet<string> Reasons,
    IReadOnlySet<string> Errors,
    string? ParseError = null,
    string? RequestError = null,
    IReadOnlyList<string>? Messages = null,
    string? Crash = null)
{
    /// <summary>An engine that threw instead of answering: never agrees with anything.</summary>
    public static DiffAnswer Crashed(Exception e) => new("deny", new HashSet<string>(), new HashSet<string>(), Crash: e.ToString());

    /// <summary>Reads a decide.js line or a `--batch` output line (errors there are objects with a "policy").</summary>
    public static DiffAnswer FromJson(JsonObject o)
    {
        var errors = (o["errors"] as JsonArray ?? []).Select(e => e is JsonObject eo ? (string)eo["policy"]! : (string)e!).ToHashSet();
        var messages = (o["errorMessages"] as JsonArray)?.Select(m => (string)m!).ToList()
            ?? (o["errors"] as JsonArray ?? []).OfType<JsonObject>().Select(e => $"{e["policy"]}: {e["message"]}").ToList();
        return new DiffAnswer(
            (string?)o["decision"] ?? "deny",
            (o["reasons"] as JsonArray ?? []).Select(r => (string)r!).ToHashSet(),
            errors,
            (string?)o["parseError"],
            (string?)o["error"],
            messages);
    }

    /// <summary>Agreement: both rejected the policies, or both rejected the request, or same decision and same id sets.</summary>
    public bool AgreesWith(DiffAnswer other)
    {
        if (Crash is not null || other.Crash is not null)
        {
            return false;
        }
        if (ParseError is not null || other.ParseError is not null)
        {
            return ParseError is not null && other.ParseError is not null;
        }
        if (RequestError is not null || other.RequestError is not null)
        {
            return RequestError is not null && other.RequestError is not null;
        }
        return Decision == other.Decision && Reasons.SetEquals(other.Reasons) && Errors.SetEquals(other.Errors);
    }

    public override string ToString()
    {
        if (Crash is not null)
        {
            return $"threw: {Crash}";
        }
        if (ParseError is not null)
        {
            return $"parse error: {ParseError}";
        }
        if (RequestError is not null)
        {
            return $"request error: {RequestError}";
        }
        var text = $"{Decision} reasons=[{string.Join(", ", Reasons.Order())}] errors=[{string.Join(", ", Errors.Order())}]";
        return Messages is { Count: > 0 } ? text + "\n    " + string.Join("\n    ", Messages) : text;
    }
}
