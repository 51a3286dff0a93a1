using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Slack.BlockKit;

namespace ChatOpsJit.Slack.Tests.BlockKit;

/// <summary>Nothing a user typed can mention, link or ping anyone, and whatever the card, Slack takes the message.</summary>
public sealed partial class RendererSafetyTests
{
    private const string Tokens = "<!channel> <!here> <@U123> <@U123ABC|ann> <#C1|general> <https://evil.example|click> <http://x.example> <!subteam^S1>";

    [Test]
    public void No_string_anywhere_carries_a_token_from_user_text()
    {
        var card = CardCorpus.Hostile(Tokens) with { Actions = [new CardAction(CardVerb.Approve, Tokens, "ar-1", CardAudience.Approvers)] };

        var message = BlockKitRenderer.Render(card, ["U999AAA", "<!channel>", "U1|x"]);

        var strings = JsonWalk.Strings(message.Blocks).Select(s => s.Value).Append(message.Text).ToList();
        Assert.That(strings, Has.None.Contain("<!").And.None.Contain("<#").And.None.Contain("<http"));
        // The only <@ is the mention drawn from the ids the adapter resolved.
        var mentions = strings.SelectMany(s => Regex.Matches(s, "<@[^>]*>").Select(m => m.Value)).ToList();
        Assert.That(mentions, Is.EqualTo(new[] { "<@U999AAA>" }));
        Assert.That(strings.Where(s => s.Contains("<@", StringComparison.Ordinal)), Is.EqualTo(new[] { "For: <@U999AAA>" }));
    }

    [Test]
    public void Every_drawn_text_is_escaped_and_mrkdwn_is_verbatim([Range(0, 3)] int seed)
    {
        foreach (var (card, mentions) in CardCorpus.Generated(seed, 100))
        {
            var message = BlockKitRenderer.Render(card, mentions);

            AssertSafe(message.Blocks, message.Text);
        }
    }

    [Test]
    public void Generated_cards_always_pass_every_limit([Range(0, 7)] int seed)
    {
        var capped = 0;
        foreach (var (card, mentions) in CardCorpus.Generated(1000 + seed, 60))
        {
            var message = BlockKitRenderer.Render(card, mentions);
            capped += message.Blocks.Count == BlockKitLimits.MessageBlocks ? 1 : 0;

            Assert.That(BlockKitLimits.Problems(message.Blocks, BlockSurface.Message), Is.Empty, card.ToString());
            Assert.That(BlockKitLimits.MessageProblems(message.Text, message.Blocks), Is.Empty, card.ToString());
            Assert.That(message.Blocks[0]!["type"]!.GetValue<string>(), Is.EqualTo("header"));
            AssertActionsReadBack(message.Blocks);
        }
        Assert.That(capped, Is.GreaterThan(0), "the generator must reach the 50-block cap, or the cap goes untested");
    }

    [Test]
    public void Every_typical_card_passes_every_limit_and_is_safe()
    {
        foreach (var (name, card, mentions) in CardCorpus.Typical())
        {
            var message = BlockKitRenderer.Render(card, mentions);

            Assert.That(BlockKitLimits.MessageProblems(message.Text, message.Blocks), Is.Empty, name);
            AssertSafe(message.Blocks, message.Text);
            AssertActionsReadBack(message.Blocks);
        }
    }

    // Any '<' in drawn text opens a valid user mention; any '&' starts one of the three entities; mrkdwn is verbatim.
    internal static void AssertSafe(JsonNode blocks, string text)
    {
        foreach (var drawn in JsonWalk.Texts(blocks).Append(text))
        {
            Assert.That(ValidMention().Replace(drawn, ""), Does.Not.Contain("<").And.Not.Contain(">"), drawn);
            Assert.That(SlackTextTests.EntitiesWhole(drawn), Is.True, drawn);
        }

        foreach (var mrkdwn in TextObjects(blocks).Where(t => t["type"]?.GetValue<string>() == "mrkdwn"))
        {
            Assert.That(mrkdwn["verbatim"]?.GetValue<bool>(), Is.True, mrkdwn.ToJsonString());
        }
    }

    // Every button Slack sends back reads as the verb and request it was drawn for.
    private static void AssertActionsReadBack(JsonArray blocks)
    {
        foreach (var button in blocks.Where(b => b!["type"]!.GetValue<string>() == "actions").SelectMany(b => b!["elements"]!.AsArray()))
        {
            var actionId = button!["action_id"]!.GetValue<string>();
            Assert.That(BlockKitRenderer.TryReadAction(actionId, button["value"]!.GetValue<string>(), out var verb, out var id), Is.True, actionId);
            Assert.That($"{verb}:{id}", Is.EqualTo(actionId));
        }
    }

    private static IEnumerable<JsonObject> TextObjects(JsonNode? node) => node switch
    {
        JsonObject obj when obj["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && obj["text"]?.GetValueKind() == System.Text.Json.JsonValueKind.String =>
            [obj],
        JsonObject obj => obj.SelectMany(p => TextObjects(p.Value)),
        JsonArray array => array.SelectMany(TextObjects),
        _ => [],
    };

    [GeneratedRegex("<@[UW][A-Z0-9]{2,}>")]
    private static partial Regex ValidMention();
}
