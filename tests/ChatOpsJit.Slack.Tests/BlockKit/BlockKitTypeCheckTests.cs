using System.Text.Json.Nodes;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Workflow;
using ChatOpsJit.Slack.BlockKit;
using ChatOpsJit.Testing.Slack;

namespace ChatOpsJit.Slack.Tests.BlockKit;

/// <summary>
/// Every kind of payload the Block Kit side draws type-checks against Slack's own TypeScript types (@slack/types), and
/// the check is shown able to fail. Needs node and <c>npm ci</c> in tests/slack-types (./test.sh runs it); without
/// them the tests fail saying so, never pass.
/// </summary>
public sealed class BlockKitTypeCheckTests
{
    private static JsonObject Message(SlackMessage message) => new() { ["text"] = message.Text, ["blocks"] = message.Blocks };

    /// <summary>Every kind of card, the stress cards, both modals (the prompt with and without input), the Home tab and options.</summary>
    private static IEnumerable<(string Kind, JsonNode Payload)> Corpus()
    {
        foreach (var (_, card, mentions) in CardCorpus.Typical())
        {
            yield return (SlackTypeCheck.Message, Message(BlockKitRenderer.Render(card, mentions)));
        }

        foreach (var tone in Enum.GetValues<CardTone>())
        {
            yield return (SlackTypeCheck.Message, Message(BlockKitRenderer.Render(CardCorpus.Approval() with { Tone = tone }, [])));
        }

        foreach (var (card, mentions) in CardCorpus.Generated(42, 40))
        {
            yield return (SlackTypeCheck.Message, Message(BlockKitRenderer.Render(card, mentions)));
        }

        yield return (SlackTypeCheck.Modal, SlackViews.RequestModal("{\"channel\":\"C1\"}"));
        yield return (SlackTypeCheck.Modal, SlackViews.RequestModal("", "web-1"));
        yield return (SlackTypeCheck.Modal, SlackViews.PromptModal(new ActionPrompt("Revoke request ar-0000002a now?", "Access ends at once.", "Revoke"), "m"));
        yield return (SlackTypeCheck.Modal, SlackViews.PromptModal(
            new ActionPrompt("Extend?", CardCorpus.HostileText, "Extend", new PromptInput("How much longer", "e.g. 30m", Required: false, MaxLength: 16)), "m"));
        yield return (SlackTypeCheck.Modal, SlackViews.PromptModal(new ActionPrompt("Reject?", "Why?", "Reject", new PromptInput("Reason", "", Required: true, MaxLength: 256)), ""));
        yield return (SlackTypeCheck.Modal, SlackViews.PromptModal(new ActionPrompt("", "", ""), ""));

        var cards = CardCorpus.Typical().Select(c => c.Card).ToList();
        yield return (SlackTypeCheck.Home, SlackViews.Home(null, [], []));
        yield return (SlackTypeCheck.Home, SlackViews.Home(new ChatCard { Title = "Link your account" }, cards, cards));

        yield return (SlackTypeCheck.Options, SlackViews.OptionsResponse(Enumerable.Range(0, 120).Select(i => ($"web-{i} <prod>", $"i-{i:x8}"))));
        yield return (SlackTypeCheck.Options, SlackViews.OptionsResponse([]));
    }

    [Test]
    public async Task Everything_the_renderer_and_views_draw_type_checks_against_Slack_s_types()
    {
        var corpus = Corpus().ToList();

        var (exitCode, output) = await SlackTypeCheck.RunAsync(corpus);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain($"{corpus.Count} payload(s) type-check"));
    }

    private static IEnumerable<TestCaseData> Wrong()
    {
        TestCaseData Case(string name, string kind, string json, string expected) =>
            new TestCaseData(kind, json, expected).SetName(name);

        yield return Case("a purple button", SlackTypeCheck.Message,
            """{"text":"t","blocks":[{"type":"actions","elements":[{"type":"button","text":{"type":"plain_text","text":"Go"},"action_id":"a","style":"purple"}]}]}""", "purple");
        yield return Case("a misspelt field", SlackTypeCheck.Message,
            """{"text":"t","blocks":[{"type":"section","txt":{"type":"mrkdwn","text":"x"}}]}""", "txt");
        yield return Case("a misspelt block type in a modal", SlackTypeCheck.Modal,
            """{"type":"modal","title":{"type":"plain_text","text":"T"},"blocks":[{"type":"dividr"}]}""", "dividr");
        yield return Case("a header in mrkdwn on the Home tab", SlackTypeCheck.Home,
            """{"type":"home","blocks":[{"type":"header","text":{"type":"mrkdwn","text":"x"}}]}""", "plain_text");
        yield return Case("an option with a mrkdwn text", SlackTypeCheck.Options,
            """{"options":[{"text":{"type":"mrkdwn","text":"x"},"value":"v"}]}""", "plain_text");
    }

    [TestCaseSource(nameof(Wrong))]
    public async Task A_wrong_payload_fails_the_check_naming_its_file(string kind, string json, string expected)
    {
        var payloads = new[] { (SlackTypeCheck.Message, (JsonNode)Message(BlockKitRenderer.Render(CardCorpus.Approval(), []))), (kind, JsonNode.Parse(json)!) };

        var (exitCode, output) = await SlackTypeCheck.RunAsync(payloads);

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain($"0001-{kind}.json").And.Contain(expected));
        Assert.That(output, Does.Not.Contain("0000-message.json"), "only the wrong payload is blamed");
    }

    [Test]
    public void An_unknown_kind_is_refused() =>
        Assert.That(async () => await SlackTypeCheck.RunAsync([("attachment", new JsonObject())]), Throws.ArgumentException);
}
