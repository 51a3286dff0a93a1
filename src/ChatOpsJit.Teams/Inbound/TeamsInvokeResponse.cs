using System.Text.Json.Nodes;

namespace ChatOpsJit.Teams.Inbound;

/// <summary>
/// The body of the HTTP 200 that answers an <c>adaptiveCard/action</c> invoke: a card that replaces the clicker's view,
/// or a message only the clicker sees.
/// </summary>
public static class TeamsInvokeResponse
{
    public static JsonObject Card(JsonObject card) => new()
    {
        ["statusCode"] = 200,
        ["type"] = "application/vnd.microsoft.card.adaptive",
        ["value"] = card,
    };

    public static JsonObject Message(string text) => new()
    {
        ["statusCode"] = 200,
        ["type"] = "application/vnd.microsoft.activity.message",
        ["value"] = text,
    };

    public static JsonObject Error(int status, string code, string message) => new()
    {
        ["statusCode"] = status,
        ["type"] = "application/vnd.microsoft.error",
        ["value"] = new JsonObject { ["code"] = code, ["message"] = message },
    };
}
