using System.Text.Json.Nodes;
using ChatOpsJit.Slack.BlockKit;
using ChatOpsJit.Testing.Slack;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios.Slack;

/// <summary>
/// Every Block Kit payload the Slack flows produce type-checks against Slack's published TypeScript types
/// (<c>@slack/types</c>). The stand-in already refuses any that break Block Kit's limits; this checks their shape.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SlackPayloadTypeCheckTests
{
    [Test]
    public async Task Every_payload_of_the_slack_flows_and_of_every_slack_test_run_before_this_one_type_checks_against_slack_types()
    {
        var produced = new List<(string Kind, JsonNode Payload)>();
        await using (var world = await SlackWorld.StartAsync())
        {
            await DriveEverySurfaceAsync(world, produced);
            produced.AddRange(world.Slack.Payloads);
        }

        var all = produced.Concat(SlackWorld.AllPayloads).ToList();
        Assert.That(all.Select(p => p.Kind).Distinct(), Is.SupersetOf(new[] { SlackTypeCheck.Message, SlackTypeCheck.Modal, SlackTypeCheck.Home, SlackTypeCheck.Options }),
            "every kind of surface was produced");

        var (exitCode, output) = await SlackTypeCheck.RunAsync(all);

        Assert.That(exitCode, Is.Zero, output);
        TestContext.Out.WriteLine($"type-checked {all.Count} Slack payloads");
    }

    // Channel cards at two levels, DMs, a rejection through its modal, the request modal (good and bad), options, App Home.
    private static async Task DriveEverySurfaceAsync(SlackWorld world, List<(string Kind, JsonNode Payload)> produced)
    {
        void Answer(JsonObject? body, string kind)
        {
            if (body is not null)
            {
                produced.Add((kind, body));
            }
        }

        var (_, ack) = await world.CommandAsync("dev@example.com", "payments-db-1 " + new string('x', 200) + " &lt;!channel&gt; *bold* `code`");
        Answer(ack, SlackTypeCheck.Message);
        var first = Flow.RequestIdIn((string?)ack!["text"]);
        var card = await world.WaitForMessageAsync(SlackWorld.SecurityChannel, m => m.Text!.Contains(first), "the card");
        await world.ClickAsync("lead@example.com", card, "approve");
        await world.WaitForMessageAsync(SlackWorld.SecurityChannel, m => m.Ts == card.Ts && m.UpdateCount > 0, "level 2");
        card = world.Slack.Message(card.Channel, card.Ts)!;
        await world.ClickAsync("sec@example.com", card, "reject");
        var prompt = await world.WaitForOpenedViewAsync(SlackViews.PromptCallbackId);
        var (_, rejected) = await world.SubmitViewAsync("sec@example.com", prompt,
            SlackPayloads.State((SlackViews.InputBlock, SlackViews.ValueAction, SlackPayloads.TextInput("not today"))));
        Answer(rejected?["view"] as JsonObject, SlackTypeCheck.Modal);

        foreach (var text in new[] { "help", "list", "policies web-1", "status ar-00000000", "bogus words", "web-1" })
        {
            var (_, reply) = await world.CommandAsync("dev@example.com", text);
            Answer(reply, SlackTypeCheck.Message);
        }

        await world.CommandAsync("dev@example.com", "");
        var modal = await world.WaitForOpenedViewAsync(SlackViews.RequestCallbackId);
        var (_, options) = await world.InteractAsync(
            SlackPayloads.BlockSuggestion(world.UserId("dev@example.com"), SlackViews.ValueAction, SlackViews.NodeBlock, "", SlackViews.RequestCallbackId), "/slack/options");
        Answer(options, SlackTypeCheck.Options);
        await world.SubmitViewAsync("dev@example.com", modal, SlackPayloads.State(
            (SlackViews.NodeBlock, SlackViews.ValueAction, SlackPayloads.SelectedOption("i-0abc1234567890aaa", "web-2")),
            (SlackViews.ReasonBlock, SlackViews.ValueAction, SlackPayloads.TextInput("rotate logs"))));

        await world.EventAsync(SlackPayloads.AppHomeOpened(world.UserId("lead@example.com"), "Ev0TYPES1"));
        await world.EventAsync(SlackPayloads.AppHomeOpened(world.UserId("dev@example.com"), "Ev0TYPES2"));
        await world.Slack.WaitForCallAsync(_ => world.Slack.CallCount("views.publish") >= 2, "both homes");
        await Flow.WaitUntilQuietAsync(world.Host);
    }
}
