using System.Text.Json.Nodes;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Slack.BlockKit;

namespace ChatOpsJit.Slack.Tests.BlockKit;

public sealed class BlockKitRendererTests
{
    private static JsonArray Render(ChatCard card, params string[] mentions) => BlockKitRenderer.Render(card, mentions).Blocks;

    private static string Type(JsonNode? block) => block!["type"]!.GetValue<string>();

    private static string Str(JsonNode? node) => node!.GetValue<string>();

    private static List<JsonObject> OfType(JsonArray blocks, string type) => blocks.Where(b => Type(b) == type).Cast<JsonObject>().ToList();

    [Test]
    public void A_card_is_drawn_header_text_fields_code_mentions_actions_footer_in_order()
    {
        var card = CardCorpus.Approval() with { Code = "ssh web-1" };

        var blocks = Render(card, "U0LEAD001");

        Assert.That(blocks.Select(Type), Is.EqualTo(new[] { "header", "section", "section", "section", "context", "actions", "context" }));
        Assert.That(blocks[2]!["fields"], Is.Not.Null);
        Assert.That(Str(blocks[3]!["text"]!["text"]), Does.StartWith("```"));
        Assert.That(Str(blocks[4]!["elements"]![0]!["text"]), Is.EqualTo("For: <@U0LEAD001>"));
    }

    [TestCase(CardTone.Pending, "⏳ Title")]
    [TestCase(CardTone.Good, "✅ Title")]
    [TestCase(CardTone.Bad, "⛔ Title")]
    [TestCase(CardTone.Warning, "⚠️ Title")]
    [TestCase(CardTone.Neutral, "Title")]
    public void The_header_is_the_title_after_the_tone_s_emoji(CardTone tone, string expected)
    {
        var header = Render(new ChatCard { Title = "Title", Tone = tone })[0]!;

        Assert.That(Type(header), Is.EqualTo("header"));
        Assert.That(Str(header["text"]!["type"]), Is.EqualTo("plain_text"));
        Assert.That(Str(header["text"]!["text"]), Is.EqualTo(expected));
    }

    [Test]
    public void A_long_title_is_cut_to_the_header_s_150()
    {
        var text = Str(Render(new ChatCard { Title = new string('t', 400), Tone = CardTone.Good })[0]!["text"]!["text"]);

        Assert.That(text, Has.Length.EqualTo(150).And.StartWith("✅ ttt").And.EndWith("…"));
    }

    [Test]
    public void A_blank_title_still_draws_a_header_since_Slack_refuses_empty_text() =>
        Assert.That(Str(Render(new ChatCard { Title = " " })[0]!["text"]!["text"]), Is.EqualTo("(untitled)"));

    [Test]
    public void The_text_is_an_escaped_verbatim_mrkdwn_section_cut_to_3000()
    {
        var blocks = Render(new ChatCard { Title = "t", Text = "a <b> & c" });
        var longer = Render(new ChatCard { Title = "t", Text = new string('&', 5000) });

        var text = blocks[1]!["text"]!;
        Assert.That(Str(text["type"]), Is.EqualTo("mrkdwn"));
        Assert.That(text["verbatim"]!.GetValue<bool>(), Is.True);
        Assert.That(Str(text["text"]), Is.EqualTo("a &lt;b&gt; &amp; c"));
        Assert.That(Str(longer[1]!["text"]!["text"]), Has.Length.LessThanOrEqualTo(3000).And.EndWith("&amp;…"));
    }

