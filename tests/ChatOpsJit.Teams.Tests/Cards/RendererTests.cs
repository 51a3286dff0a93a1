using System.Text.Json.Nodes;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Teams.Cards;
using static ChatOpsJit.Teams.Tests.Cards.CardJson;

namespace ChatOpsJit.Teams.Tests.Cards;

/// <summary>What the renderer draws from a card: the envelope, the parts in Slack's order, the buttons and the refresh.</summary>
public sealed class RendererTests
{
    private static JsonObject PendingCard(CardRendering rendering) => AdaptiveCardRenderer.Render(RequestStates.Cards.Approval(RequestStates.Pending()), rendering);

    [Test]
    public void Every_card_is_a_1_5_Adaptive_Card_at_full_width_with_its_buttons_in_the_body_and_none_at_the_top()
    {
        foreach (var (name, card) in RequestStates.AllCards().Concat(StressCards.All()))
        {
            var drawn = AdaptiveCardRenderer.Render(card, Views.Approver);

            Assert.That((string?)drawn["type"], Is.EqualTo("AdaptiveCard"), name);
            Assert.That((string?)drawn["version"], Is.EqualTo("1.5"), name);
            Assert.That((string?)drawn["$schema"], Is.EqualTo("http://adaptivecards.io/schemas/adaptive-card.json"), name);
            Assert.That((string?)drawn["msteams"]?["width"], Is.EqualTo("Full"), name);
            Assert.That(drawn.ContainsKey("actions"), Is.False, $"{name}: Teams advises ActionSets in the body, which older clients honour with fallbacks");
        }
    }

    [Test]
    public void An_attachment_carries_the_card_under_the_adaptive_content_type_and_copies_a_card_attached_elsewhere()
    {
        var card = PendingCard(CardRendering.Full);

        var first = AdaptiveCardRenderer.Attachment(card);
        var second = AdaptiveCardRenderer.Attachment(card);

        Assert.That((string?)first["contentType"], Is.EqualTo("application/vnd.microsoft.card.adaptive"));
        Assert.That(first["content"], Is.SameAs(card));
        Assert.That(second["content"], Is.Not.SameAs(card));
        Assert.That(JsonNode.DeepEquals(first["content"], second["content"]), Is.True);
    }

    [Test]
    public void The_parts_come_in_Slack_s_order_title_text_fields_code_mentions_buttons_footer()
    {
        var card = new ChatCard
        {
            Title = "T", Text = "X", Fields = [new CardField("L", "V")], Code = "C", Footer = "F",
            Actions = [new CardAction(CardVerb.Revoke, "B", "ar-1", CardAudience.Requester)],
            Mentions = [new CardMention("G", CardMentionKind.Group)],
        };

        var body = AdaptiveCardRenderer.Render(card, CardRendering.Full)["body"]!.AsArray().Select(e => e!.AsObject()).ToList();

        Assert.That(body.Select(e => Type(e)), Is.EqualTo(new[] { "RichTextBlock", "RichTextBlock", "ColumnSet", "Container", "TextBlock", "ActionSet", "RichTextBlock" }));
        Assert.That(body.Select(e => string.Concat(RunTexts(new JsonObject { ["body"] = new JsonArray(e.DeepClone()) }))),
            Is.EqualTo(new[] { "T", "X", "LV", "C", "", "", "F" }));
    }

    [TestCase(CardTone.Pending, "⏳ ", "Accent")]
    [TestCase(CardTone.Good, "✅ ", "Good")]
    [TestCase(CardTone.Bad, "⛔ ", "Attention")]
    [TestCase(CardTone.Warning, "⚠️ ", "Warning")]
    [TestCase(CardTone.Neutral, "", null)]
    public void The_title_is_large_and_bold_with_the_tone_s_sign_as_on_Slack_and_its_colour(CardTone tone, string sign, string? color)
    {
        var title = OfType(AdaptiveCardRenderer.Render(new ChatCard { Title = "Access request ar-1: Pending", Tone = tone }, CardRendering.Full), "TextRun").First();

        Assert.That(Seen((string)title["text"]!), Is.EqualTo(sign + "Access request ar-1: Pending"));
        Assert.That(((string?)title["size"], (string?)title["weight"], (string?)title["color"]), Is.EqualTo(("Large", "Bolder", color)));
    }

