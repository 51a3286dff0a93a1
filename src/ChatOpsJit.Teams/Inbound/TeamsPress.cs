using System.Text.Json.Nodes;
using ChatOpsJit.Core.Workflow;

namespace ChatOpsJit.Teams.Inbound;

/// <summary>
/// A button press read from an <c>adaptiveCard/action</c> invoke or its <c>Action.Submit</c> fallback. Only the verb, the
/// request id and what was typed are taken from it: who may do what is the core's call, made from who pressed.
/// </summary>
public sealed record TeamsPress(string Verb, string RequestId, ActionInput? Input)
{
    /// <summary>The verb that asks for a card as it stands now (Teams' refresh, and the prompt's Cancel).</summary>
    public const string Refresh = Cards.CardButtons.RefreshVerb;

    public bool IsRefresh => Verb == Refresh;

    /// <summary>An invoke's <c>value.action</c>: the verb beside the data.</summary>
    public static TeamsPress FromInvoke(JsonNode? value) =>
        From(TeamsActivity.Field(value?["action"], "verb"), value?["action"]?["data"]);

    /// <summary>A Submit fallback's message <c>value</c>: the verb inside the data; null when the message is not a press.</summary>
    public static TeamsPress? FromSubmit(JsonNode? value) =>
        value is JsonObject data && TeamsActivity.Field(data, "verb") is { } verb ? From(verb, data) : null;

    private static TeamsPress From(string? verb, JsonNode? data)
    {
        // Teams approvals say Deny; the core's verb is reject.
        var wire = verb?.Trim().ToLowerInvariant() switch { "deny" => "reject", { } v => v, null => "" };
        var confirmed = data?["confirmed"] is JsonValue c && (c.TryGetValue<bool>(out var b) ? b : c.TryGetValue<string>(out var s) && s == "true");
        var typed = TeamsActivity.Field(data, "text");
        return new TeamsPress(wire, TeamsActivity.Field(data, "requestId") ?? "", confirmed ? ActionInput.Confirm(typed) : null);
    }
}
