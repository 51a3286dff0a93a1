using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Slack.BlockKit;

namespace ChatOpsJit.Slack.Tests.BlockKit;

public sealed class ActionIdTests
{
    [Test]
    public void Every_verb_s_button_reads_back_as_drawn([Values] CardVerb verb)
    {
        var card = new ChatCard { Title = "t", Actions = [new CardAction(verb, "Go", "ar-0000002a", CardAudience.Approvers)] };
        var button = BlockKitRenderer.Render(card, []).Blocks.Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]![0]!;

        var ok = BlockKitRenderer.TryReadAction(button["action_id"]!.GetValue<string>(), button["value"]!.GetValue<string>(), out var read, out var requestId);

        Assert.That(ok, Is.True);
        Assert.That(read, Is.EqualTo(verb.WireName()));
        Assert.That(requestId, Is.EqualTo("ar-0000002a"));
    }

    [Test]
    public void A_request_id_with_colons_reads_back_whole()
    {
        Assert.That(BlockKitRenderer.TryReadAction("reject:ar:1", "ar:1", out var verb, out var id), Is.True);
        Assert.That((verb, id), Is.EqualTo(("reject", "ar:1")));
    }

    [TestCase("approve:ar-1", "ar-2", TestName = "value names another request")]
    [TestCase("approve:ar-1", "ar-1 ", TestName = "value with trailing space")]
    [TestCase("approve:ar-1", "", TestName = "empty value")]
    [TestCase("approve:ar-1", null, TestName = "no value")]
    [TestCase("approve:", "", TestName = "no request id")]
    [TestCase("approve", "ar-1", TestName = "no separator")]
    [TestCase(":ar-1", "ar-1", TestName = "no verb")]
    [TestCase("Approve:ar-1", "ar-1", TestName = "verb in another case")]
    [TestCase(" approve:ar-1", "ar-1", TestName = "verb with a space")]
    [TestCase("delete:ar-1", "ar-1", TestName = "unknown verb")]
    [TestCase("0:ar-1", "ar-1", TestName = "verb as a number")]
    [TestCase("", "ar-1", TestName = "empty action id")]
    public void A_tampered_action_is_refused(string actionId, string? value)
    {
        var ok = BlockKitRenderer.TryReadAction(actionId, value, out var verb, out var requestId);

        Assert.That(ok, Is.False);
        Assert.That((verb, requestId), Is.EqualTo(("", "")));
    }
}
