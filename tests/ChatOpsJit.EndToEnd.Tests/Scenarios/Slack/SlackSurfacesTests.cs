using System.Net;
using System.Text.Json.Nodes;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Slack.BlockKit;
using ChatOpsJit.Testing.Slack;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios.Slack;

/// <summary>The request modal with its node picker, App Home, and the Events API handshake.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SlackSurfacesTests
{
    private const string Requester = "dev@example.com";

    [Test]
    public async Task Access_with_no_text_opens_the_request_modal_with_the_trigger_id()
    {
        await using var world = await SlackWorld.StartAsync();

        var (response, body) = await world.CommandAsync(Requester, "");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Is.Null, "an empty ack: the modal is the answer");
        var modal = await world.WaitForOpenedViewAsync(SlackViews.RequestCallbackId);
        Assert.That(SlackWorld.Text(modal), Does.Contain("external_select"));
        Assert.That(world.Slack.Calls.Single(c => c.Method == "views.open").Ok, Is.True, "Slack accepted the trigger id and the view");
    }

    [TestCase("web-", new[] { "i-0abc1234567890def", "i-0abc1234567890aaa" })]
    [TestCase("web", new[] { "i-0abc1234567890def", "i-0abc1234567890aaa", "i-0dev0000000000001" })]
    [TestCase("Team=payments", new[] { "i-0db00000000000001" })]
    [TestCase("onprem", new[] { "mi-0123456789abcdef0" })]
    [TestCase("no-such-thing", new string[0])]
    public async Task The_node_picker_searches_the_inventory_by_id_name_and_tag(string query, string[] expected)
    {
        await using var world = await SlackWorld.StartAsync();

        var (response, body) = await world.InteractAsync(
            SlackPayloads.BlockSuggestion(world.UserId(Requester), SlackViews.ValueAction, SlackViews.NodeBlock, query, SlackViews.RequestCallbackId), "/slack/options");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var values = body!["options"]!.AsArray().Select(o => (string)o!["value"]!).ToList();
        Assert.That(values, Is.EquivalentTo(expected));
        Assert.That(BlockKitLimits.OptionsProblems(body), Is.Empty);
    }

    [Test]
    public async Task Submitting_the_modal_makes_the_same_request_as_the_typed_command_with_the_reason_taken_whole()
    {
        await using var world = await SlackWorld.StartAsync();
        await world.CommandAsync(Requester, "");
        var modal = await world.WaitForOpenedViewAsync(SlackViews.RequestCallbackId);

        var (response, body) = await world.SubmitViewAsync(Requester, modal, Form("i-0abc1234567890def", "warm the cache for 2h as root", "30m"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Is.Null, "the modal closes: " + SlackWorld.Text(body));
        var answer = await world.Slack.WaitForResponseAsync(p => SlackWorld.Text(p.Body).Contains("sent to"), "the answer where /access was typed");
        var id = Flow.RequestIdIn(SlackWorld.Text(answer.Body));
        var request = (await world.Host.Get<IAccessRequestStore>().FindAsync(id))!;
        Assert.That((request.NodeName, request.Reason, request.Duration, request.RunAs),
            Is.EqualTo(("web-1", "warm the cache for 2h as root", TimeSpan.FromMinutes(30), (string?)null)));
        await world.WaitForMessageAsync(SlackWorld.PlatformChannel, m => m.Text!.Contains(id), "the approval card");
    }

    [TestCase("", "disk full", "", "node")]
    [TestCase("i-0abc1234567890def", "", "", "reason")]
    [TestCase("i-0abc1234567890def", "x", "forever", "duration")]
    [TestCase("i-0ffffffffffffffff", "disk full", "", "node")]
    [TestCase("i-0old0000000000001", "disk full", "", "node")]
    public async Task A_mistake_in_the_modal_shows_under_its_field_and_stores_nothing(string node, string reason, string duration, string field)
    {
        await using var world = await SlackWorld.StartAsync();
        await world.CommandAsync(Requester, "");
        var modal = await world.WaitForOpenedViewAsync(SlackViews.RequestCallbackId);

        var (_, body) = await world.SubmitViewAsync(Requester, modal, Form(node, reason, duration));

        Assert.That((string?)body!["response_action"], Is.EqualTo("errors"));
        var errors = body["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.EqualTo(new[] { field }), SlackWorld.Text(body));
        Assert.That((string)errors[field]!, Is.Not.Empty);
        Assert.That(await world.Host.Get<IAccessRequestStore>().ListAsync(new RequestQuery(Limit: 10)), Is.Empty);
    }

    [Test]
    public async Task App_home_shows_the_approver_what_waits_for_them_and_a_press_there_decides_and_redraws_it()
    {
        await using var world = await SlackWorld.StartAsync();
        var (_, ack) = await world.CommandAsync(Requester, "web-1 disk full");
        var id = Flow.RequestIdIn((string?)ack!["text"]);
        var lead = world.UserId("lead@example.com");

        await world.EventAsync(SlackPayloads.AppHomeOpened(lead, "Ev0001"));
        await world.EventAsync(SlackPayloads.AppHomeOpened(world.UserId(Requester), "Ev0002"));

        await world.Slack.WaitForCallAsync(c => c.Method == "views.publish" && c.Arg("user_id") == lead, "the approver's home");
        var home = world.Slack.HomeView(lead)!;
        Assert.That(SlackWorld.Buttons(home["blocks"]!.AsArray()).Select(b => b.ActionId), Is.EquivalentTo(new[] { $"approve:{id}", $"reject:{id}" }));
        await world.Slack.WaitForCallAsync(c => c.Method == "views.publish" && c.Arg("user_id") == world.UserId(Requester), "the requester's home");
        Assert.That(SlackWorld.Text(world.Slack.HomeView(world.UserId(Requester))), Does.Contain(id).And.Contain("disk full"));
        Assert.That(SlackWorld.Buttons(world.Slack.HomeView(world.UserId(Requester))!["blocks"]!.AsArray()).Select(b => b.ActionId), Has.None.StartsWith("approve"),
            "the requester is offered no approval of their own request");

        var press = SlackPayloads.BlockActions(lead, $"approve:{id}", id, "", world.Slack.NewTriggerId(), "D0HOME", "1.1");
        press.Remove("response_url");
        press.Remove("message");
        press.Remove("channel");
        press["container"] = new JsonObject { ["type"] = "view", ["view_id"] = "V0HOME" };
        press["view"] = new JsonObject { ["id"] = "V0HOME", ["type"] = "home", ["blocks"] = home["blocks"]!.DeepClone() };
        var (response, _) = await world.InteractAsync(press);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Flow.WaitForStateAsync(world.Host, id, AccessRequestState.Active);
        await world.Slack.WaitForCallAsync(c => c.Method == "views.publish" && c.Arg("user_id") == lead && !SlackWorld.Text(c.Arguments).Contains($"approve:{id}"),
            "the approver's home redrawn without the decided request");
        await world.Slack.WaitForCallAsync(c => c.Method == "views.open" && SlackWorld.Text(c.Arguments).Contains(id), "the answer, in a modal");
    }

    [Test]
    public async Task Url_verification_is_answered_with_its_challenge_and_a_repeated_event_is_acted_on_once()
    {
        await using var world = await SlackWorld.StartAsync();

        var (_, challenge) = await world.EventAsync(SlackPayloads.UrlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));
        var retried = SlackPayloads.AppHomeOpened(world.UserId(Requester), "Ev0RETRY");
        await world.EventAsync(retried);
        await world.Slack.WaitForCallAsync(c => c.Method == "views.publish", "the home");
        using var retry = SlackRequestSigner.SignedJson(world.Host.BaseUrl + "/slack/events", SlackWorld.SigningSecret, retried, world.Now).AsRetry(1);
        using var again = await world.Host.Http.SendAsync(retry);
        await world.EventAsync(SlackPayloads.AppHomeOpened(world.UserId(Requester), "Ev0OTHER"));
        await world.Slack.WaitForCallAsync(_ => world.Slack.CallCount("views.publish") >= 2, "the second home");

        Assert.That((string?)challenge!["challenge"], Is.EqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a retry is acked so Slack stops");
        Assert.That(world.Slack.CallCount("views.publish"), Is.EqualTo(2), "Ev0RETRY once and Ev0OTHER once");
    }

    private static JsonObject Form(string node, string reason, string duration)
    {
        var inputs = new List<(string, string, JsonObject)>
        {
            (SlackViews.ReasonBlock, SlackViews.ValueAction, SlackPayloads.TextInput(reason.Length == 0 ? null : reason)),
            (SlackViews.DurationBlock, SlackViews.ValueAction, SlackPayloads.TextInput(duration.Length == 0 ? null : duration)),
        };
        inputs.Add((SlackViews.NodeBlock, SlackViews.ValueAction, node.Length == 0
            ? new JsonObject { ["type"] = "external_select", ["selected_option"] = null }
            : SlackPayloads.SelectedOption(node, node)));
        return SlackPayloads.State(inputs.ToArray());
    }
}
