using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Teams;

/// <summary>A message the bot posted, with every version PUT over it (the last is current); a copy, safe to read and change.</summary>
/// <param name="ConversationId">Where it lives: the 1:1 chat's id, or "{channel};messageid={root}" for the thread it is in.</param>
/// <param name="ReplyToId">The activity it answered, from the path or the body, when it named one.</param>
public sealed record PostedActivity(
    string Id,
    string ConversationId,
    string? ReplyToId,
    IReadOnlyList<JsonObject> Versions,
    bool Deleted,
    DateTimeOffset PostedAt)
{
    /// <summary>The activity as it stands now.</summary>
    public JsonObject Activity => Versions[^1];

    public string? Text => TeamsJson.Text(Activity, "text");

    /// <summary>The Adaptive Cards the current version carries.</summary>
    public IReadOnlyList<JsonObject> Cards => TeamsJson.Cards(Activity);

    /// <summary>The current version's first Adaptive Card; fails when it has none.</summary>
    public JsonObject Card => Cards.Count > 0 ? Cards[0] : throw new InvalidOperationException($"message {Id} carries no Adaptive Card: {Activity.ToJsonString()}");

    /// <summary>How many times the message was replaced after it was posted.</summary>
    public int UpdateCount => Versions.Count - 1;

    public override string ToString() => $"{Id} in {ConversationId}{(Deleted ? " (deleted)" : "")}: v{Versions.Count} {Summary(Activity)}";

    private static string Summary(JsonObject activity)
    {
        var text = TeamsJson.Text(activity, "text");
        var cards = TeamsJson.Cards(activity).Count;
        return $"\"{(text is { Length: > 60 } ? text[..60] + "…" : text)}\"{(cards > 0 ? $" +{cards} card(s)" : "")}";
    }
}
