using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Teams;

/// <summary>The activities that are not typed messages: installs and removals, and clicks on Adaptive Card buttons.</summary>
public static partial class TeamsActivities
{
    /// <summary>The bot added to the channel's team by <paramref name="user"/>: a conversationUpdate with the bot in membersAdded.</summary>
    public static JsonObject InstallInTeam(BotFrameworkStandIn standIn, TeamsChannel channel, TeamsUser user, Action<JsonObject>? edit = null)
    {
        var activity = Common(standIn, "conversationUpdate", user, channel.ConversationId);
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = standIn.BotId });
        var data = (JsonObject)activity["channelData"]!;
        data["eventType"] = "teamMemberAdded";
        data["team"] = new JsonObject { ["aadGroupId"] = Guid.NewGuid().ToString(), ["name"] = channel.Name, ["id"] = channel.TeamId };
        return Finish(activity, edit);
    }

    /// <summary>The user installs the bot for themself: an installationUpdate "add" in their 1:1 chat. Writes to them work from now on.</summary>
    public static JsonObject InstallPersonal(BotFrameworkStandIn standIn, TeamsUser user, Action<JsonObject>? edit = null)
    {
        standIn.SetBotInstalled(user, true);
        return Installation(standIn, user, "add", edit);
    }

    /// <summary>The user removes the bot: an installationUpdate "remove". Writes to them are refused from now on.</summary>
    public static JsonObject UninstallPersonal(BotFrameworkStandIn standIn, TeamsUser user, Action<JsonObject>? edit = null)
    {
        standIn.SetBotInstalled(user, false);
        return Installation(standIn, user, "remove", edit);
    }

    /// <summary>
    /// A click on an Action.Execute button (or an automatic refresh): invoke "adaptiveCard/action" with the action's verb
    /// and data (inputs merged in), <paramref name="replyToId"/> naming the message whose card it was. The host must
    /// answer 200 with an invoke response body.
    /// </summary>
    public static JsonObject Invoke(
        BotFrameworkStandIn standIn,
        TeamsUser user,
        string conversationId,
        string replyToId,
        string verb,
        JsonObject data,
        string trigger = "manual",
        Action<JsonObject>? edit = null)
    {
        var activity = Common(standIn, "invoke", user, conversationId);
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = replyToId;
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["id"] = verb, ["verb"] = verb, ["data"] = data.DeepClone() },
            ["trigger"] = trigger,
        };
        activity["entities"] = new JsonArray(ClientInfo());
        ((JsonObject)activity["channelData"]!)["source"] = new JsonObject { ["name"] = "message" };
        return Finish(activity, edit);
    }

    /// <summary>
    /// A click on an Action.Submit button (what clients without Universal Actions send): a message with the action's
    /// data as <c>value</c>, no text of its own, and <paramref name="replyToId"/> naming the card's message.
    /// </summary>
    public static JsonObject SubmitMessage(
        BotFrameworkStandIn standIn,
        TeamsUser user,
        string conversationId,
        string replyToId,
        JsonObject data,
        Action<JsonObject>? edit = null)
    {
        var activity = Common(standIn, "message", user, conversationId);
        activity["text"] = "";
        activity["replyToId"] = replyToId;
        activity["value"] = data.DeepClone();
        activity["entities"] = new JsonArray(ClientInfo());
        ((JsonObject)activity["channelData"]!)["source"] = new JsonObject { ["name"] = "message" };
        return Finish(activity, edit);
    }

    private static JsonObject Installation(BotFrameworkStandIn standIn, TeamsUser user, string action, Action<JsonObject>? edit)
    {
        var activity = Common(standIn, "installationUpdate", user, standIn.PersonalConversationId(user));
        activity["action"] = action;
        return Finish(activity, edit);
    }
}
