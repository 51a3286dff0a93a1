using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOpsJit.Teams.Conversations;

/// <summary>
/// Where the bot can post without being spoken to: the service URL, conversation and tenant of an authenticated activity,
/// and for a person their <c>29:</c> id and Entra object id.
/// </summary>
public sealed record ConversationReference(
    Uri ServiceUrl,
    string ConversationId,
    string TenantId,
    string ConversationType,
    string? UserId = null,
    string? AadObjectId = null,
    string? Email = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public bool IsPersonal => ConversationType == "personal";

    public string Write() => JsonSerializer.Serialize(this, Json);

    public static ConversationReference? Read(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ConversationReference>(text, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
