using System.Text.Json.Nodes;

namespace ChatOpsJit.Slack.Tests.StandIn;

public sealed class ChatUpdateTests : StandInTest
{
    private string _ts = "";

    [SetUp]
    public async Task PostAMessage()
    {
        Slack.AddChannel("C1");
        var posted = await CallAsync("chat.postMessage", new JsonObject { ["channel"] = "C1", ["text"] = "pending", ["blocks"] = SectionBlocks("Pending") });
        _ts = posted.Text("ts")!;
    }

    [Test]
    public async Task An_update_replaces_the_content_and_keeps_the_history()
    {
        var reply = await CallAsync("chat.update", new JsonObject { ["channel"] = "C1", ["ts"] = _ts, ["text"] = "approved", ["blocks"] = SectionBlocks("Approved") });

        Assert.That(reply.Ok, Is.True);
        Assert.That(reply.Text("ts"), Is.EqualTo(_ts));
        Assert.That(reply.Text("text"), Is.EqualTo("approved"));
        var message = Slack.Message("C1", _ts)!;
        Assert.That(message.Text, Is.EqualTo("approved"));
        Assert.That(message.Blocks!.ToJsonString(), Is.EqualTo(SectionBlocks("Approved").ToJsonString()));
        Assert.That(message.UpdateCount, Is.EqualTo(1));
        Assert.That(message.Versions.Select(v => (v.Text, v.Source)), Is.EqualTo(new[] { ("pending", "chat.postMessage"), ("approved", "chat.update") }));
    }

    [Test]
    public async Task Like_Slack_an_update_without_blocks_keeps_the_old_blocks_and_an_empty_array_removes_them()
    {
        await CallAsync("chat.update", new JsonObject { ["channel"] = "C1", ["ts"] = _ts, ["text"] = "new text" });
        var kept = Slack.Message("C1", _ts)!.Blocks;
        await CallAsync("chat.update", new JsonObject { ["channel"] = "C1", ["ts"] = _ts, ["text"] = "no blocks", ["blocks"] = new JsonArray() });

        Assert.That(kept!.ToJsonString(), Is.EqualTo(SectionBlocks("Pending").ToJsonString()));
        Assert.That(Slack.Message("C1", _ts)!.Blocks, Is.Null);
    }

    [Test]
    public async Task An_update_of_a_ts_that_does_not_exist_is_message_not_found()
    {
        var reply = await CallAsync("chat.update", new JsonObject { ["channel"] = "C1", ["ts"] = "1700000000.999999", ["text"] = "x" });

        Assert.That(reply.Error, Is.EqualTo("message_not_found"));
    }

    [Test]
    public async Task An_update_in_an_unknown_channel_is_channel_not_found()
    {
        var reply = await CallAsync("chat.update", new JsonObject { ["channel"] = "C404", ["ts"] = _ts, ["text"] = "x" });

        Assert.That(reply.Error, Is.EqualTo("channel_not_found"));
    }
}