    [Test]
    public void Fields_are_bold_label_and_value_in_sections_of_ten()
    {
        var card = new ChatCard { Title = "t", Fields = Enumerable.Range(1, 25).Select(i => new CardField($"L{i} <x>", $"v{i} & y")).ToList() };

        var sections = OfType(Render(card), "section");

        Assert.That(sections.Select(s => s["fields"]!.AsArray().Count), Is.EqualTo(new[] { 10, 10, 5 }));
        var first = sections[0]["fields"]![0]!;
        Assert.That(Str(first["text"]), Is.EqualTo("*L1 &lt;x&gt;*\nv1 &amp; y"));
        Assert.That(Str(first["type"]), Is.EqualTo("mrkdwn"));
        Assert.That(first["verbatim"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public void A_long_field_is_cut_to_2000_with_its_label_kept()
    {
        var card = new ChatCard { Title = "t", Fields = [new CardField("Reason", new string('r', 10_000))] };

        var text = Str(OfType(Render(card), "section")[0]["fields"]![0]!["text"]);

        Assert.That(text, Has.Length.EqualTo(2000).And.StartWith("*Reason*\nrrr").And.EndWith("…"));
    }

    [Test]
    public void A_field_with_a_blank_label_or_value_draws_no_stray_markup()
    {
        var card = new ChatCard { Title = "t", Fields = [new CardField("", "value"), new CardField("Label", "")] };

        var fields = OfType(Render(card), "section")[0]["fields"]!.AsArray().Select(f => Str(f!["text"])).ToList();

        Assert.That(fields, Is.EqualTo(new[] { "value", "*Label*\n—" }));
    }

    [Test]
    public void Code_is_a_fenced_escaped_block()
    {
        var card = new ChatCard { Title = "t", Code = "echo '<x>' && ls" };

        var text = Str(OfType(Render(card), "section")[0]["text"]!["text"]);

        Assert.That(text, Is.EqualTo("```\necho '&lt;x&gt;' &amp;&amp; ls\n```"));
    }

    [Test]
    public void A_fence_inside_the_code_cannot_close_the_block_early()
    {
        var card = new ChatCard { Title = "t", Code = "a ``` *b* ```` `c`" };

        var text = Str(OfType(Render(card), "section")[0]["text"]!["text"]);

        Assert.That(text, Is.EqualTo("```\na ˋˋˋ *b* ˋˋˋˋ `c`\n```"));
        Assert.That(text[3..^3], Does.Not.Contain("```"));
    }

    [Test]
    public void Long_code_is_cut_inside_the_fence()
    {
        var text = Str(OfType(Render(new ChatCard { Title = "t", Code = new string('c', 5000) }), "section")[0]["text"]!["text"]);

        Assert.That(text, Has.Length.LessThanOrEqualTo(3000).And.StartWith("```\n").And.EndWith("…\n```"));
    }

    [Test]
    public void Only_valid_user_ids_are_mentioned_each_once()
    {
        var blocks = Render(new ChatCard { Title = "t" }, "U123ABC", "<!channel>", "U1|x", "W0GRID", "u123abc", "U123ABC>", "U123ABC\n", "U1", "", "U123ABC");

        Assert.That(Str(OfType(blocks, "context").Single()["elements"]![0]!["text"]), Is.EqualTo("For: <@U123ABC> <@W0GRID>"));
    }

    [Test]
    public void No_valid_id_means_no_mention_block()
    {
        Assert.That(OfType(Render(new ChatCard { Title = "t" }, "<!channel>", "U1|x"), "context"), Is.Empty);
        Assert.That(OfType(Render(new ChatCard { Title = "t" }), "context"), Is.Empty);
    }

    [Test]
    public void Many_mentions_stay_in_one_element_within_3000_and_say_how_many_more()
    {
        var ids = Enumerable.Range(0, 500).Select(i => $"U{i:D9}").ToArray();

        var context = OfType(Render(new ChatCard { Title = "t" }, ids), "context").Single();

        var text = Str(context["elements"]![0]!["text"]);
        Assert.That(context["elements"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(text, Has.Length.LessThanOrEqualTo(3000).And.Match(@" and \d+ more$"));
        var shown = System.Text.RegularExpressions.Regex.Matches(text, "<@U").Count;
        Assert.That(text, Does.EndWith($" and {500 - shown} more"));
    }

    [Test]
    public void Buttons_carry_verb_and_request_in_the_action_id_and_the_request_in_the_value()
    {
        var buttons = OfType(Render(CardCorpus.Approval("ar-0000002a")), "actions").Single()["elements"]!.AsArray();

        Assert.That(buttons.Select(b => Str(b!["action_id"])), Is.EqualTo(new[] { "approve:ar-0000002a", "reject:ar-0000002a" }));
        Assert.That(buttons.Select(b => Str(b!["value"])), Is.All.EqualTo("ar-0000002a"));
        Assert.That(buttons.Select(b => Str(b!["style"])), Is.EqualTo(new[] { "primary", "danger" }));
        Assert.That(buttons.Select(b => Str(b!["text"]!["text"])), Is.EqualTo(new[] { "Approve", "Reject" }));
        Assert.That(buttons.Select(b => b!["confirm"]), Is.All.Null, "prompting verbs are confirmed through the core's prompt, not a dialog");
    }

    [Test]
    public void A_default_button_has_no_style_and_a_blank_label_falls_back_to_the_verb()
    {
        var card = new ChatCard { Title = "t", Actions = [new CardAction(CardVerb.ApproveExtension, " ", "ar-1", CardAudience.Approvers)] };

        var button = OfType(Render(card), "actions").Single()["elements"]![0]!.AsObject();

        Assert.That(button.ContainsKey("style"), Is.False);
        Assert.That(Str(button["text"]!["text"]), Is.EqualTo("approve-extension"));
    }

    [Test]
    public void Sixty_buttons_make_three_actions_blocks_with_unique_ids()
    {
        var card = new ChatCard { Title = "t", Actions = Enumerable.Range(0, 60).Select(i => new CardAction(CardVerb.Approve, "A", $"ar-{i:x8}", CardAudience.Approvers)).ToList() };

        var actions = OfType(Render(card), "actions");

        Assert.That(actions.Select(a => a["elements"]!.AsArray().Count), Is.EqualTo(new[] { 25, 25, 10 }));
        Assert.That(actions.Select(a => Str(a["block_id"])), Is.EqualTo(new[] { "actions-1", "actions-2", "actions-3" }));
    }

    [Test]
    public void Buttons_for_several_requests_have_unique_action_ids_and_a_repeat_is_dropped()
    {
        var card = new ChatCard
        {
            Title = "t",
            Actions =
            [
                new CardAction(CardVerb.Approve, "A", "ar-1", CardAudience.Approvers),
                new CardAction(CardVerb.Approve, "A", "ar-2", CardAudience.Approvers),
                new CardAction(CardVerb.Reject, "R", "ar-1", CardAudience.Approvers),
                new CardAction(CardVerb.Approve, "again", "ar-1", CardAudience.Approvers),
            ],
        };

        var ids = OfType(Render(card), "actions").Single()["elements"]!.AsArray().Select(b => Str(b!["action_id"]));

        Assert.That(ids, Is.EqualTo(new[] { "approve:ar-1", "approve:ar-2", "reject:ar-1" }));
    }

    [Test]
    public void A_button_Slack_could_not_carry_is_left_out()
    {
        var card = new ChatCard
        {
            Title = "t",
            Actions = [new CardAction(CardVerb.Approve, "A", "", CardAudience.Approvers), new CardAction(CardVerb.Approve, "A", new string('r', 300), CardAudience.Approvers)],
        };

        Assert.That(OfType(Render(card), "actions"), Is.Empty);
    }

    [Test]
    public void The_footer_is_an_escaped_context()
    {
        var footer = OfType(Render(new ChatCard { Title = "t", Footer = "by <@U1> & co" }), "context").Single();

        Assert.That(Str(footer["elements"]![0]!["text"]), Is.EqualTo("by &lt;@U1&gt; &amp; co"));
        Assert.That(footer["elements"]![0]!["verbatim"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public void The_notification_text_is_the_escaped_title_and_text()
    {
        Assert.That(BlockKitRenderer.Render(new ChatCard { Title = "A <b>", Text = "c & d" }, []).Text, Is.EqualTo("A &lt;b&gt;: c &amp; d"));
        Assert.That(BlockKitRenderer.Render(new ChatCard { Title = "Only" }, []).Text, Is.EqualTo("Only"));
        Assert.That(BlockKitRenderer.Render(new ChatCard { Title = "" }, []).Text, Is.EqualTo("(untitled)"));
        Assert.That(BlockKitRenderer.Render(new ChatCard { Title = "t", Text = new string('x', 10_000) }, []).Text, Has.Length.LessThanOrEqualTo(3000));
    }

    [Test]
    public void Too_many_blocks_drop_trailing_fields_first_and_say_so()
    {
        var card = new ChatCard
        {
            Title = "t",
            Text = "text",
            Fields = Enumerable.Range(0, 600).Select(i => new CardField($"f{i}", "v")).ToList(),
            Actions = [new CardAction(CardVerb.Approve, "A", "ar-1", CardAudience.Approvers)],
            Footer = "footer",
        };

        var blocks = Render(card);

        Assert.That(blocks, Has.Count.EqualTo(50));
        Assert.That(Type(blocks[0]), Is.EqualTo("header"));
        Assert.That(Str(blocks[1]!["text"]!["text"]), Is.EqualTo("text"));
        Assert.That(Str(blocks[2]!["fields"]![0]!["text"]), Does.StartWith("*f0*"), "the first fields are kept");
        Assert.That(OfType(blocks, "actions"), Has.Count.EqualTo(1));
        Assert.That(JsonWalk.Texts(blocks), Has.Some.StartWith("… more omitted"));
        Assert.That(Str(blocks[^1]!["elements"]![0]!["text"]), Is.EqualTo("footer"));
    }

    [Test]
    public void Even_thousands_of_buttons_fit_in_50_blocks_with_the_header_first()
    {
        var card = new ChatCard { Title = "t", Actions = Enumerable.Range(0, 2000).Select(i => new CardAction(CardVerb.Approve, "A", $"ar-{i:x8}", CardAudience.Approvers)).ToList() };

        var blocks = Render(card);

        Assert.That(blocks, Has.Count.EqualTo(50));
        Assert.That(Type(blocks[0]), Is.EqualTo("header"));
        Assert.That(BlockKitLimits.Problems(blocks, BlockSurface.Message), Is.Empty);
    }

    [Test]
    public void A_sensitive_card_is_drawn_like_any_other()
    {
        var card = CardCorpus.Typical().Single(c => c.Name.StartsWith("credentials", StringComparison.Ordinal)).Card;

        Assert.That(Render(card).ToJsonString(), Is.EqualTo(Render(card with { Sensitive = false }).ToJsonString()));
    }
}
