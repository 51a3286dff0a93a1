using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>Interaction payloads (the JSON in the payload form field): button clicks, modal submissions, option queries.</summary>
public static partial class SlackPayloads
{
    /// <summary>A click on a button in a message the bot posted (block_actions), with the message as Slack echoes it.</summary>
    public static JsonObject BlockActions(
        string userId, string actionId, string value, string responseUrl, string triggerId, string channelId, string messageTs,
        string blockId = "actions", JsonArray? messageBlocks = null) => new()
    {
        ["type"] = "block_actions",
        ["user"] = User(userId),
        ["api_app_id"] = AppId,
        ["token"] = LegacyToken,
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = channelId, ["is_ephemeral"] = false },
        ["trigger_id"] = triggerId,
        ["team"] = Team(),
        ["enterprise"] = null,
        ["is_enterprise_install"] = false,
        ["channel"] = new JsonObject { ["id"] = channelId, ["name"] = ChannelName(channelId) },
        ["message"] = new JsonObject
        {
            ["type"] = "message",
            ["user"] = BotUserId,
            ["ts"] = messageTs,
            ["text"] = "",
            ["blocks"] = messageBlocks?.DeepClone() ?? new JsonArray(),
        },
        ["state"] = new JsonObject { ["values"] = new JsonObject() },
        ["response_url"] = responseUrl,
        ["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = actionId,
            ["block_id"] = blockId,
            ["value"] = value,
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = actionId, ["emoji"] = true },
            ["action_ts"] = NextTs(),
        }),
    };

    /// <summary>
    /// A modal submitted (view_submission). <paramref name="view"/> is the modal as opened (callback_id, private_metadata…);
    /// <paramref name="stateValues"/> is state.values: block_id → action_id → value (see <see cref="State"/>).
    /// </summary>
    public static JsonObject ViewSubmission(string userId, JsonObject view, JsonObject stateValues, string triggerId = "1.2.view-submission")
    {
        var submitted = ModalView(view);
        submitted["state"] = new JsonObject { ["values"] = stateValues.DeepClone() };
        return new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = Team(),
            ["user"] = User(userId),
            ["api_app_id"] = AppId,
            ["token"] = LegacyToken,
            ["trigger_id"] = triggerId,
            ["view"] = submitted,
            ["response_urls"] = new JsonArray(),
            ["is_enterprise_install"] = false,
            ["enterprise"] = null,
        };
    }

    /// <summary>A user typing into an external_select in a modal (block_suggestion), sent to the options load URL.</summary>
    public static JsonObject BlockSuggestion(string userId, string actionId, string blockId, string value, string viewCallbackId) => new()
    {
        ["type"] = "block_suggestion",
        ["user"] = User(userId),
        ["container"] = new JsonObject { ["type"] = "view", ["view_id"] = "V0SUGGEST" },
        ["api_app_id"] = AppId,
        ["token"] = LegacyToken,
        ["action_id"] = actionId,
        ["block_id"] = blockId,
        ["value"] = value,
        ["team"] = Team(),
        ["enterprise"] = null,
        ["is_enterprise_install"] = false,
        ["view"] = ModalView(new JsonObject { ["id"] = "V0SUGGEST", ["callback_id"] = viewCallbackId }),
    };

    /// <summary>state.values from (block_id, action_id, value) triples.</summary>
    public static JsonObject State(params (string BlockId, string ActionId, JsonObject Value)[] inputs)
    {
        var values = new JsonObject();
        foreach (var (blockId, actionId, value) in inputs)
        {
            if (values[blockId] is not JsonObject block)
            {
                values[blockId] = block = new JsonObject();
            }

            block[actionId] = value.DeepClone();
        }

        return values;
    }

    /// <summary>The state of a plain_text_input.</summary>
    public static JsonObject TextInput(string? value) => new() { ["type"] = "plain_text_input", ["value"] = value };

    /// <summary>The state of a static_select or external_select with an option chosen.</summary>
    public static JsonObject SelectedOption(string value, string text, string type = "external_select") => new()
    {
        ["type"] = type,
        ["selected_option"] = new JsonObject
        {
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true },
            ["value"] = value,
        },
    };

    private static JsonObject User(string userId) => new()
    {
        ["id"] = userId,
        ["username"] = UserName(userId),
        ["name"] = UserName(userId),
        ["team_id"] = TeamId,
    };

    private static JsonObject Team() => new() { ["id"] = TeamId, ["domain"] = TeamDomain };

    /// <summary>A modal as Slack echoes it in payloads: the given fields over Slack's defaults.</summary>
    private static JsonObject ModalView(JsonObject view)
    {
        var modal = new JsonObject
        {
            ["id"] = "V0MODAL",
            ["team_id"] = TeamId,
            ["type"] = "modal",
            ["blocks"] = new JsonArray(),
            ["private_metadata"] = "",
            ["callback_id"] = "",
            ["state"] = new JsonObject { ["values"] = new JsonObject() },
            ["hash"] = "1700000000.abcdef12",
            ["app_id"] = AppId,
            ["bot_id"] = "B0TEST",
        };
        foreach (var (name, value) in view)
        {
            modal[name] = value?.DeepClone();
        }

        return modal;
    }
}
