using System.Text.Json.Nodes;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Workflow;
using ChatOpsJit.Slack.BlockKit;

namespace ChatOpsJit.Slack.Tests.BlockKit;

public sealed class SlackViewsTests
{
    private static string Str(JsonNode? node) => node!.GetValue<string>();

    private static JsonObject Block(JsonObject view, string blockId) =>
        view["blocks"]!.AsArray().Cast<JsonObject>().Single(b => b["block_id"]?.GetValue<string>() == blockId);

    [Test]
    public void The_request_modal_asks_for_node_reason_and_an_optional_duration()
    {
        var view = SlackViews.RequestModal("{\"channel\":\"C1\"}");

        Assert.That(Str(view["type"]), Is.EqualTo("modal"));
        Assert.That(Str(view["callback_id"]), Is.EqualTo(SlackViews.RequestCallbackId).And.EqualTo("access-request"));
        Assert.That(Str(view["title"]!["text"]), Is.EqualTo("Request access"));
        Assert.That(Str(view["submit"]!["text"]), Is.EqualTo("Request"));
        Assert.That(Str(view["close"]!["text"]), Is.EqualTo("Cancel"));
        Assert.That(Str(view["private_metadata"]), Is.EqualTo("{\"channel\":\"C1\"}"));
        Assert.That(view["blocks"]!.AsArray().Select(b => Str(b!["block_id"])), Is.EqualTo(new[] { "node", "reason", "duration" }));

        var node = Block(view, SlackViews.NodeBlock)["element"]!;
        Assert.That(Str(node["type"]), Is.EqualTo("external_select"));
        Assert.That(Str(node["action_id"]), Is.EqualTo(SlackViews.ValueAction).And.EqualTo("value"));
        Assert.That(node["min_query_length"]!.GetValue<int>(), Is.Zero);
        Assert.That(Str(node["placeholder"]!["text"]), Is.EqualTo("Search by id, Name or tag"));
        Assert.That(node["initial_option"], Is.Null);

        var reason = Block(view, SlackViews.ReasonBlock);
        Assert.That(Str(reason["element"]!["type"]), Is.EqualTo("plain_text_input"));
        Assert.That(reason["element"]!["multiline"]!.GetValue<bool>(), Is.True);
        Assert.That(reason["element"]!["max_length"]!.GetValue<int>(), Is.EqualTo(256));
        Assert.That(reason["element"]!["placeholder"], Is.Not.Null);
        Assert.That(reason["optional"], Is.Null);

        var duration = Block(view, SlackViews.DurationBlock);
        Assert.That(duration["optional"]!.GetValue<bool>(), Is.True);
        Assert.That(Str(duration["element"]!["action_id"]), Is.EqualTo("value"));
        Assert.That(Str(duration["element"]!["placeholder"]!["text"]), Is.EqualTo("e.g. 1h or 30m (the policy's default when empty)"));

        Assert.That(BlockKitLimits.ViewProblems(view), Is.Empty);
    }

    [Test]
    public void The_request_modal_preselects_a_node_it_can_carry()
    {
        var view = SlackViews.RequestModal("", "web-1");
        var tooLong = SlackViews.RequestModal("", new string('n', 151));

        var initial = Block(view, SlackViews.NodeBlock)["element"]!["initial_option"]!;
        Assert.That((Str(initial["text"]!["text"]), Str(initial["value"])), Is.EqualTo(("web-1", "web-1")));
        Assert.That(Block(tooLong, SlackViews.NodeBlock)["element"]!["initial_option"], Is.Null);
        Assert.That(BlockKitLimits.ViewProblems(view), Is.Empty);
    }

    [Test]
    public void Private_metadata_too_long_for_Slack_is_refused_not_cut()
    {
        Assert.That(() => SlackViews.RequestModal(new string('m', 3001)), Throws.ArgumentException);
        Assert.That(() => SlackViews.PromptModal(new ActionPrompt("t", "x", "OK"), new string('m', 3001)), Throws.ArgumentException);
        Assert.That(BlockKitLimits.ViewProblems(SlackViews.RequestModal(new string('m', 3000))), Is.Empty);
    }

