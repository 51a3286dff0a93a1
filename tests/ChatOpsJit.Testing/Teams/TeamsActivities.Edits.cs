using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Teams;

/// <summary>Ready-made edits for the activity builders: what a test changes most, written once.</summary>
public static partial class TeamsActivities
{
    /// <summary>Says the activity comes from another tenant: conversation.tenantId and channelData.tenant.id both.</summary>
    public static Action<JsonObject> Tenant(string tenantId) => activity =>
    {
        if (activity["conversation"] is JsonObject conversation)
        {
            conversation["tenantId"] = tenantId;
        }

        if (activity["channelData"] is JsonObject data)
        {
            data["tenant"] = new JsonObject { ["id"] = tenantId };
        }
    };

    /// <summary>Gives the activity another serviceUrl (a region's, or one the host must not trust).</summary>
    public static Action<JsonObject> ServiceUrl(string serviceUrl) => activity => activity["serviceUrl"] = serviceUrl;

    /// <summary>Sets or replaces one top-level field (null writes a JSON null; see <see cref="Without"/> to drop it).</summary>
    public static Action<JsonObject> With(string field, JsonNode? value) => activity => activity[field] = value?.DeepClone();

    /// <summary>Leaves a top-level field out.</summary>
    public static Action<JsonObject> Without(string field) => activity => activity.Remove(field);
}
