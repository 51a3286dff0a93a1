using System.Text.Json.Nodes;
using ChatOpsJit.Testing.Slack;

namespace ChatOpsJit.Slack.Tests.StandIn;

public sealed class BlockCheckTests : StandInTest
{
    private readonly List<(int Count, string Surface)> _checked = [];

    /// <summary>Stands in for BlockKitLimits.Problems: more than two blocks is too many, on every surface.</summary>
    protected override SlackStandInOptions Options()
    {
        // NUnit shares one fixture instance between its tests: each test starts with nothing checked.
        _checked.Clear();
        return new SlackStandInOptions
        {
            CheckBlocks = (blocks, surface) =>
            {
                lock (_checked)
                {
                    _checked.Add((blocks.Count, surface));
                }

                return blocks.Count > 2 ? ["no more than 2 items allowed [json-pointer:/blocks]"] : [];
            },
        };
    }

    [Test]
    public async Task Blocks_the_check_refuses_are_invalid_blocks_with_Slacks_errors_and_nothing_is_posted()
    {
        Slack.AddChannel("C1");
        JsonArray blocks = [.. Enumerable.Range(0, 3).Select(i => SectionBlocks($"b{i}")[0]!.DeepClone())];

        var reply = await CallAsync("chat.postMessage", new JsonObject { ["channel"] = "C1", ["text"] = "t", ["blocks"] = blocks });

        Assert.That(reply.Error, Is.EqualTo("invalid_blocks"));
        Assert.That(reply.Body["errors"]?[0]?.GetValue<string>(), Is.EqualTo("no more than 2 items allowed [json-pointer:/blocks]"));
        Assert.That(reply.Body["response_metadata"]?["messages"]?[0]?.GetValue<string>(), Is.EqualTo("[ERROR] no more than 2 items allowed [json-pointer:/blocks]"));
        Assert.That(Slack.MessagesIn("C1"), Is.Empty);
        Assert.That(Slack.Payloads, Is.Empty);
    }

    [Test]
    public async Task The_check_gets_the_surface_message_modal_or_home()
    {
        Slack.AddChannel("C1");
        var ann = Slack.AddUser("ann@example.com", "ann");
        var title = new JsonObject { ["type"] = "plain_text", ["text"] = "T" };

        var posted = await CallAsync("chat.postMessage", new JsonObject { ["channel"] = "C1", ["blocks"] = SectionBlocks("m") });
        Assert.That(posted.Ok, Is.True, posted.Body.ToJsonString());
        await CallAsync("views.open", new JsonObject { ["trigger_id"] = Slack.NewTriggerId(), ["view"] = new JsonObject { ["type"] = "modal", ["title"] = title, ["blocks"] = SectionBlocks("v") } });
        await CallAsync("views.publish", new JsonObject { ["user_id"] = ann.Id, ["view"] = new JsonObject { ["type"] = "home", ["blocks"] = SectionBlocks("h") } });

        Assert.That(_checked.Select(c => c.Surface), Is.EqualTo(new[] { "message", "modal", "home" }));
    }

    [Test]
    public async Task A_view_with_blocks_the_check_refuses_is_invalid_arguments()
    {
        JsonArray blocks = [.. Enumerable.Range(0, 3).Select(i => SectionBlocks($"b{i}")[0]!.DeepClone())];
        var view = new JsonObject { ["type"] = "modal", ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "T" }, ["blocks"] = blocks };

        var reply = await CallAsync("views.open", new JsonObject { ["trigger_id"] = Slack.NewTriggerId(), ["view"] = view });

        Assert.That(reply.Error, Is.EqualTo("invalid_arguments"));
        Assert.That(reply.Body["errors"]?[0]?.GetValue<string>(), Does.Contain("no more than 2"));
    }

    [Test]
    public async Task A_block_without_a_type_is_invalid_blocks_before_any_check()
    {
        Slack.AddChannel("C1");

        var reply = await CallAsync("chat.postMessage", new JsonObject { ["channel"] = "C1", ["blocks"] = new JsonArray(new JsonObject { ["text"] = "typeless" }) });

        Assert.That(reply.Error, Is.EqualTo("invalid_blocks"));
        Assert.That(reply.Body["errors"]?[0]?.GetValue<string>(), Is.EqualTo("missing required field: type [json-pointer:/blocks/0]"));
        Assert.That(_checked, Is.Empty);
    }

    [Test]
    public async Task Blocks_that_are_not_JSON_are_invalid_blocks_format()
    {
        Slack.AddChannel("C1");

        var reply = await Api.FormAsync("chat.postMessage", [new("channel", "C1"), new("text", "t"), new("blocks", "[{not json")], BotToken);

        Assert.That(reply.Error, Is.EqualTo("invalid_blocks_format"));
    }

    [Test]
    public async Task Accepted_messages_are_recorded_as_text_and_blocks_for_type_checks()
    {
        Slack.AddChannel("C1");

        await CallAsync("chat.postMessage", new JsonObject { ["channel"] = "C1", ["text"] = "fallback", ["blocks"] = SectionBlocks("card") });
        await CallAsync("chat.postMessage", new JsonObject { ["channel"] = "C1", ["text"] = "text only" });

        var (kind, payload) = Slack.Payloads.Single();
        Assert.That(kind, Is.EqualTo("message"));
        Assert.That(payload.ToJsonString(), Is.EqualTo(new JsonObject { ["text"] = "fallback", ["blocks"] = SectionBlocks("card") }.ToJsonString()));
    }
}
