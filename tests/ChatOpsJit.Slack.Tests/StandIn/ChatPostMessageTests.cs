using System.Text.Json.Nodes;

namespace ChatOpsJit.Slack.Tests.StandIn;

public sealed class ChatPostMessageTests : StandInTest
{
    [Test]
    public async Task A_message_to_a_known_channel_gets_a_unique_increasing_ts_and_is_kept()
    {
        Slack.AddChannel("C1");

        var first = await CallAsync("chat.postMessage", new JsonObject { ["channel"] = "C1", ["text"] = "one" });
        var second = await CallAsync("chat.postMessage", new JsonObject { ["channel"] = "C1", ["text"] = "two" });

        Assert.That(first.Ok, Is.True);
        Assert.That(first.Text("channel"), Is.EqualTo("C1"));
        Assert.That(first.Text("ts"), Does.Match(@"^\d{10}\.\d{6}$"));
        Assert.That(string.CompareOrdinal(second.Text("ts"), first.Text("ts")), Is.GreaterThan(0));
        Assert.That(first.Body["message"]?["text"]?.GetValue<string>(), Is.EqualTo("one"));
        Assert.That(first.Body["message"]?["ts"]?.GetValue<string>(), Is.EqualTo(first.Text("ts")));
        Assert.That(Slack.MessagesIn("C1").Select(m => m.Text), Is.EqualTo(new[] { "one", "two" }));
        Assert.That(Slack.Message("C1", second.Text("ts")!)?.Text, Is.EqualTo("two"));
    }

    [Test]
    public async Task A_channel_the_bot_is_not_in_is_channel_not_found()
    {
        var reply = await CallAsync("chat.postMessage", new JsonObject { ["channel"] = "C404", ["text"] = "hi" });

        Assert.That(reply.Error, Is.EqualTo("channel_not_found"));
        Assert.That(Slack.MessagesIn("C404"), Is.Empty);
    }

    [Test]
    public async Task With_AutoCreateChannels_any_channel_id_is_taken()
    {
        await using var slack = await ChatOpsJit.Testing.Slack.SlackStandIn.StartAsync(new() { AutoCreateChannels = true });
        using var http = new HttpClient { BaseAddress = new Uri(slack.ApiBaseUrl) };

        var reply = await new WebApiClient(http).JsonAsync("chat.postMessage", new JsonObject { ["channel"] = "C777", ["text"] = "hi" }, slack.Options.BotToken);

        Assert.That(reply.Ok, Is.True);
        Assert.That(slack.MessagesIn("C777"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_message_needs_text_or_blocks()
    {
        Slack.AddChannel("C1");

        var reply = await CallAsync("chat.postMessage", new JsonObject { ["channel"] = "C1", ["blocks"] = new JsonArray() });

        Assert.That(reply.Error, Is.EqualTo("no_text"));
    }

    [Test]
    public async Task Blocks_alone_are_enough()
    {
        Slack.AddChannel("C1");

        var reply = await CallAsync("chat.postMessage", new JsonObject { ["channel"] = "C1", ["blocks"] = SectionBlocks("only blocks") });

        Assert.That(reply.Ok, Is.True);
    }

    [Test]
    public async Task A_message_to_a_user_id_goes_to_the_bots_DM_with_them()
    {
        var ann = Slack.AddUser("ann@example.com", "ann");

        var reply = await CallAsync("chat.postMessage", new JsonObject { ["channel"] = ann.Id, ["text"] = "psst" });

        Assert.That(reply.Ok, Is.True);
        Assert.That(reply.Text("channel"), Does.StartWith("D"));
        Assert.That(Slack.DirectMessageChannel(ann.Id), Is.EqualTo(reply.Text("channel")));
        Assert.That(Slack.MessagesIn(reply.Text("channel")!).Single().Text, Is.EqualTo("psst"));
    }

    [Test]
    public async Task Text_longer_than_40000_characters_is_msg_too_long()
    {
        Slack.AddChannel("C1");

        var reply = await CallAsync("chat.postMessage", new JsonObject { ["channel"] = "C1", ["text"] = new string('x', 40_001) });

        Assert.That(reply.Error, Is.EqualTo("msg_too_long"));
    }

    [Test]
    public async Task A_thread_reply_keeps_its_thread_ts()
    {
        Slack.AddChannel("C1");
        var parent = await CallAsync("chat.postMessage", new JsonObject { ["channel"] = "C1", ["text"] = "parent" });

        var reply = await CallAsync("chat.postMessage", new JsonObject { ["channel"] = "C1", ["text"] = "child", ["thread_ts"] = parent.Text("ts") });

        Assert.That(reply.Body["message"]?["thread_ts"]?.GetValue<string>(), Is.EqualTo(parent.Text("ts")));
        Assert.That(Slack.Message("C1", reply.Text("ts")!)?.ThreadTs, Is.EqualTo(parent.Text("ts")));
    }
}
