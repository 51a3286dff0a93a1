using System.Text.Json.Nodes;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Workflow;
using ChatOpsJit.Teams.Cards;
using static ChatOpsJit.Teams.Tests.Cards.CardJson;

namespace ChatOpsJit.Teams.Tests.Cards;

/// <summary>The prompt the core asks before a press, and the one-line message, as cards.</summary>
public sealed class PromptAndMessageTests
{
    private static readonly ActionPrompt RejectPrompt = RequestStates.AllPrompts().First(p => p.Name == "reject").Prompt;

    [Test]
    public void A_prompt_shows_its_title_and_text_and_a_text_field_as_the_core_describes_it()
    {
        var drawn = AdaptiveCardRenderer.Prompt(RejectPrompt, CardVerb.Reject, RequestStates.Id);

        Assert.That(RunTexts(drawn), Is.EqualTo(new[] { RejectPrompt.Title, RejectPrompt.Text }));
        var input = OfType(drawn, "Input.Text").Single();
        Assert.That(((string?)input["id"], Seen((string)input["label"]!), Seen((string)input["placeholder"]!), (bool?)input["isRequired"], (int?)input["maxLength"], (bool?)input["isMultiline"]),
            Is.EqualTo(("text", "Reason (optional; the requester sees it)", "e.g. use the staging box first", false, 256, true)));
        Assert.That(input.ContainsKey("errorMessage"), Is.False, "an optional field has nothing to complain about");
    }

    [Test]
    public void A_required_short_field_is_single_line_with_an_error_message()
    {
        var drawn = AdaptiveCardRenderer.Prompt(new ActionPrompt("Extend?", "", "Extend", new PromptInput("How much longer", "", true, 16)), CardVerb.Extend, RequestStates.Id);

        var input = OfType(drawn, "Input.Text").Single();
        Assert.That(((bool?)input["isRequired"], (bool?)input["isMultiline"], Seen((string)input["errorMessage"]!)), Is.EqualTo((true, false, "How much longer is required.")));
        Assert.That(input.ContainsKey("placeholder"), Is.False);
    }

    [Test]
    public void Confirm_presses_the_verb_again_confirmed_and_Cancel_asks_for_the_card_as_it_stands_without_the_field()
    {
        var buttons = Buttons(AdaptiveCardRenderer.Prompt(RejectPrompt, CardVerb.Reject, RequestStates.Id));

        Assert.That(buttons.Select(b => ((string?)b["title"], (string?)b["verb"], (string?)b["style"], (string?)b["associatedInputs"])), Is.EqualTo(new[]
        {
            ("Reject", "reject", "destructive", (string?)null),
            ("Cancel", "refresh", null, "none"),
        }));
        Assert.That(JsonNode.DeepEquals(buttons[0]["data"], new JsonObject { ["requestId"] = RequestStates.Id, ["confirmed"] = true }), Is.True);
        Assert.That(JsonNode.DeepEquals(buttons[0]["fallback"]!["data"], new JsonObject { ["verb"] = "reject", ["requestId"] = RequestStates.Id, ["confirmed"] = true }), Is.True);
        Assert.That(JsonNode.DeepEquals(buttons[1]["data"], new JsonObject { ["requestId"] = RequestStates.Id }), Is.True);
        Assert.That(((string?)buttons[1]["fallback"]!["type"], (string?)buttons[1]["fallback"]!["associatedInputs"]), Is.EqualTo(("Action.Submit", "none")));
    }

    [TestCase(CardVerb.Reject, "destructive")]
    [TestCase(CardVerb.RejectExtension, "destructive")]
    [TestCase(CardVerb.Revoke, "destructive")]
    [TestCase(CardVerb.Extend, "positive")]
    public void The_confirm_button_warns_for_what_cannot_be_undone(CardVerb verb, string style)
    {
        var confirm = Buttons(AdaptiveCardRenderer.Prompt(new ActionPrompt("Sure?", "", "Yes"), verb, RequestStates.Id))[0];

        Assert.That(((string?)confirm["verb"], (string?)confirm["style"]), Is.EqualTo((verb.WireName(), style)));
    }

    [Test]
    public void A_blank_prompt_still_asks_and_offers_Confirm_and_a_prompt_without_input_has_no_field()
    {
        var drawn = AdaptiveCardRenderer.Prompt(new ActionPrompt(" ", "", ""), CardVerb.Revoke, RequestStates.Id);

        Assert.That(RunTexts(drawn), Is.EqualTo(new[] { "Confirm" }));
        Assert.That(Buttons(drawn).Select(b => (string?)b["title"]), Is.EqualTo(new[] { "Confirm", "Cancel" }));
        Assert.That(OfType(drawn, "Input.Text"), Is.Empty);
    }

    [TestCase("")]
    [TestCase("ar 1")]
    [TestCase("ar-\u00e9")]
    public void A_prompt_is_refused_for_what_is_no_request_id(string requestId)
    {
        Assert.Throws<ArgumentException>(() => AdaptiveCardRenderer.Prompt(RejectPrompt, CardVerb.Reject, requestId));
    }

    [Test]
    public void A_message_is_one_text_without_buttons_and_a_problem_is_marked_in_bold_attention()
    {
        var done = AdaptiveCardRenderer.Message("Request ar-1 approved.", problem: false);
        var refused = AdaptiveCardRenderer.Message("only lead@example.com can approve ar-1.", problem: true);

        Assert.That(RunTexts(done), Is.EqualTo(new[] { "Request ar-1 approved." }));
        Assert.That(Buttons(done), Is.Empty);
        var run = OfType(refused, "TextRun").Single();
        Assert.That(((string?)run["color"], (string?)run["weight"]), Is.EqualTo(("Attention", "Bolder")));
        Assert.That(OfType(refused, "TextBlock"), Is.Empty, "not Markdown: a refusal may quote what the presser sent");
    }

    [Test]
    public void A_message_quoting_hostile_text_shows_it_as_typed_and_makes_no_mention_or_link()
    {
        var drawn = AdaptiveCardRenderer.Message(StressCards.Hostile, problem: true);

        Assert.That(RunTexts(drawn), Is.EqualTo(TeamsText.Lines(StressCards.Hostile)));
        Assert.That(Strings(drawn).Select(s => s.Value), Has.None.Contains("<at").IgnoreCase.And.None.Contains("]("));
        Assert.That(Entities(drawn), Is.Empty);
    }
}
