using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChatOpsJit.Testing.Aws;

/// <summary>A small, honest IAM evaluator for the session policies AssumeRole is given.</summary>
/// <remarks>
/// It knows Allow and Deny statements, Action and Resource as a string or a list with * and ? wildcards, and the one
/// condition grants use, DateLessThan on aws:CurrentTime. A statement with any other element it does not understand (NotAction, another condition) never allows, so a test can
/// not pass on a policy the stand-in misread.
/// </remarks>
internal static class SessionPolicy
{
    /// <summary>Null when the policy allows the action on the resource at <paramref name="now"/>; otherwise why not.</summary>
    public static string? Denies(string policyJson, string action, string resource, DateTimeOffset now)
    {
        JsonObject policy;
        try
        {
            policy = JsonNode.Parse(policyJson) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException e)
        {
            return $"the session policy is not JSON: {e.Message}";
        }

        var statements = policy["Statement"] switch
        {
            JsonArray list => list.OfType<JsonObject>().ToList(),
            JsonObject one => [one],
            _ => [],
        };
        var allowed = false;
        foreach (var statement in statements)
        {
            if (!Matches(statement, action, resource, now))
            {
                continue;
            }

            if (Text(statement["Effect"]) == "Deny")
            {
                return $"an explicit deny in the session policy matches {action} on {resource}";
            }

            allowed |= Text(statement["Effect"]) == "Allow";
        }

        return allowed ? null : $"no statement of the session policy allows {action} on {resource} at {now.UtcDateTime:O}";
    }

    private static bool Matches(JsonObject statement, string action, string resource, DateTimeOffset now)
    {
        var known = new HashSet<string>(StringComparer.Ordinal) { "Sid", "Effect", "Action", "Resource", "Condition" };
        if (statement.Any(p => !known.Contains(p.Key)))
        {
            return false;
        }

        return Values(statement["Action"]).Any(pattern => Wildcard(pattern, action, ignoreCase: true))
            && Values(statement["Resource"]).Any(pattern => Wildcard(pattern, resource, ignoreCase: false))
            && ConditionHolds(statement["Condition"], now);
    }

    private static bool ConditionHolds(JsonNode? condition, DateTimeOffset now)
    {
        if (condition is null)
        {
            return true;
        }

        if (condition is not JsonObject operators || operators.Count != 1 || operators["DateLessThan"] is not JsonObject keys
            || keys.Count != 1 || Text(keys["aws:CurrentTime"]) is not { } limit)
        {
            return false;
        }

        return DateTimeOffset.TryParse(limit, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var end) && now < end;
    }

    private static IEnumerable<string> Values(JsonNode? node) => node switch
    {
        JsonArray list => list.Select(Text).OfType<string>(),
        _ when Text(node) is { } one => [one],
        _ => [],
    };

    private static bool Wildcard(string pattern, string value, bool ignoreCase) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
