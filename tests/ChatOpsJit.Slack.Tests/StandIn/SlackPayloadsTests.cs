using System.Text.Json.Nodes;
using ChatOpsJit.Testing.Slack;

namespace ChatOpsJit.Slack.Tests.StandIn;

public sealed class SlackPayloadsTests
{
    [Test]
    public void A_slash_command_has_Slacks_fields_in_Slacks_order()
    {
        var fields = SlackPayloads.SlashCommand("U0000001", "i-123 need logs", "http://x/respond/1", "1.2.3");

        Assert.That(fields.Select(f => f.Key), Is.EqualTo(new[]
        {
            "token", "team_id", "team_domain", "channel_id", "channel_name", "user_id", "user_name", "command", "text",
            "api_app_id", "is_enterprise_install", "response_url", "trigger_id",
        }));
        var byName = fields.ToDictionary(f => f.Key, f => f.Value);
        Assert.That(byName["command"], Is.EqualTo("/access"));
        Assert.That(byName["channel_id"], Is.EqualTo("C0CMD"));
        Assert.That(byName["text"], Is.EqualTo("i-123 need logs"));
        Assert.That(byName["is_enterprise_install"], Is.EqualTo("false"));
        Assert.That(byName["team_id"], Is.EqualTo("T0TEST"));
    }

    [Test]
    public void A_slash_command_from_a_DM_names_the_channel_directmessage()
    {
        var fields = SlackPayloads.SlashCommand("U0000001", "", "http://x", "1.2.3", channelId: "D0000001");

        Assert.That(fields.Single(f => f.Key == "channel_name").Value, Is.EqualTo("directmessage"));
    }

    [Test]
    public void Block_actions_carry_the_click_the_message_and_where_to_answer()
    {
        var payload = SlackPayloads.BlockActions("U0000002", "approve", "req-42", "http://x/respond/2", "9.8.7", "D0000001", "1700000000.000100");

        Assert.That(payload["type"]?.GetValue<string>(), Is.EqualTo("block_actions"));
        Assert.That(payload["user"]?["id"]?.GetValue<string>(), Is.EqualTo("U0000002"));
        Assert.That(payload["trigger_id"]?.GetValue<string>(), Is.EqualTo("9.8.7"));
        Assert.That(payload["response_url"]?.GetValue<string>(), Is.EqualTo("http://x/respond/2"));
        Assert.That(payload["container"]?["message_ts"]?.GetValue<string>(), Is.EqualTo("1700000000.000100"));
        Assert.That(payload["container"]?["channel_id"]?.GetValue<string>(), Is.EqualTo("D0000001"));
        Assert.That(payload["message"]?["ts"]?.GetValue<string>(), Is.EqualTo("1700000000.000100"));
        var action = payload["actions"]?[0];
        Assert.That(action?["action_id"]?.GetValue<string>(), Is.EqualTo("approve"));
        Assert.That(action?["value"]?.GetValue<string>(), Is.EqualTo("req-42"));
        Assert.That(action?["type"]?.GetValue<string>(), Is.EqualTo("button"));
        Assert.That(action?["action_ts"]?.GetValue<string>(), Is.Not.Empty);
    }

    [Test]
    public void A_view_submission_keeps_the_callback_id_private_metadata_and_state_values()
    {
        var view = new JsonObject { ["callback_id"] = "request", ["private_metadata"] = "ctx-1" };
        var state = SlackPayloads.State(
            ("node", "node_select", SlackPayloads.SelectedOption("i-123", "web-1 (i-123)")),
            ("reason", "reason_input", SlackPayloads.TextInput("debugging")));

        var payload = SlackPayloads.ViewSubmission("U0000003", view, state);

        Assert.That(payload["type"]?.GetValue<string>(), Is.EqualTo("view_submission"));
        Assert.That(payload["view"]?["type"]?.GetValue<string>(), Is.EqualTo("modal"));
        Assert.That(payload["view"]?["callback_id"]?.GetValue<string>(), Is.EqualTo("request"));
        Assert.That(payload["view"]?["private_metadata"]?.GetValue<string>(), Is.EqualTo("ctx-1"));
        var values = payload["view"]?["state"]?["values"];
        Assert.That(values?["node"]?["node_select"]?["selected_option"]?["value"]?.GetValue<string>(), Is.EqualTo("i-123"));
        Assert.That(values?["reason"]?["reason_input"]?["value"]?.GetValue<string>(), Is.EqualTo("debugging"));
    }

    [Test]
    public void A_block_suggestion_carries_the_query_and_the_modal_it_came_from()
    {
        var payload = SlackPayloads.BlockSuggestion("U0000001", "node_select", "node", "web", "request");

        Assert.That(payload["type"]?.GetValue<string>(), Is.EqualTo("block_suggestion"));
        Assert.That(payload["action_id"]?.GetValue<string>(), Is.EqualTo("node_select"));
        Assert.That(payload["block_id"]?.GetValue<string>(), Is.EqualTo("node"));
        Assert.That(payload["value"]?.GetValue<string>(), Is.EqualTo("web"));
        Assert.That(payload["view"]?["callback_id"]?.GetValue<string>(), Is.EqualTo("request"));
    }

    [Test]
    public void Url_verification_carries_the_challenge()
    {
        var payload = SlackPayloads.UrlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");

        Assert.That(payload["type"]?.GetValue<string>(), Is.EqualTo("url_verification"));
        Assert.That(payload["challenge"]?.GetValue<string>(), Is.EqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));
    }

    [Test]
    public void App_home_opened_is_an_event_callback_for_the_home_tab()
    {
        var payload = SlackPayloads.AppHomeOpened("U0000001", "Ev0001");

        Assert.That(payload["type"]?.GetValue<string>(), Is.EqualTo("event_callback"));
        Assert.That(payload["event_id"]?.GetValue<string>(), Is.EqualTo("Ev0001"));
        Assert.That(payload["event"]?["type"]?.GetValue<string>(), Is.EqualTo("app_home_opened"));
        Assert.That(payload["event"]?["user"]?.GetValue<string>(), Is.EqualTo("U0000001"));
        Assert.That(payload["event"]?["tab"]?.GetValue<string>(), Is.EqualTo("home"));
        Assert.That(payload["event"]?["channel"]?.GetValue<string>(), Does.StartWith("D"));
    }
}
