using System.Text.Json.Nodes;
using ChatOpsJit.Teams.Cards;
using static ChatOpsJit.Teams.Tests.Cards.CardJson;

namespace ChatOpsJit.Teams.Tests.Cards;

/// <summary>
/// What a requester types can never become a link, an image, a mention, bold, a list or a heading on any card, in any
/// view: checked on the rendered JSON, the way Teams would read it.
/// </summary>
public sealed class TextSafetyTests
{
    private static IEnumerable<(string Name, JsonObject Card)> HostileCards()
    {
        foreach (var (name, card) in RequestStates.AllCards(RequestStates.HostileReason))
        {
            foreach (var (view, rendering) in Views.All())
            {
                yield return ($"{name} ({view})", AdaptiveCardRenderer.Render(card, rendering));
            }
        }
        foreach (var (name, prompt, verb) in RequestStates.AllPrompts(RequestStates.HostileReason))
        {
            yield return ($"prompt {name}", AdaptiveCardRenderer.Prompt(prompt, verb, RequestStates.Id));
        }
        foreach (var (name, card) in StressCards.All())
        {
            yield return (name, AdaptiveCardRenderer.Render(card, Views.Everyone));
        }
        yield return ("message", AdaptiveCardRenderer.Message(StressCards.Hostile, problem: true));
    }

    [Test]
    public void No_link_or_image_markup_survives_intact_anywhere_in_any_card()
    {
        foreach (var (name, card) in HostileCards())
        {
            var links = Strings(card).Where(s => s.Value.Contains("](", StringComparison.Ordinal));
            var bareUrls = Strings(card).Where(s => s.Key != "$schema" && !IsCode(card, s.Value) &&
                (s.Value.Contains("://", StringComparison.Ordinal) || s.Value.Contains("www.", StringComparison.OrdinalIgnoreCase)));
            Assert.That(links.Select(s => s.Value), Is.Empty, $"{name}: a link or image");
            Assert.That(bareUrls.Select(s => s.Value), Is.Empty, $"{name}: a bare URL outside a command");
        }
    }

    [Test]
    public void No_mention_markup_stands_anywhere_but_the_renderer_s_own_mention_line_and_its_entities()
    {
        foreach (var (name, card) in HostileCards())
        {
            var line = (string?)MentionLine(card)?["text"];
            var entityTexts = Entities(card).Select(e => (string?)e["text"]).ToHashSet();
            var markup = Strings(card).Where(s => Count(s.Value, "<at") > 0 && s.Value != line && !entityTexts.Contains(s.Value)).Select(s => s.Value);
            Assert.That(markup, Is.Empty, name);
            if (line is not null)
            {
                Assert.That(Count(line, "<at"), Is.EqualTo(Entities(card).Count), $"{name}: one <at> per entity on the line");
                Assert.That(Count(line, "</at"), Is.EqualTo(Entities(card).Count), name);
            }
        }
    }

    [Test]
    public void A_hostile_reason_leaves_the_mentions_exactly_as_a_tame_one_does()
    {
        var tame = RequestStates.AllCards().ToList();
        var hostile = RequestStates.AllCards(RequestStates.HostileReason).ToList();

        for (var i = 0; i < tame.Count; i++)
        {
            var a = AdaptiveCardRenderer.Render(tame[i].Card, Views.Everyone);
            var b = AdaptiveCardRenderer.Render(hostile[i].Card, Views.Everyone);
            Assert.That(JsonNode.DeepEquals(a["msteams"], b["msteams"]), Is.True, tame[i].Name);
            Assert.That((string?)MentionLine(b)?["text"], Is.EqualTo((string?)MentionLine(a)?["text"]), tame[i].Name);
        }
    }

    [Test]
    public void The_only_Markdown_texts_on_any_card_are_the_mention_line_and_error_messages_and_they_hold_no_emphasis_list_or_heading()
    {
        foreach (var (name, card) in HostileCards())
        {
            var markdown = Objects(card).Where(o => Type(o) is "TextBlock" or "FactSet").ToList();
            Assert.That(markdown.Select(o => (string?)o["id"]), Is.All.EqualTo("mentions"), $"{name}: user text goes into TextRuns, which Teams never reads as Markdown");
            // An input's error message is drawn as a TextBlock too.
            var errorMessages = Objects(card).Where(o => Type(o) == "Input.Text" && o.ContainsKey("errorMessage")).Select(o => (string)o["errorMessage"]!);
            foreach (var text in markdown.Select(o => (string)o["text"]!).Concat(errorMessages))
            {
                Assert.That(text, Does.Not.Match(@"[*_~`]"), name);
                Assert.That(text.Split('\n'), Has.All.Not.Match(@"^\s*([-+#>]|\d+[.)])"), name);
            }
        }
    }

    [Test]
    public void The_hostile_reason_still_reads_as_typed_on_the_approval_card()
    {
        var drawn = AdaptiveCardRenderer.Render(RequestStates.Cards.Approval(RequestStates.Pending(RequestStates.HostileReason)), Views.Approver);

        Assert.That(RunTexts(drawn), Is.SupersetOf(TeamsText.Lines(RequestStates.HostileReason)), "invisible joiners only: nothing is removed or replaced");
    }

    [Test]
    public void A_date_macro_of_Microsoft_s_renderer_in_user_text_is_not_expanded()
    {
        var drawn = AdaptiveCardRenderer.Render(StressCards.Everywhere(StressCards.Hostile), Views.Approver);

        Assert.That(Strings(drawn).Select(s => s.Value), Has.None.Contains("{{DATE("));
    }

    // Commands are kept copyable: a URL in them stays whole (a TextRun is never linkified by the schema's rules).
    private static bool IsCode(JsonObject card, string text) =>
        OfType(card, "TextRun").Any(r => (string?)r["fontType"] == "Monospace" && (string?)r["text"] == text);
}
