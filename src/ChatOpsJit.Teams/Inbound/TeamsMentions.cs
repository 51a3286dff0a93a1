using System.Text.Json.Nodes;

namespace ChatOpsJit.Teams.Inbound;

/// <summary>
/// A message's text without the bot's @mention. The mention is found through the activity's <c>entities</c> (the one whose
/// <c>mentioned.id</c> is the bot), never by guessing at names in the text; when Teams leaves the entity's text out (it
/// does for names with an ampersand), <c>&lt;at&gt;{bot name}&lt;/at&gt;</c> is removed instead.
/// </summary>
public static class TeamsMentions
{
    public static string StripBot(TeamsActivity activity)
    {
        var text = activity.Text ?? "";
        foreach (var entity in (activity.Raw["entities"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (TeamsActivity.Field(entity, "type") != "mention" || TeamsActivity.Field(entity["mentioned"], "id") is not { } id ||
                !string.Equals(id, activity.Recipient.Id, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var markup = TeamsActivity.Field(entity, "text")
                         ?? $"<at>{TeamsActivity.Field(entity["mentioned"], "name") ?? activity.Recipient.Name}</at>";
            text = text.Replace(markup, " ", StringComparison.OrdinalIgnoreCase);
        }

        return text.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("&nbsp;", " ", StringComparison.Ordinal).Trim();
    }
}
