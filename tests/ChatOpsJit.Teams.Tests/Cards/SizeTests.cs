using System.Text.Json.Nodes;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Teams.Cards;
using static ChatOpsJit.Teams.Tests.Cards.CardJson;

namespace ChatOpsJit.Teams.Tests.Cards;

/// <summary>Every card stays under Teams' message limit with room to spare: under 80 KB as an attachment, counted as UTF-16.</summary>
public sealed class SizeTests
{
    private static int AttachmentBytes(JsonObject card) => CardSize.Utf16Bytes(AdaptiveCardRenderer.Attachment(card));

    [Test]
    public void Utf16Bytes_is_two_bytes_a_UTF16_unit_of_the_JSON_as_System_Text_Json_escapes_it_by_default()
    {
        Assert.That(CardSize.Utf16Bytes(new JsonObject { ["t"] = "ab" }), Is.EqualTo("{\"t\":\"ab\"}".Length * 2));
        Assert.That(CardSize.Utf16Bytes(new JsonObject { ["t"] = "😀<" }), Is.EqualTo("{\"t\":\"\\uD83D\\uDE00\\u003C\"}".Length * 2), "escaped, so never less than Teams counts");
    }

    [Test]
    public void Every_core_card_with_a_300_character_reason_and_fields_naming_twenty_nodes_stays_under_80_KB_in_every_view()
    {
        var reason = string.Concat(Enumerable.Repeat("need to debug the deploy ", 12))[..300];
        var nodes = string.Join(", ", Enumerable.Range(1, 20).Select(i => $"web-{i:D2}.prod.example.internal (i-0abc12345678{i:D4}) · 123456789012/eu-west-1"));

        foreach (var (name, core) in RequestStates.AllCards(reason))
        {
            var card = core with { Fields = [.. core.Fields, new CardField("Nodes", nodes), new CardField("Also", nodes + "\n" + nodes)] };
            foreach (var (view, rendering) in Views.All())
            {
                var drawn = AdaptiveCardRenderer.Render(card, rendering);
                Assert.That(AttachmentBytes(drawn), Is.LessThan(CardSize.Budget), $"{name} ({view})");
                var expected = core.Fields.Any(f => f.Value == reason) ? new[] { reason, nodes } : [nodes];
                Assert.That(RunTexts(drawn), Is.SupersetOf(expected), $"{name} ({view}): nothing of it is cut");
            }
        }
    }

    [Test]
    public void A_huge_card_is_cut_until_it_fits_and_says_it_was_shortened()
    {
        var card = StressCards.Huge() with { Actions = [], Mentions = [] };

        var drawn = AdaptiveCardRenderer.Render(card, CardRendering.Full);

        Assert.That(AttachmentBytes(drawn), Is.LessThan(CardSize.Budget));
        Assert.That(CardSize.Utf16Bytes(AdaptiveCardRenderer.Attachment(drawn)), Is.LessThan(CardSize.TeamsLimit));
        Assert.That(RunTexts(drawn), Does.Contain("Some text was shortened to fit in Teams."));
        Assert.That(RunTexts(drawn), Does.Contain("30 more fields are not shown."));
        Assert.That(OfType(drawn, "ColumnSet").Count(), Is.EqualTo(CardLimitsProbe.MaxFields));
    }

    [Test]
    public void A_card_too_large_even_when_cut_keeps_its_title_and_buttons_and_its_refresh()
    {
        var card = StressCards.Huge();
        var rendering = CardRendering.ForApprover([.. Enumerable.Range(0, 60).Select(i => new TeamsMention($"29:{new string('m', 120)}{i}", string.Concat(Enumerable.Repeat("😀", 50))))],
            [.. Enumerable.Range(0, 60).Select(i => $"29:{new string('u', 120)}{i:D3}")], "ar-00000001");

        var drawn = AdaptiveCardRenderer.Render(card, rendering);

        Assert.That(AttachmentBytes(drawn), Is.LessThan(CardSize.Budget));
        Assert.That(Buttons(drawn), Has.Count.EqualTo(30));
        Assert.That(drawn["refresh"]!["userIds"]!.AsArray(), Has.Count.EqualTo(60));
        Assert.That(RunTexts(drawn).Last(), Is.EqualTo("This card is too large for Teams; only its title and buttons are shown."));
    }

    [Test]
    public void Every_stress_card_in_every_view_fits()
    {
        foreach (var (name, card) in StressCards.All())
        {
            foreach (var (view, rendering) in Views.All())
            {
                Assert.That(AttachmentBytes(AdaptiveCardRenderer.Render(card, rendering)), Is.LessThan(CardSize.Budget), $"{name} ({view})");
            }
        }
    }

    /// <summary>The renderer's field limit, as the test reads it back.</summary>
    private static class CardLimitsProbe
    {
        public const int MaxFields = 50;
    }
}
