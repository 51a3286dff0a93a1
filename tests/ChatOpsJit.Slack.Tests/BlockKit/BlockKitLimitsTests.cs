using System.Text.Json.Nodes;
using ChatOpsJit.Slack.BlockKit;

namespace ChatOpsJit.Slack.Tests.BlockKit;

public sealed class BlockKitLimitsTests
{
    private static string X(int length) => new('x', length);

    private static string Plain(string text) => $$"""{"type":"plain_text","text":"{{text}}"}""";

    private static string Mrkdwn(string text) => $$"""{"type":"mrkdwn","text":"{{text}}"}""";

    private static string Button(string text = "Go", string actionId = "go:1", string extra = "") =>
        $$"""{"type":"button","text":{{Plain(text)}},"action_id":"{{actionId}}","value":"1"{{extra}}}""";

    private static string Confirm(int title = 5, int text = 5, int confirm = 5, int deny = 5) =>
        $$""","confirm":{"title":{{Plain(X(title))}},"text":{{Plain(X(text))}},"confirm":{{Plain(X(confirm))}},"deny":{{Plain(X(deny))}},"style":"danger"}""";

    private static string Input(string label = "Label", string element = """{"type":"plain_text_input","action_id":"value"}""") =>
        $$"""{"type":"input","block_id":"in","label":{{Plain(label)}},"element":{{element}}}""";

    private static JsonArray Blocks(params string[] blocks) => (JsonArray)JsonNode.Parse($"[{string.Join(',', blocks)}]")!;

    private static JsonArray Dividers(int count) => Blocks(Enumerable.Repeat("""{"type":"divider"}""", count).ToArray());

    private static string Modal(string title = "Title", string submit = "OK", string close = "Cancel", string extra = "", string blocks = "") =>
        $$"""{"type":"modal","title":{{Plain(title)}},"submit":{{Plain(submit)}},"close":{{Plain(close)}}{{extra}},"blocks":[{{blocks}}]}""";

    /// <summary>Blocks at every limit exactly: Slack takes them, so nothing may be reported.</summary>
    private static IEnumerable<TestCaseData> AtTheLimit()
    {
        yield return new TestCaseData(Dividers(50), BlockSurface.Message).SetName("50 blocks in a message");
        yield return new TestCaseData(Dividers(100), BlockSurface.Modal).SetName("100 blocks in a modal");
        yield return new TestCaseData(Dividers(100), BlockSurface.Home).SetName("100 blocks in the Home tab");
        yield return new TestCaseData(Blocks($$"""{"type":"section","text":{{Mrkdwn(X(3000))}}}"""), BlockSurface.Message).SetName("section text of 3000");
        yield return new TestCaseData(Blocks($$"""{"type":"section","fields":[{{string.Join(',', Enumerable.Repeat(Mrkdwn(X(2000)), 10))}}]}"""), BlockSurface.Message).SetName("10 fields of 2000");
        yield return new TestCaseData(Blocks($$"""{"type":"header","block_id":"{{X(255)}}","text":{{Plain(X(150))}}}"""), BlockSurface.Message).SetName("header of 150, block_id of 255");
        yield return new TestCaseData(Blocks($$"""{"type":"actions","elements":[{{string.Join(',', Enumerable.Range(0, 25).Select(i => Button(actionId: $"a{i}")))}}]}"""), BlockSurface.Message).SetName("25 buttons");
        yield return new TestCaseData(Blocks($$"""{"type":"context","elements":[{{string.Join(',', Enumerable.Repeat(Mrkdwn("c"), 10))}}]}"""), BlockSurface.Message).SetName("10 context elements");
        yield return new TestCaseData(Blocks($$"""{"type":"actions","elements":[{{Button(X(75), X(255), $$""","url":"https://{{X(2992)}}","style":"primary"{{Confirm(100, 300, 30, 30)}}""")}}]}"""), BlockSurface.Message).SetName("button at every limit");
        yield return new TestCaseData(Blocks($$"""{"type":"actions","elements":[{"type":"button","text":{{Plain("v")}},"value":"{{X(2000)}}"}]}"""), BlockSurface.Message).SetName("value of 2000");
        yield return new TestCaseData(Blocks(Input(X(2000), $$"""{"type":"plain_text_input","action_id":"value","placeholder":{{Plain(X(150))}},"max_length":3000}""")), BlockSurface.Modal).SetName("input label of 2000, placeholder of 150");
        yield return new TestCaseData(Blocks("""{"type":"actions","block_id":"a","elements":[{"type":"button","text":{"type":"plain_text","text":"A"},"action_id":"same"}]}""",
            """{"type":"actions","block_id":"b","elements":[{"type":"button","text":{"type":"plain_text","text":"B"},"action_id":"same"}]}"""), BlockSurface.Message).SetName("one action_id in two blocks");
    }

