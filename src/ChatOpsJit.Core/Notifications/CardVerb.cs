using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOpsJit.Core.Notifications;

/// <summary>What a card button asks the core to do; written on the wire in lowercase (<c>approve</c>, <c>reject-extension</c>, …).</summary>
[JsonConverter(typeof(CardVerbJsonConverter))]
public enum CardVerb
{
    /// <summary>Approve the level now deciding.</summary>
    Approve,
    /// <summary>An approver turns the request down (it ends <c>Rejected</c>; <c>Denied</c> is kept for a refusal by policy).</summary>
    Reject,
    /// <summary>End an active grant now.</summary>
    Revoke,
    /// <summary>The requester withdraws a pending request.</summary>
    Cancel,
    /// <summary>The requester asks for temporary credentials, answered privately.</summary>
    Credentials,
    /// <summary>The requester asks for more time on an active grant.</summary>
    Extend,
    /// <summary>Approve the level now deciding an extension.</summary>
    ApproveExtension,
    /// <summary>Turn an extension down; the grant keeps its end.</summary>
    RejectExtension,
}

/// <summary>Parsing a verb from a button's payload: only the known lowercase names, never a number.</summary>
public static class CardVerbs
{
    public static string WireName(this CardVerb verb) => verb switch
    {
        CardVerb.ApproveExtension => "approve-extension",
        CardVerb.RejectExtension => "reject-extension",
        _ => verb.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// Verbs whose press first asks the presser to confirm (and maybe type something): the core answers an unconfirmed
    /// press with a prompt, or with a refusal for someone who may not do it, so nobody is asked to confirm in vain.
    /// </summary>
    public static bool Prompts(this CardVerb verb) => verb is CardVerb.Reject or CardVerb.Revoke or CardVerb.Extend or CardVerb.RejectExtension;

    public static bool TryParse(string? text, out CardVerb verb)
    {
        foreach (var known in Enum.GetValues<CardVerb>())
        {
            if (string.Equals(text?.Trim(), known.WireName(), StringComparison.OrdinalIgnoreCase))
            {
                verb = known;
                return true;
            }
        }

        verb = default;
        return false;
    }

    public static string Known => string.Join(", ", Enum.GetValues<CardVerb>().Select(v => v.WireName()));
}

/// <summary>Writes a <see cref="CardVerb"/> as its lowercase wire name.</summary>
public sealed class CardVerbJsonConverter : JsonConverter<CardVerb>
{
    public override CardVerb Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        CardVerbs.TryParse(reader.GetString(), out var verb) ? verb : throw new JsonException($"unknown card verb; expected one of {CardVerbs.Known}");

    public override void Write(Utf8JsonWriter writer, CardVerb value, JsonSerializerOptions options) => writer.WriteStringValue(value.WireName());
}
