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
        var type = Field(raw, "type");
        var serviceUrl = Field(raw, "serviceUrl");
        var conversation = raw["conversation"] as JsonObject;
        var conversationId = Field(conversation, "id");
        if (type is null || conversationId is null || !Uri.TryCreate(serviceUrl, UriKind.Absolute, out var service) || service.Scheme is not ("https" or "http"))
        {
            return null;
        }

        var tenant = Field(raw["channelData"]?["tenant"] as JsonObject, "id") ?? Field(conversation, "tenantId");
        return new TeamsActivity(
            type,
            Field(raw, "name"),
            Field(raw, "id"),
            service,
            Field(raw, "channelId"),
            TeamsAccount.Read(raw["from"]),
            TeamsAccount.Read(raw["recipient"]),
            conversationId,
            Field(conversation, "conversationType") ?? "personal",
            tenant,
            Field(raw, "text"),
            Field(raw, "replyToId"),
            raw["value"],
            raw);
    }

    internal static string? Field(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}

/// <summary>A sender or recipient: the <c>29:</c>/<c>28:</c> id, the display name and, for people, the Entra object id.</summary>
public sealed record TeamsAccount(string? Id, string? Name, string? AadObjectId)
{
    public static TeamsAccount Read(JsonNode? node) =>
        new(TeamsActivity.Field(node, "id"), TeamsActivity.Field(node, "name"), TeamsActivity.Field(node, "aadObjectId"));
}