    [TestCaseSource(nameof(AtTheLimit))]
    public void Blocks_at_a_limit_pass(JsonArray blocks, BlockSurface surface) =>
        Assert.That(BlockKitLimits.Problems(blocks, surface), Is.Empty);

    /// <summary>Each limit broken once; the problem must name where.</summary>
    private static IEnumerable<TestCaseData> PastTheLimit()
    {
        TestCaseData Case(string name, JsonArray blocks, string expected, BlockSurface surface = BlockSurface.Message) =>
            new TestCaseData(blocks, surface, expected).SetName(name);

        yield return Case("51 blocks in a message", Dividers(51), "blocks: has 51 blocks");
        yield return Case("101 blocks in a modal", Dividers(101), "blocks: has 101 blocks", BlockSurface.Modal);
        yield return Case("101 blocks in the Home tab", Dividers(101), "blocks: has 101 blocks", BlockSurface.Home);
        yield return Case("section text over 3000", Blocks($$"""{"type":"section","text":{{Mrkdwn(X(3001))}}}"""), "blocks[0].text.text: is 3001 characters; at most 3000");
        yield return Case("11 fields", Blocks($$"""{"type":"section","fields":[{{string.Join(',', Enumerable.Repeat(Mrkdwn("f"), 11))}}]}"""), "blocks[0].fields: has 11 items; at most 10");
        yield return Case("a field over 2000", Blocks($$"""{"type":"section","fields":[{{Mrkdwn("f")}},{{Mrkdwn(X(2001))}}]}"""), "blocks[0].fields[1].text: is 2001 characters; at most 2000");
        yield return Case("section without text or fields", Blocks("""{"type":"section"}"""), "blocks[0]: a section needs text or fields");
        yield return Case("header over 150", Blocks($$"""{"type":"header","text":{{Plain(X(151))}}}"""), "blocks[0].text.text: is 151 characters; at most 150");
        yield return Case("header in mrkdwn", Blocks($$"""{"type":"header","text":{{Mrkdwn("h")}}}"""), "blocks[0].text.type: must be plain_text");
        yield return Case("block_id over 255", Blocks($$"""{"type":"divider","block_id":"{{X(256)}}"}"""), "blocks[0].block_id: is 256 characters; at most 255");
        yield return Case("block_id repeated", Blocks("""{"type":"divider","block_id":"b"}""", """{"type":"divider","block_id":"b"}"""), "blocks[1].block_id: 'b' is used by an earlier block");
        yield return Case("26 buttons", Blocks($$"""{"type":"actions","elements":[{{string.Join(',', Enumerable.Range(0, 26).Select(i => Button(actionId: $"a{i}")))}}]}"""), "blocks[0].elements: has 26 items; at most 25");
        yield return Case("empty actions", Blocks("""{"type":"actions","elements":[]}"""), "blocks[0].elements: has 0 items; at least 1");
        yield return Case("11 context elements", Blocks($$"""{"type":"context","elements":[{{string.Join(',', Enumerable.Repeat(Mrkdwn("c"), 11))}}]}"""), "blocks[0].elements: has 11 items; at most 10");
        yield return Case("button text over 75", Blocks($$"""{"type":"actions","elements":[{{Button(X(76))}}]}"""), "blocks[0].elements[0].text.text: is 76 characters; at most 75");
        yield return Case("button text in mrkdwn", Blocks("""{"type":"actions","elements":[{"type":"button","text":{"type":"mrkdwn","text":"*b*"}}]}"""), "blocks[0].elements[0].text.type: must be plain_text");
        yield return Case("action_id over 255", Blocks($$"""{"type":"actions","elements":[{{Button(actionId: X(256))}}]}"""), "blocks[0].elements[0].action_id: is 256 characters; at most 255");
        yield return Case("action_id repeated in a block", Blocks($$"""{"type":"actions","elements":[{{Button(actionId: "a")}},{{Button(actionId: "a")}}]}"""), "blocks[0].elements[1].action_id: 'a' is used by an earlier element");
        yield return Case("value over 2000", Blocks($$"""{"type":"actions","elements":[{"type":"button","text":{{Plain("v")}},"value":"{{X(2001)}}"}]}"""), "blocks[0].elements[0].value: is 2001 characters; at most 2000");
        yield return Case("url over 3000", Blocks($$"""{"type":"actions","elements":[{{Button(extra: $$""","url":"https://{{X(2993)}}" """)}}]}"""), "blocks[0].elements[0].url: is 3001 characters; at most 3000");
        yield return Case("style purple", Blocks($$"""{"type":"actions","elements":[{{Button(extra: ""","style":"purple" """)}}]}"""), "blocks[0].elements[0].style: must be primary or danger");
        yield return Case("confirm title over 100", Blocks($$"""{"type":"actions","elements":[{{Button(extra: Confirm(title: 101))}}]}"""), "blocks[0].elements[0].confirm.title.text: is 101 characters; at most 100");
        yield return Case("confirm text over 300", Blocks($$"""{"type":"actions","elements":[{{Button(extra: Confirm(text: 301))}}]}"""), "blocks[0].elements[0].confirm.text.text: is 301 characters; at most 300");
        yield return Case("confirm button over 30", Blocks($$"""{"type":"actions","elements":[{{Button(extra: Confirm(confirm: 31))}}]}"""), "blocks[0].elements[0].confirm.confirm.text: is 31 characters; at most 30");
        yield return Case("deny button over 30", Blocks($$"""{"type":"actions","elements":[{{Button(extra: Confirm(deny: 31))}}]}"""), "blocks[0].elements[0].confirm.deny.text: is 31 characters; at most 30");
        yield return Case("confirm without deny", Blocks($$"""{"type":"actions","elements":[{{Button(extra: $$""","confirm":{"title":{{Plain("t")}},"text":{{Plain("t")}},"confirm":{{Plain("c")}}}""")}}]}"""), "blocks[0].elements[0].confirm.deny: is missing");
        yield return Case("input label over 2000", Blocks(Input(X(2001))), "blocks[0].label.text: is 2001 characters; at most 2000", BlockSurface.Modal);
        yield return Case("input without element", Blocks($$"""{"type":"input","label":{{Plain("l")}}}"""), "blocks[0].element: is missing", BlockSurface.Modal);
        yield return Case("placeholder over 150", Blocks(Input(element: $$"""{"type":"plain_text_input","placeholder":{{Plain(X(151))}}}""")), "blocks[0].element.placeholder.text: is 151 characters; at most 150", BlockSurface.Modal);
        yield return Case("max_length over 3000", Blocks(Input(element: """{"type":"plain_text_input","max_length":3001}""")), "blocks[0].element.max_length: is 3001", BlockSurface.Modal);
        yield return Case("empty section text", Blocks($$"""{"type":"section","text":{{Mrkdwn("")}}}"""), "blocks[0].text.text: is empty");
        yield return Case("blank header text", Blocks($$"""{"type":"header","text":{{Plain("   ")}}}"""), "blocks[0].text.text: is empty");
        yield return Case("empty button text", Blocks($$"""{"type":"actions","elements":[{{Button("")}}]}"""), "blocks[0].elements[0].text.text: is empty");
        yield return Case("empty context text", Blocks($$"""{"type":"context","elements":[{{Mrkdwn("")}}]}"""), "blocks[0].elements[0].text: is empty");
        yield return Case("empty field", Blocks($$"""{"type":"section","fields":[{{Mrkdwn("")}}]}"""), "blocks[0].fields[0].text: is empty");
        yield return Case("text object of another type", Blocks("""{"type":"section","text":{"type":"markdown","text":"x"}}"""), "blocks[0].text.type: is 'markdown'");
        yield return Case("unknown block type", Blocks("""{"type":"sectoin","text":{"type":"mrkdwn","text":"x"}}"""), "blocks[0].type: 'sectoin' is not a block type");
        yield return Case("unknown element type", Blocks("""{"type":"actions","elements":[{"type":"buton"}]}"""), "blocks[0].elements[0].type: 'buton' is not an element type");
        yield return Case("block that is not an object", Blocks("\"divider\""), "blocks[0]: is not an object");
    }