    [Test]
    public void Fields_are_rows_of_a_bold_label_and_the_value_s_lines_never_a_FactSet_whose_texts_Teams_reads_as_Markdown()
    {
        var drawn = AdaptiveCardRenderer.Render(RequestCards.Ended(RequestStates.Ended(AccessRequestState.Revoked)), CardRendering.Full);

        Assert.That(OfType(drawn, "FactSet"), Is.Empty);
        var row = OfType(drawn, "ColumnSet").Last();
        var columns = row["columns"]!.AsArray();
        Assert.That(RunTexts(new JsonObject { ["body"] = columns[0]!.DeepClone() }), Is.EqualTo(new[] { "Sessions that could not be ended" }));
        Assert.That((string?)OfType(new JsonObject { ["body"] = columns[0]!.DeepClone() }, "TextRun").Single()["weight"], Is.EqualTo("Bolder"));
        Assert.That(RunTexts(new JsonObject { ["body"] = columns[1]!.DeepClone() }), Is.EqualTo(new[] { "s-0123: AccessDenied", "s-0456: timed out" }), "one block per line");
    }

    [Test]
    public void The_credentials_are_monospace_one_line_a_block_and_read_exactly_as_the_core_wrote_them_so_they_paste_and_run()
    {
        var card = RequestCards.Credentials(RequestStates.Active(), RequestStates.Credentials);

        var drawn = AdaptiveCardRenderer.Render(card, CardRendering.Full);

        var code = OfType(drawn, "Container").Single(c => (string?)c["style"] == "emphasis");
        var runs = OfType(new JsonObject { ["body"] = code.DeepClone() }, "TextRun").ToList();
        Assert.That(runs.Select(r => (string?)r["fontType"]), Is.All.EqualTo("Monospace"));
        Assert.That(string.Join('\n', runs.Select(r => (string)r["text"]!)).Replace("\u00A0", "", StringComparison.Ordinal), Is.EqualTo(card.Code),
            "underscores, <, >, + and {{.x}} are kept, and so is the blank line: no character is added or changed");
    }

    [Test]
    public void Blank_parts_are_drawn_as_on_Slack_an_untitled_title_a_dash_for_an_empty_value_and_nothing_for_blank_text()
    {
        var drawn = AdaptiveCardRenderer.Render(StressCards.Blank(), CardRendering.Full);

        var texts = RunTexts(drawn);
        Assert.That(texts[0], Is.EqualTo("(untitled)"));
        Assert.That(texts, Is.EqualTo(new[] { "(untitled)", "—", "value only", "label only", "—" }));
        Assert.That(OfType(drawn, "Container"), Is.Empty, "a blank command draws no code block");
    }

    [Test]
    public void Every_text_of_every_core_card_is_on_the_Teams_card_as_on_Slack()
    {
        foreach (var (name, card) in RequestStates.AllCards())
        {
            var drawn = AdaptiveCardRenderer.Render(card, CardRendering.Full);
            var seen = string.Join('\n', RunTexts(drawn).Concat(Buttons(drawn).Select(b => Seen((string)b["title"]!))));

            var expected = new[] { card.Title, card.Text, card.Footer ?? "" }
                .Concat(card.Fields.SelectMany(f => new[] { f.Label, f.Value }))
                .Concat(card.Actions.Select(a => a.Label))
                .Concat(TeamsText.Lines(card.Code ?? ""))
                .SelectMany(TeamsText.Lines).Where(t => !TeamsText.IsBlank(t));
            foreach (var text in expected)
            {
                Assert.That(seen, Does.Contain(text), $"{name}: {text}");
            }
            Assert.That(seen, Does.Not.Contain("shortened"), $"{name} is not cut");
        }
    }

    [Test]
    public void Each_button_is_an_Action_Execute_with_its_verb_and_request_and_an_Action_Submit_fallback_carrying_the_verb_in_its_data()
    {
        var buttons = Buttons(PendingCard(Views.Approver));

        Assert.That(buttons.Select(b => ((string?)b["type"], (string?)b["title"], (string?)b["verb"], (string?)b["style"], (string?)b["data"]!["requestId"])), Is.EqualTo(new[]
        {
            ("Action.Execute", "Approve", "approve", "positive", RequestStates.Id),
            ("Action.Execute", "Reject", "reject", "destructive", RequestStates.Id),
        }));
        foreach (var button in buttons)
        {
            var fallback = button["fallback"]!.AsObject();
            Assert.That((string?)fallback["type"], Is.EqualTo("Action.Submit"));
            Assert.That(((string?)fallback["title"], (string?)fallback["style"]), Is.EqualTo(((string?)button["title"], (string?)button["style"])));
            Assert.That(JsonNode.DeepEquals(fallback["data"], new JsonObject { ["verb"] = (string?)button["verb"], ["requestId"] = RequestStates.Id }), Is.True, fallback.ToJsonString());
        }
    }

