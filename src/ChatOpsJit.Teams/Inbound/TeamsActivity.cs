using System.Text.Json.Nodes;

namespace ChatOpsJit.Teams.Inbound;

/// <summary>The fields of a Bot Framework activity the bot reads; everything else in the JSON is ignored.</summary>
public sealed record TeamsActivity(
    string Type,
    string? Name,
    string? Id,
    Uri ServiceUrl,
    string? ChannelId,
    TeamsAccount From,
    TeamsAccount Recipient,
    string ConversationId,
    string ConversationType,
    string? TenantId,
    string? Text,
    string? ReplyToId,
    JsonNode? Value,
    JsonObject Raw)
{
    public string? ChannelDataText(params string[] path)
    {
        JsonNode? node = Raw["channelData"];
        foreach (var name in path)
        {
            node = node is JsonObject o ? o[name] : null;
        }

        return node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
    }

    /// <summary>The activity's fields, or null when it lacks what every activity has (type, serviceUrl, conversation, from).</summary>
    public static TeamsActivity? Read(JsonObject raw)
    {
        var type = Text(raw, "type");
        var serviceUrl = Text(raw, "serviceUrl");
        var conversation = raw["conversation"] as JsonObject;
        var conversationId = Text(conversation, "id");
        if (type is null || conversationId is null || !Uri.TryCreate(serviceUrl, UriKind.Absolute, out var service) || service.Scheme is not ("https" or "http"))
        {
            return null;
        }

        var tenant = Text(raw["channelData"]?["tenant"] as JsonObject, "id") ?? Text(conversation, "tenantId");
        return new TeamsActivity(
            type,
            Text(raw, "name"),
            Text(raw, "id"),
            service,
            Text(raw, "channelId"),
            TeamsAccount.Read(raw["from"]),
            TeamsAccount.Read(raw["recipient"]),
            conversationId,
            Text(conversation, "conversationType") ?? "personal",
            tenant,
            Text(raw, "text"),
            Text(raw, "replyToId"),
            raw["value"],
            raw);
    }

    internal static string? Text(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}

/// <summary>A sender or recipient: the <c>29:</c>/<c>28:</c> id, the display name and, for people, the Entra object id.</summary>
public sealed record TeamsAccount(string? Id, string? Name, string? AadObjectId)
{
    public static TeamsAccount Read(JsonNode? node) =>
        new(TeamsActivity.Text(node, "id"), TeamsActivity.Text(node, "name"), TeamsActivity.Text(node, "aadObjectId"));
}
