using System.Text.Json.Nodes;
using ChatOpsJit.Teams.Cards;
using ChatOpsJit.Testing.AdaptiveCards;

namespace ChatOpsJit.Teams.Tests.Cards;

/// <summary>
/// Microsoft's own Adaptive Cards library (npm adaptivecards 3.0.6, as a Teams host of version 1.5) parses and validates
/// every card the renderer draws without an event, also read as an older client that falls back to Action.Submit; and
/// the same check is shown to fail on cards Teams would not take. Needs node and <c>npm ci</c> in tests/adaptivecards
/// (./test.sh runs it); without them the tests fail saying so, never pass.
/// </summary>
public sealed class MicrosoftParserTests
{
    /// <summary>Every core card in every view, with a tame and a hostile reason, the stress cards, every prompt and both messages.</summary>
    private static IEnumerable<(string Name, JsonObject Card)> Corpus()
    {
        foreach (var reason in new[] { "deploy hotfix & check <logs>", RequestStates.HostileReason, new string('r', 300) })
        {
            foreach (var (name, card) in RequestStates.AllCards(reason))
            {
                foreach (var (view, rendering) in Views.All())
                {
                    yield return ($"{name} ({view}, reason {reason.Length} chars)", AdaptiveCardRenderer.Render(card, rendering));
                }
            }

            foreach (var (name, prompt, verb) in RequestStates.AllPrompts(reason))
            {
                yield return ($"prompt {name}", AdaptiveCardRenderer.Prompt(prompt, verb, RequestStates.Id));
            }
        }

        foreach (var (name, card) in StressCards.All())
        {
            foreach (var (view, rendering) in Views.All())
            {
                yield return ($"{name} ({view})", AdaptiveCardRenderer.Render(card, rendering));
            }
        }

        yield return ("message", AdaptiveCardRenderer.Message("Request ar-0000002a approved.", problem: false));
        yield return ("problem", AdaptiveCardRenderer.Message(StressCards.Hostile, problem: true));
        yield return ("blank problem", AdaptiveCardRenderer.Message("", problem: true));
    }

    [Test]
    public async Task Every_card_prompt_and_message_parses_and_validates_without_an_event_as_Teams_and_as_an_older_client_reads_it()
    {
        var corpus = Corpus().ToList();

        var checks = await AdaptiveCardParser.CheckAsync(corpus.Select(c => (JsonNode)c.Card));

        var problems = checks.SelectMany(c => AdaptiveCardParser.Problems(c).Select(p => $"{corpus[c.Index].Name}: {p}")).ToList();
        Assert.That(problems, Is.Empty);
        Assert.That(checks, Has.Count.EqualTo(corpus.Count).And.Count.GreaterThan(300));
        Assert.That(checks.Select(c => c.Version), Is.All.EqualTo("1.5"));
    }

    [Test]
    public async Task AssertAllValid_passes_the_renderer_s_cards()
    {
        await AdaptiveCardParser.AssertAllValidAsync([AdaptiveCardRenderer.Render(RequestStates.Cards.Approval(RequestStates.Pending()), Views.Everyone)]);
    }

    private static readonly (string Name, string Json, string Expected)[] Refused =
    [
        ("a CodeBlock, which is not in 1.5", """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"CodeBlock","codeSnippet":"x"}]}""", "UnknownElementType"),
        ("version 1.6", """{"type":"AdaptiveCard","version":"1.6","body":[]}""", "UnsupportedCardVersion"),
        ("seven buttons in one ActionSet", "{\"type\":\"AdaptiveCard\",\"version\":\"1.5\",\"body\":[{\"type\":\"ActionSet\",\"actions\":[" +
            string.Join(',', Enumerable.Range(1, 7).Select(i => $$$"""{"type":"Action.Execute","title":"{{{i}}}","verb":"v","fallback":{"type":"Action.Submit","title":"{{{i}}}"}}""")) + "]}]}",
            "TooManyActions"),
        ("an Action.Execute without a fallback", """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"ActionSet","actions":[{"type":"Action.Execute","title":"Go","verb":"v"}]}]}""",
            "MissingSubmitFallback"),
        ("a misspelt fallback", """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"ActionSet","actions":[{"type":"Action.Execute","title":"Go","verb":"v","fallback":{"type":"Action.Sumbit"}}]}]}""",
            "UnknownActionType"),
        ("a required field without a label or an error message", """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Input.Text","id":"text","isRequired":true}]}""",
            "RequiredInputsShouldHaveLabel"),
        ("a gigantic text", """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"x","size":"gigantic"}]}""", "InvalidPropertyValue"),
        ("a mention no TextBlock holds", """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"RichTextBlock","inlines":[{"type":"TextRun","text":"<at>Ann</at>"}]}],"msteams":{"entities":[{"type":"mention","text":"<at>Ann</at>","mentioned":{"id":"29:a","name":"Ann"}}]}}""",
            "MentionNotInText"),
        ("a malformed mention", """{"type":"AdaptiveCard","version":"1.5","body":[],"msteams":{"entities":[{"type":"mention","text":"Ann"}]}}""", "InvalidMention"),
        ("61 refresh users", """{"type":"AdaptiveCard","version":"1.5","body":[],"refresh":{"action":{"type":"Action.Execute","verb":"refresh"},"userIds":[""" +
            string.Join(',', Enumerable.Range(0, 61).Select(i => $"\"29:{i}\"")) + "]}}", "TooManyRefreshUsers"),
        ("two fields with one id", """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Input.Text","id":"text"},{"type":"Input.Text","id":"text"}]}""", "DuplicateId"),
    ];

    [Test]
    public async Task The_check_fails_on_what_Teams_would_not_take_naming_the_event()
    {
        var oversized = new JsonObject { ["type"] = "AdaptiveCard", ["version"] = "1.5", ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = new string('x', 52_000) }) };

        var checks = await AdaptiveCardParser.CheckAsync(Refused.Select(r => JsonNode.Parse(r.Json)!).Append(oversized));

        for (var i = 0; i < Refused.Length; i++)
        {
            Assert.That(checks[i].Events.Select(e => e.Event), Does.Contain(Refused[i].Expected), Refused[i].Name);
            Assert.That(AdaptiveCardParser.Problems(checks[i]), Is.Not.Empty, Refused[i].Name);
        }
        Assert.That(AdaptiveCardParser.Problems(checks[^1]), Has.One.Contains("UTF-16 bytes, at or over Teams' 102400"));
        var failure = Assert.ThrowsAsync<AssertionException>(() => AdaptiveCardParser.AssertAllValidAsync([JsonNode.Parse(Refused[0].Json)!, JsonNode.Parse(Refused[1].Json)!]));
        Assert.That(failure!.Message, Does.Contain("card 0: UnknownElementType").And.Contain("card 1: UnsupportedCardVersion"));
    }
}