    [Test]
    public void A_prompt_with_input_is_a_modal_with_its_text_and_one_input()
    {
        var prompt = new ActionPrompt("Extend?", "Access to <web-1> & more.", "Extend", new PromptInput("How much longer", "e.g. 30m or 1h", Required: false, MaxLength: 16));

        var view = SlackViews.PromptModal(prompt, "meta");

        Assert.That(Str(view["callback_id"]), Is.EqualTo(SlackViews.PromptCallbackId).And.EqualTo("access-prompt"));
        Assert.That(Str(view["title"]!["text"]), Is.EqualTo("Extend?"));
        Assert.That(Str(view["submit"]!["text"]), Is.EqualTo("Extend"));
        Assert.That(Str(view["close"]!["text"]), Is.EqualTo("Cancel"));
        Assert.That(Str(view["private_metadata"]), Is.EqualTo("meta"));
        var blocks = view["blocks"]!.AsArray();
        Assert.That(blocks.Select(b => Str(b!["type"])), Is.EqualTo(new[] { "section", "input" }));
        Assert.That(Str(blocks[0]!["text"]!["text"]), Is.EqualTo("Access to &lt;web-1&gt; &amp; more."));
        var input = Block(view, SlackViews.InputBlock);
        Assert.That(Str(input["label"]!["text"]), Is.EqualTo("How much longer"));
        Assert.That(input["optional"]!.GetValue<bool>(), Is.True);
        Assert.That(Str(input["element"]!["type"]), Is.EqualTo("plain_text_input"));
        Assert.That(Str(input["element"]!["action_id"]), Is.EqualTo("value"));
        Assert.That(Str(input["element"]!["placeholder"]!["text"]), Is.EqualTo("e.g. 30m or 1h"));
        Assert.That(input["element"]!["max_length"]!.GetValue<int>(), Is.EqualTo(16));
        Assert.That(BlockKitLimits.ViewProblems(view), Is.Empty);
    }

    [Test]
    public void A_required_input_is_not_optional()
    {
        var view = SlackViews.PromptModal(new ActionPrompt("Reject?", "Why?", "Reject", new PromptInput("Reason", "", Required: true, MaxLength: 99999)), "");

        var input = Block(view, SlackViews.InputBlock);
        Assert.That(input.ContainsKey("optional"), Is.False);
        Assert.That(input["element"]!.AsObject().ContainsKey("placeholder"), Is.False, "a blank placeholder is left out");
        Assert.That(input["element"]!["max_length"]!.GetValue<int>(), Is.EqualTo(3000));
        Assert.That(BlockKitLimits.ViewProblems(view), Is.Empty);
    }

    [Test]
    public void A_prompt_without_input_has_no_input_block()
    {
        var view = SlackViews.PromptModal(new ActionPrompt("Revoke now?", "Access ends at once.", "Revoke"), "");

        Assert.That(view["blocks"]!.AsArray().Select(b => Str(b!["type"])), Is.EqualTo(new[] { "section" }));
        Assert.That(BlockKitLimits.ViewProblems(view), Is.Empty);
    }

    [Test]
    public void A_long_title_is_cut_to_24_and_shown_whole_as_a_header()
    {
        var view = SlackViews.PromptModal(new ActionPrompt("Reject the extension of request ar-0000002a?", "Sure?", "Reject the extension now, really"), "");

        Assert.That(Str(view["title"]!["text"]), Has.Length.EqualTo(24).And.EndWith("…"));
        Assert.That(Str(view["submit"]!["text"]), Has.Length.EqualTo(24));
        Assert.That(Str(view["blocks"]![0]!["text"]!["text"]), Is.EqualTo("Reject the extension of request ar-0000002a?"));
        Assert.That(BlockKitLimits.ViewProblems(view), Is.Empty);
    }