    [TestCaseSource(nameof(PastTheLimit))]
    public void Each_broken_limit_is_reported_where_it_is(JsonArray blocks, BlockSurface surface, string expected)
    {
        var problems = BlockKitLimits.Problems(blocks, surface);

        Assert.That(problems, Has.Some.StartsWith(expected), string.Join('\n', problems));
    }

    [Test]
    public void Every_broken_limit_in_one_payload_is_reported_on_its_own_line()
    {
        var blocks = Blocks(
            $$"""{"type":"header","text":{{Plain(X(151))}}}""",
            $$"""{"type":"section","text":{{Mrkdwn(X(3001))}}}""",
            $$"""{"type":"actions","elements":[{{Button(X(76), X(256))}}]}""");

        // The header, the section, and the button's text and action_id.
        Assert.That(BlockKitLimits.Problems(blocks, BlockSurface.Message), Has.Count.EqualTo(4));
    }

    [Test]
    public void A_message_needs_non_empty_text_within_40000()
    {
        Assert.That(BlockKitLimits.MessageProblems("hello", Dividers(1)), Is.Empty);
        Assert.That(BlockKitLimits.MessageProblems(X(40000), []), Is.Empty);
        Assert.That(BlockKitLimits.MessageProblems(X(40001), []), Has.Some.StartsWith("text: is 40001 characters; at most 40000"));
        Assert.That(BlockKitLimits.MessageProblems("", []), Has.Some.EqualTo("text: is empty"));
        Assert.That(BlockKitLimits.MessageProblems(" \n", []), Has.Some.EqualTo("text: is empty"));
    }

