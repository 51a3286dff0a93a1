using System.Text.Json.Nodes;

namespace ChatOpsJit.Slack.Tests.StandIn;

public sealed class ChatPostEphemeralTests : StandInTest
{
    [Test]
    public async Task An_ephemeral_message_gets_a_message_ts_and_stays_out_of_the_channel_history()
    {
        Slack.AddChannel("C1");
        var ann = Slack.AddUser("ann@example.com", "ann");

        var reply = await CallAsync("chat.postEphemeral", new JsonObject { ["channel"] = "C1", ["user"] = ann.Id, ["text"] = "only you" });

        Assert.That(reply.Ok, Is.True);
        Assert.That(reply.Text("message_ts"), Does.Match(@"^\d{10}\.\d{6}$"));
        Assert.That(Slack.EphemeralMessages.Single(), Is.EqualTo(new ChatOpsJit.Testing.Slack.SlackEphemeralMessage("C1", ann.Id, reply.Text("message_ts")!, "only you", null)));
        Assert.That(Slack.MessagesIn("C1"), Is.Empty);
    }

    [Test]
    public async Task An_unknown_user_is_user_not_found()
    {
        Slack.AddChannel("C1");

        var reply = await CallAsync("chat.postEphemeral", new JsonObject { ["channel"] = "C1", ["user"] = "U9999999", ["text"] = "x" });

        Assert.That(reply.Error, Is.EqualTo("user_not_found"));
    }

    [Test]
    public async Task A_user_outside_a_DM_is_user_not_in_channel()
    {
        var ann = Slack.AddUser("ann@example.com", "ann");
        var bob = Slack.AddUser("bob@example.com", "bob");
        var dm = (await CallAsync("conversations.open", new JsonObject { ["users"] = ann.Id })).Body["channel"]!["id"]!.GetValue<string>();

        var reply = await CallAsync("chat.postEphemeral", new JsonObject { ["channel"] = dm, ["user"] = bob.Id, ["text"] = "x" });

        Assert.That(reply.Error, Is.EqualTo("user_not_in_channel"));
    }
}