    [Test]
    public void A_prompt_of_blank_strings_still_makes_a_modal_Slack_takes()
    {
        var view = SlackViews.PromptModal(new ActionPrompt("", " ", "", new PromptInput("", " ", true, 0)), "");

        Assert.That(BlockKitLimits.ViewProblems(view), Is.Empty);
        Assert.That(SlackViews.PromptModal(new ActionPrompt("", "", ""), "")["blocks"]!.AsArray(), Is.Not.Empty);
        Assert.That(BlockKitLimits.ViewProblems(SlackViews.PromptModal(new ActionPrompt("", "", ""), "")), Is.Empty);
    }

    [Test]
    public void A_hostile_prompt_is_escaped_and_within_limits()
    {
        var text = CardCorpus.HostileText + new string('x', 5000);
        var view = SlackViews.PromptModal(new ActionPrompt(text, text, text, new PromptInput(text, text, false, 10)), "");

        Assert.That(BlockKitLimits.ViewProblems(view), Is.Empty);
        RendererSafetyTests.AssertSafe(view, "-");
    }

    [Test]
    public void An_empty_home_says_so_under_both_headers()
    {
        var view = SlackViews.Home(null, [], []);

        Assert.That(Str(view["type"]), Is.EqualTo("home"));
        var blocks = view["blocks"]!.AsArray();
        Assert.That(blocks.Select(b => Str(b!["type"])), Is.EqualTo(new[] { "header", "context", "divider", "header", "context" }));
        Assert.That(JsonWalk.Texts(view), Is.EqualTo(new[] { "Waiting for your approval", SlackViews.NothingWaiting, "Your requests", SlackViews.NothingMine }));
        Assert.That(BlockKitLimits.ViewProblems(view), Is.Empty);
    }

    [Test]
    public void The_home_shows_the_notice_then_cards_waiting_then_mine_with_dividers_between_cards()
    {
        var notice = new ChatCard { Title = "Link your account", Text = "Type /access link." };
        var waiting = new[] { CardCorpus.Approval("ar-00000001"), CardCorpus.Approval("ar-00000002") };
        var mine = new[] { new ChatCard { Title = "Request ar-00000003: Active" } };

        var view = SlackViews.Home(notice, mine, waiting);

        var texts = JsonWalk.Texts(view).ToList();
        Assert.That(texts.IndexOf("Link your account"), Is.LessThan(texts.IndexOf("Waiting for your approval")));
        Assert.That(texts.IndexOf("Waiting for your approval"), Is.LessThan(texts.IndexOf("⏳ Access request ar-00000001: Pending")));
        Assert.That(texts.IndexOf("⏳ Access request ar-00000002: Pending"), Is.LessThan(texts.IndexOf("Your requests")));
        Assert.That(texts.IndexOf("Your requests"), Is.LessThan(texts.IndexOf("Request ar-00000003: Active")));
        Assert.That(view["blocks"]!.AsArray().Count(b => Str(b!["type"]) == "divider"), Is.EqualTo(3), "after the notice, between the two waiting cards, between the lists");
        Assert.That(texts, Has.None.StartWith("For:"), "the Home tab mentions nobody");
        Assert.That(BlockKitLimits.ViewProblems(view), Is.Empty);
    }

    [Test]
    public void Block_ids_are_unique_across_the_whole_home()
    {
        var cards = Enumerable.Range(1, 5).Select(i => CardCorpus.Approval($"ar-{i:x8}")).ToList();

        var view = SlackViews.Home(CardCorpus.Approval("ar-00000009"), cards, cards);

        var ids = view["blocks"]!.AsArray().Select(b => b!["block_id"]?.GetValue<string>()).OfType<string>().ToList();
        Assert.That(ids, Has.Count.EqualTo(11).And.Unique);
        Assert.That(BlockKitLimits.ViewProblems(view), Is.Empty);
    }