    [Test]
    public void A_message_is_also_checked_for_its_blocks() =>
        Assert.That(BlockKitLimits.MessageProblems("hello", Dividers(51)), Has.Some.StartsWith("blocks: has 51 blocks"));

    [Test]
    public void A_modal_at_every_limit_passes()
    {
        var view = (JsonObject)JsonNode.Parse(Modal(X(24), X(24), X(24), $$""","private_metadata":"{{X(3000)}}","callback_id":"{{X(255)}}" """, Input()))!;

        Assert.That(BlockKitLimits.ViewProblems(view), Is.Empty);
    }

    private static IEnumerable<TestCaseData> BrokenViews()
    {
        yield return new TestCaseData(Modal(title: X(25)), "title.text: is 25 characters; at most 24").SetName("modal title over 24");
        yield return new TestCaseData(Modal(submit: X(25)), "submit.text: is 25 characters; at most 24").SetName("modal submit over 24");
        yield return new TestCaseData(Modal(close: X(25)), "close.text: is 25 characters; at most 24").SetName("modal close over 24");
        yield return new TestCaseData(Modal(title: ""), "title.text: is empty").SetName("modal title empty");
        yield return new TestCaseData(Modal(extra: $$""","private_metadata":"{{X(3001)}}" """), "private_metadata: is 3001 characters; at most 3000").SetName("private_metadata over 3000");
        yield return new TestCaseData(Modal(extra: $$""","callback_id":"{{X(256)}}" """), "callback_id: is 256 characters; at most 255").SetName("callback_id over 255");
        yield return new TestCaseData("""{"type":"modal","blocks":[]}""", "title: is missing").SetName("modal without title");
        yield return new TestCaseData($$"""{"type":"modal","title":{{Plain("t")}},"blocks":[{{Input()}}]}""", "submit: is required").SetName("inputs without submit");
        yield return new TestCaseData($$"""{"type":"home","blocks":[{{string.Join(',', Enumerable.Repeat("""{"type":"divider"}""", 101))}}]}""", "blocks: has 101 blocks").SetName("home over 100 blocks");
        yield return new TestCaseData($$"""{"type":"modal","title":{{Plain("t")}},"blocks":[{{string.Join(',', Enumerable.Repeat("""{"type":"divider"}""", 101))}}]}""", "blocks: has 101 blocks").SetName("modal over 100 blocks");
        yield return new TestCaseData(Modal(blocks: $$"""{"type":"header","text":{{Plain(X(151))}}}"""), "blocks[0].text.text: is 151 characters").SetName("modal block over a limit");
        yield return new TestCaseData("""{"type":"workflow_step","blocks":[]}""", "type: is 'workflow_step'").SetName("unknown view type");
        yield return new TestCaseData("""{"type":"home"}""", "blocks: is missing").SetName("view without blocks");
    }

    [TestCaseSource(nameof(BrokenViews))]
    public void Each_broken_view_limit_is_reported(string json, string expected)
    {
        var problems = BlockKitLimits.ViewProblems((JsonObject)JsonNode.Parse(json)!);

        Assert.That(problems, Has.Some.StartsWith(expected), string.Join('\n', problems));
    }

    [Test]
    public void Options_over_their_limits_are_reported()
    {
        string Option(string text, string value) => $$"""{"text":{{Plain(text)}},"value":"{{value}}"}""";
        JsonObject Options(IEnumerable<string> options) => (JsonObject)JsonNode.Parse($$"""{"options":[{{string.Join(',', options)}}]}""")!;

        Assert.That(BlockKitLimits.OptionsProblems(Options(Enumerable.Range(0, 100).Select(i => Option(X(75), X(150))))), Is.Empty);
        Assert.That(BlockKitLimits.OptionsProblems(Options(Enumerable.Range(0, 101).Select(i => Option("o", "v")))), Has.Some.StartsWith("options: has 101 items; at most 100"));
        Assert.That(BlockKitLimits.OptionsProblems(Options([Option(X(76), "v")])), Has.Some.StartsWith("options[0].text.text: is 76 characters; at most 75"));
        Assert.That(BlockKitLimits.OptionsProblems(Options([Option("o", X(151))])), Has.Some.StartsWith("options[0].value: is 151 characters; at most 150"));
        Assert.That(BlockKitLimits.OptionsProblems(Options([Option("o", "")])), Has.Some.StartsWith("options[0].value: is empty"));
    }
}