    [Test]
    public void Approver_buttons_are_hidden_in_the_view_for_everyone_and_drawn_in_the_approver_s()
    {
        Assert.That(Buttons(PendingCard(Views.Everyone)), Is.Empty);
        Assert.That(Buttons(PendingCard(Views.Approver)).Select(b => (string?)b["verb"]), Is.EqualTo(new[] { "approve", "reject" }));
        Assert.That(Buttons(PendingCard(CardRendering.Full)), Has.Count.EqualTo(2));
    }

    [Test]
    public void The_requester_s_buttons_are_drawn_in_every_view()
    {
        var card = RequestStates.Cards.Granted(RequestStates.Active());

        foreach (var (view, rendering) in Views.All())
        {
            Assert.That(Buttons(AdaptiveCardRenderer.Render(card, rendering)).Select(b => (string?)b["verb"]), Is.EqualTo(new[] { "credentials", "extend", "revoke" }), view);
        }
    }

    [Test]
    public void Buttons_come_six_to_an_ActionSet_at_most_thirty_and_a_line_says_how_many_were_left_out()
    {
        var drawn = AdaptiveCardRenderer.Render(StressCards.ManyButtons(20), CardRendering.Full);

        var sets = OfType(drawn, "ActionSet").Select(s => s["actions"]!.AsArray().Count).ToList();
        Assert.That(sets, Is.EqualTo(new[] { 6, 6, 6, 6, 6 }), "Teams shows six in a row; more go to an overflow menu or, on older clients, nowhere");
        Assert.That(RunTexts(drawn), Does.Contain("10 more buttons are not shown."));
    }

    [Test]
    public void A_button_without_a_usable_request_id_or_repeating_another_is_left_out_and_a_blank_label_shows_the_verb()
    {
        var buttons = Buttons(AdaptiveCardRenderer.Render(StressCards.Blank(), CardRendering.Full));

        Assert.That(buttons.Select(b => ((string?)b["title"], (string?)b["data"]!["requestId"])), Is.EqualTo(new[] { ("approve", "ar-00000005") }));
    }

    [Test]
    public void The_refresh_lists_the_approvers_at_most_sixty_each_once_and_asks_about_the_card_s_request()
    {
        var many = Enumerable.Range(0, 80).Select(i => $"29:user-{i}").Prepend("29:user-0").Append("").Append("29: spaced").ToList();

        var drawn = PendingCard(CardRendering.ForEveryone([], many));

        var refresh = drawn["refresh"]!;
        Assert.That(refresh["userIds"]!.AsArray().Select(u => (string?)u), Is.EqualTo(Enumerable.Range(0, 60).Select(i => $"29:user-{i}")));
        Assert.That(((string?)refresh["action"]!["type"], (string?)refresh["action"]!["verb"], (string?)refresh["action"]!["data"]!["requestId"]),
            Is.EqualTo(("Action.Execute", "refresh", RequestStates.Id)), "the request of the buttons, though the everyone view draws none");
    }

    [Test]
    public void Without_one_request_among_the_buttons_the_refresh_asks_about_the_rendering_s_request_or_is_left_out()
    {
        var noButtons = RequestCards.Rejected(RequestStates.Rejected());
        var several = StressCards.ManyButtons(2);

        Assert.That((string?)AdaptiveCardRenderer.Render(noButtons, CardRendering.ForEveryone([], Views.ApproverIds, "ar-77"))["refresh"]?["action"]?["data"]?["requestId"], Is.EqualTo("ar-77"));
        Assert.That((string?)AdaptiveCardRenderer.Render(several, CardRendering.ForEveryone([], Views.ApproverIds, "ar-77"))["refresh"]?["action"]?["data"]?["requestId"], Is.EqualTo("ar-77"),
            "buttons for two requests name neither for the whole card");
        Assert.That(AdaptiveCardRenderer.Render(noButtons, CardRendering.ForEveryone([], Views.ApproverIds))["refresh"], Is.Null, "no request to ask about");
        Assert.That(AdaptiveCardRenderer.Render(several, CardRendering.ForEveryone([], Views.ApproverIds))["refresh"], Is.Null);
    }

    [Test]
    public void A_view_that_hides_the_approvers_buttons_keeps_a_manual_refresh_when_nobody_could_be_listed()
    {
        var everyone = PendingCard(CardRendering.ForEveryone([], []))["refresh"];

        Assert.That(everyone?["userIds"]?.AsArray(), Is.Empty, "an empty list: Teams offers Refresh card in the menu instead of refreshing by itself");
        Assert.That((string?)everyone?["action"]?["verb"], Is.EqualTo("refresh"));
        Assert.That(PendingCard(CardRendering.Full)["refresh"], Is.Null, "a view with every button needs no refresh");
    }
}