    [Test]
    public void A_home_with_too_many_cards_keeps_the_newest_within_100_blocks_and_says_how_many_more()
    {
        var waiting = Enumerable.Range(1, 40).Select(i => CardCorpus.Approval($"ar-{i:x8}")).ToList();
        var mine = Enumerable.Range(1, 40).Select(i => new ChatCard { Title = $"Mine {i}", Text = "t", Footer = "f" }).ToList();

        var view = SlackViews.Home(null, mine, waiting);

        var blocks = view["blocks"]!.AsArray();
        var texts = JsonWalk.Texts(view).ToList();
        Assert.That(blocks, Has.Count.LessThanOrEqualTo(100));
        Assert.That(texts, Has.Some.Contains("ar-00000001"), "the newest (first) card is kept");
        Assert.That(texts, Has.None.Contains("ar-00000028"), "the oldest are left out");
        Assert.That(texts.Where(t => t.EndsWith("more; type /access list", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(2));
        Assert.That(texts, Has.Some.Match(@"^… \d+ more; type /access list$"));
        Assert.That(texts, Has.Some.EqualTo("Mine 1"), "a long queue of approvals leaves room for the viewer's own requests");
        Assert.That(texts, Has.None.EqualTo("Mine 40"));
        Assert.That(BlockKitLimits.ViewProblems(view), Is.Empty);
    }

    [Test]
    public void Room_one_list_does_not_need_goes_to_the_other()
    {
        var waiting = Enumerable.Range(1, 40).Select(i => CardCorpus.Approval($"ar-{i:x8}")).ToList();

        var view = SlackViews.Home(null, [new ChatCard { Title = "Mine 1" }], waiting);

        var texts = JsonWalk.Texts(view).ToList();
        var shown = texts.Count(t => t.StartsWith("⏳ Access request", StringComparison.Ordinal));
        Assert.That(texts, Has.Member("Mine 1"));
        // An approval card is 5 blocks with a divider between cards; the 94 blocks "mine" leaves hold 15 of them.
        Assert.That(shown, Is.EqualTo(15), "the waiting list uses the room the other list does not need");
        Assert.That(texts, Has.Member("… 25 more; type /access list"));
        Assert.That(BlockKitLimits.ViewProblems(view), Is.Empty);
    }

    [Test]
    public void A_home_of_huge_cards_stays_within_its_limits()
    {
        var huge = CardCorpus.Typical().Where(c => c.Name is "huge" or "too many blocks" or "hostile everywhere").Select(c => c.Card).ToList();

        var view = SlackViews.Home(huge[0], huge, huge);

        Assert.That(BlockKitLimits.ViewProblems(view), Is.Empty);
        RendererSafetyTests.AssertSafe(view, "-");
    }

    [Test]
    public void Options_are_plain_text_and_value_at_most_100_each_value_once()
    {
        var response = SlackViews.OptionsResponse(Enumerable.Range(0, 150).Select(i => ($"web-{i} <prod>", $"i-{i:x8}")).Prepend(("dup", "i-00000000")));

        var options = response["options"]!.AsArray();
        Assert.That(options, Has.Count.EqualTo(100));
        Assert.That(Str(options[0]!["text"]!["type"]), Is.EqualTo("plain_text"));
        Assert.That(Str(options[0]!["text"]!["text"]), Is.EqualTo("dup"));
        Assert.That(Str(options[0]!["value"]), Is.EqualTo("i-00000000"));
        Assert.That(Str(options[1]!["text"]!["text"]), Is.EqualTo("web-1 &lt;prod&gt;"));
        Assert.That(options.Select(o => Str(o!["value"])), Is.Unique);
        Assert.That(BlockKitLimits.OptionsProblems(response), Is.Empty);
    }

    [Test]
    public void Options_Slack_could_not_carry_are_left_out_and_long_text_is_cut()
    {
        var response = SlackViews.OptionsResponse([(new string('t', 200), "v1"), ("too long", new string('v', 151)), ("blank", " "), ("", "v2")]);

        var options = response["options"]!.AsArray();
        Assert.That(options.Select(o => Str(o!["value"])), Is.EqualTo(new[] { "v1", "v2" }));
        Assert.That(Str(options[0]!["text"]!["text"]), Has.Length.EqualTo(75));
        Assert.That(Str(options[1]!["text"]!["text"]), Is.EqualTo("v2"), "a blank text shows the value");
        Assert.That(BlockKitLimits.OptionsProblems(response), Is.Empty);
        Assert.That(SlackViews.OptionsResponse([])["options"]!.AsArray(), Is.Empty);
    }
}
