using ChatOpsJit.Core.Notifications;

namespace ChatOpsJit.Teams.Tests.Cards;

/// <summary>Cards no core path draws but a renderer must survive: huge, crowded, blank, hostile everywhere.</summary>
internal static class StressCards
{
    public const string Hostile = "[x](https://evil.example) **b** _i_ <at>Ann Lee</at> </at> <at> &lt;at&gt; {{DATE(2030-01-01T00:00:00Z)}} https://evil.example www.evil.example\n# h\n- l\n> q\n1. n";

    public static ChatCard Everywhere(string text) => new()
    {
        Title = text,
        Text = text,
        Fields = [new CardField(text, text), new CardField("Reason", text)],
        Code = text,
        Actions = [new CardAction(CardVerb.Approve, text, RequestStates.Id, CardAudience.Approvers, CardActionStyle.Primary)],
        Mentions = [new CardMention(text, CardMentionKind.Group)],
        Footer = text,
        Tone = CardTone.Pending,
    };

    public static ChatCard Huge() => new()
    {
        Title = new string('T', 2000),
        Text = string.Concat(Enumerable.Repeat("😀 & <at> line\n", 4000)),
        Fields = Enumerable.Range(0, 80).Select(i => new CardField(new string('L', 3000), string.Concat(Enumerable.Repeat("日本語&\n", 2000)))).ToList(),
        Code = string.Concat(Enumerable.Repeat("echo 😀 ]( <at>\n", 3000)),
        Actions = Enumerable.Range(0, 60).Select(i => new CardAction((CardVerb)(i % 8), string.Concat(Enumerable.Repeat("😀", 200)), $"ar-{i:x8}", CardAudience.Approvers)).ToList(),
        Mentions = Enumerable.Range(0, 60).Select(i => new CardMention($"group-{i}-{new string('g', 300)}", CardMentionKind.Group)).ToList(),
        Footer = new string('F', 20_000),
        Tone = CardTone.Warning,
    };

    public static ChatCard ManyButtons(int requests) => new()
    {
        Title = "Your access requests",
        Fields = Enumerable.Range(1, requests).Select(i => new CardField($"ar-{i:x8} · web-{i}", "Pending")).ToList(),
        Actions = Enumerable.Range(1, requests).SelectMany(i => new[]
        {
            new CardAction(CardVerb.Approve, "Approve", $"ar-{i:x8}", CardAudience.Approvers, CardActionStyle.Primary),
            new CardAction(CardVerb.Reject, "Reject", $"ar-{i:x8}", CardAudience.Approvers, CardActionStyle.Danger),
        }).ToList(),
    };

    public static ChatCard Blank() => new()
    {
        Title = "  ",
        Text = " ",
        Fields = [new CardField("", ""), new CardField(" ", "value only"), new CardField("label only", " ")],
        Code = "\n",
        Footer = "",
        Actions =
        [
            new CardAction(CardVerb.Approve, "", "ar-00000005", CardAudience.Approvers),
            new CardAction(CardVerb.Approve, "dup", "ar-00000005", CardAudience.Approvers),
            new CardAction(CardVerb.Reject, "no id", "", CardAudience.Approvers),
            new CardAction(CardVerb.Reject, "huge id", new string('r', 300), CardAudience.Approvers),
            new CardAction(CardVerb.Reject, "spaced id", "ar 1", CardAudience.Approvers),
        ],
    };

    public static IEnumerable<(string Name, ChatCard Card)> All()
    {
        yield return ("hostile everywhere", Everywhere(Hostile));
        yield return ("huge", Huge());
        yield return ("many buttons", ManyButtons(20));
        yield return ("blank", Blank());
        yield return ("title only", new ChatCard { Title = "You have no access requests." });
        foreach (var tone in Enum.GetValues<CardTone>())
        {
            yield return ($"tone {tone}", RequestStates.Cards.Approval(RequestStates.Pending()) with { Tone = tone });
        }
    }
}
