using System.Text.Json;
using ChatOpsJit.Core.Policies.Cedar;

namespace ChatOpsJit.Cli.Commands;

/// <summary>
/// Decodes one `--batch` input line:
/// <c>{"principal":{"type":..,"id":..},"action":{..},"resource":{..},"context":{..},"entities":[..]}</c>.
/// </summary>
public static class BatchLine
{
    /// <summary>
    /// Decodes <paramref name="line"/>; on failure <paramref name="problem"/> completes the sentence "line N …", e.g.
    /// <c>is not valid JSON: unexpected 'x' at column 1</c> or <c>is not a valid request: missing "principal"</c>.
    /// </summary>
    public static bool TryDecode(string line, out CedarRequest? request, out CedarEntities? entities, out string? problem)
    {
        request = null;
        entities = null;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            problem = $"is not valid JSON: {JsonErrorText.Describe(e, line)}";
            return false;
        }

        using (doc)
        {
            if (TryDecode(doc.RootElement, out request, out entities, out var why))
            {
                problem = null;
                return true;
            }

            problem = $"is not a valid request: {why}";
            return false;
        }
    }

    private static bool TryDecode(JsonElement root, out CedarRequest? request, out CedarEntities? entities, out string? problem)
    {
        request = null;
        entities = null;
        try
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "expected a JSON object, {\"principal\": ..., \"action\": ..., \"resource\": ...}";
                return false;
            }
            if (!TryUid(root, "principal", out var principal, out problem)
                || !TryUid(root, "action", out var action, out problem)
                || !TryUid(root, "resource", out var resource, out problem)
                || !TryContext(root, out var context, out problem)
                || !TryEntities(root, out entities, out problem))
            {
                return false;
            }
            request = new CedarRequest(principal, action, resource, context);
            return true;
        }
        catch (Exception e) when (e is JsonException or CedarFormatException)
        {
            problem = e.Message;
            return false;
        }
    }

    // Accepts the three spellings people paste: {"type","id"}, Cedar JSON's {"__entity":{...}}, and User::"alice".
    private static bool TryUid(JsonElement root, string name, out EntityUid uid, out string? problem)
    {
        uid = default;
        problem = null;
        if (!root.TryGetProperty(name, out var e))
        {
            problem = $"missing \"{name}\"";
            return false;
        }
        if (e.ValueKind == JsonValueKind.String)
        {
            if (!EntityUidText.TryParse(e.GetString()!, out var t, out var i, out problem))
            {
                problem = $"\"{name}\": {problem}";
                return false;
            }
            uid = new EntityUid(t, i);
            return true;
        }
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("__entity", out var inner))
        {
            e = inner;
        }
        if (e.ValueKind == JsonValueKind.Object
            && e.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            && e.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
        {
            uid = new EntityUid(type.GetString()!, id.GetString()!);
            return true;
        }
        problem = $"\"{name}\" must be {{\"type\": \"...\", \"id\": \"...\"}}";
        return false;
    }

    private static bool TryContext(JsonElement root, out CedarValue? context, out string? problem)
    {
        context = null;
        problem = null;
        if (!root.TryGetProperty("context", out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (e.ValueKind != JsonValueKind.Object)
        {
            problem = "\"context\" must be a JSON object";
            return false;
        }
        context = CedarValue.FromJson(e);
        return true;
    }

    private static bool TryEntities(JsonElement root, out CedarEntities? entities, out string? problem)
    {
        problem = null;
        if (!root.TryGetProperty("entities", out var e) || e.ValueKind == JsonValueKind.Null)
        {
            entities = CedarEntities.FromJson("[]");
            return true;
        }
        if (e.ValueKind != JsonValueKind.Array)
        {
            entities = null;
            problem = "\"entities\" must be a JSON array";
            return false;
        }
        entities = CedarEntities.FromJson(e);
        return true;
    }
}
