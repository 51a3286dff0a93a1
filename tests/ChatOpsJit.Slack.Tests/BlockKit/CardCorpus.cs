using System.Text;
using ChatOpsJit.Core.Notifications;

namespace ChatOpsJit.Slack.Tests.BlockKit;

/// <summary>Cards to render: the kinds the core draws, and generated ones full of hostile, huge and odd text.</summary>
internal static class CardCorpus
{
    /// <summary>Text that means something to Slack, HTML or UTF-16 when handled carelessly.</summary>
    public static readonly string[] Fragments =
    [
        "<!channel>", "<!here>", "<!everyone>", "<@U123>", "<@U123ABC|ann>", "<#C123|general>", "<!subteam^S123>",
        "<https://evil.example|click>", "<http://x.example>", "https://evil.example/path?q=1&r=2", "&amp;", "&lt;", "&gt;",
        "&", "<", ">", "&#60;", "@channel", "#general", "*bold*", "_it_", "~s~", "`", "```", "````", "\n", "\r\n", "\t",
        " ", "  ", "👍🏽", "⚠️", "👨‍👩‍👧‍👦", "🇳🇱", "😀", "e\u0301", "Ω", "日本語", ":x:", ":smile:", "\"quoted\"", "'", "\\",
        "i-0abc1234567890def", "web-1", "ar-0000002a", "lorem ipsum dolor sit amet ",
    ];

    public const string HostileText = "<!channel> <@U123> <https://evil.example|click> &amp; <#C1|x> <!here> ```x```";

    public static ChatCard Approval(string id = "ar-0000002a") => new()
    {
        Title = $"Access request {id}: Pending",
        Text = "Ann Example <ann@example.com> asks for access to web-1.",
        Fields =
        [
            new CardField("Node", "web-1 (i-0abc1234567890def)"),
            new CardField("Reason", "deploy hotfix & check <logs>"),
            new CardField("Duration", "1h"),
        ],
        Actions =
        [
            new CardAction(CardVerb.Approve, "Approve", id, CardAudience.Approvers, CardActionStyle.Primary),
            new CardAction(CardVerb.Reject, "Reject", id, CardAudience.Approvers, CardActionStyle.Danger),
        ],
        Mentions = [new CardMention("lead@example.com", CardMentionKind.Person)],
        Footer = "Decide by 2030-01-01 10:00 UTC · " + id,
        Tone = CardTone.Pending,
    };

    /// <summary>Every kind of card the renderer draws: each tone, each part alone and together, the edge cases.</summary>
    public static IEnumerable<(string Name, ChatCard Card, string[] Mentions)> Typical()
    {
        yield return ("approval", Approval(), ["U0LEAD001", "W0GRID002"]);
        yield return ("granted", new ChatCard
        {
            Title = "Access granted to web-1",
            Text = "Approved by lead@example.com.",
            Fields = [new CardField("Request", "ar-00000001"), new CardField("Until", "2030-01-01 10:00 UTC")],
            Code = "aws ssm start-session --target i-0abc1234567890def --region eu-west-1",
            Actions =
            [
                new CardAction(CardVerb.Credentials, "Get credentials", "ar-00000001", CardAudience.Requester),
                new CardAction(CardVerb.Extend, "Extend", "ar-00000001", CardAudience.Requester),
                new CardAction(CardVerb.Revoke, "Revoke now", "ar-00000001", CardAudience.Requester, CardActionStyle.Danger),
            ],
            Footer = "Sessions are ended when the window closes.",
            Tone = CardTone.Good,
        }, []);
        yield return ("credentials (sensitive)", new ChatCard
        {
            Title = "Temporary credentials for web-1",
            Code = "export AWS_ACCESS_KEY_ID=ASIAEXAMPLE\nexport AWS_SECRET_ACCESS_KEY=secret&<key>\naws ssm start-session --target i-1",
            Footer = "Never paste these into a channel; ask again for a fresh set.",
            Tone = CardTone.Good,
            Sensitive = true,
        }, []);
        yield return ("list with buttons for several requests", new ChatCard
        {
            Title = "Your access requests",
            Fields = Enumerable.Range(1, 12).Select(i => new CardField($"ar-{i:x8} · web-{i}", "Pending")).ToList(),
            Actions = Enumerable.Range(1, 12).SelectMany(i => new[]
            {
                new CardAction(CardVerb.Approve, "Approve", $"ar-{i:x8}", CardAudience.Approvers, CardActionStyle.Primary),
                new CardAction(CardVerb.Reject, "Reject", $"ar-{i:x8}", CardAudience.Approvers, CardActionStyle.Danger),
            }).ToList(),
        }, []);
        yield return ("extension", new ChatCard
        {
            Title = "Extension of ar-00000003: Pending",
            Text = "Ann asks for 30m more on web-3.",
            Actions =
            [
                new CardAction(CardVerb.ApproveExtension, "Approve extension", "ar-00000003", CardAudience.Approvers, CardActionStyle.Primary),
                new CardAction(CardVerb.RejectExtension, "Reject extension", "ar-00000003", CardAudience.Approvers, CardActionStyle.Danger),
                new CardAction(CardVerb.Cancel, "Cancel", "ar-00000003", CardAudience.Requester),
            ],
            Tone = CardTone.Warning,
        }, ["U0LEAD001"]);
        yield return ("rejected", new ChatCard { Title = "Request ar-00000004 rejected", Text = "Rejected by lead: not now.", Tone = CardTone.Bad }, []);
        yield return ("title only", new ChatCard { Title = "You have no access requests." }, []);
        yield return ("blank title and blank parts", new ChatCard
        {
            Title = "  ",
            Text = " ",
            Fields = [new CardField("", ""), new CardField(" ", "value only"), new CardField("label only", " ")],
            Code = "\n",
            Footer = "",
            Actions = [new CardAction(CardVerb.Approve, "", "ar-00000005", CardAudience.Approvers), new CardAction(CardVerb.Approve, "dup", "ar-00000005", CardAudience.Approvers)],
        }, ["<!channel>", "U1|x", ""]);
        yield return ("hostile everywhere", Hostile(HostileText), ["U123ABC", "<!channel>", "U1|x"]);
        yield return ("huge", new ChatCard
        {
            Title = new string('T', 1000),
            Text = string.Concat(Enumerable.Repeat("&<>", 5000)),
            Fields = Enumerable.Range(0, 40).Select(i => new CardField(new string('L', 3000), string.Concat(Enumerable.Repeat("😀&", 2000)))).ToList(),
            Code = string.Concat(Enumerable.Repeat("``` & ", 2000)),
            Actions = Enumerable.Range(0, 60).Select(i => new CardAction((CardVerb)(i % 8), new string('B', 200), $"ar-{i:x8}", CardAudience.Approvers)).ToList(),
            Footer = new string('F', 10000),
            Tone = CardTone.Warning,
        }, Enumerable.Range(0, 600).Select(i => $"U{i:D9}").ToArray());
        yield return ("too many blocks", new ChatCard
        {
            Title = "Everything",
            Fields = Enumerable.Range(0, 600).Select(i => new CardField($"f{i}", $"v{i}")).ToList(),
            Actions = Enumerable.Range(0, 1400).Select(i => new CardAction(CardVerb.Approve, "Approve", $"ar-{i:x8}", CardAudience.Approvers)).ToList(),
            Footer = "footer",
        }, ["U0LEAD001"]);
    }

    /// <summary>A card whose every text is <paramref name="text"/>.</summary>
    public static ChatCard Hostile(string text) => new()
    {
        Title = text,
        Text = text,
        Fields = [new CardField(text, text), new CardField("Reason", text)],
        Code = text,
        Actions = [new CardAction(CardVerb.Approve, text, "ar-0000002a", CardAudience.Approvers)],
        Footer = text,
        Tone = CardTone.Pending,
    };

    /// <summary>Cards built at random from <see cref="Fragments"/>, reproducible by seed, at sizes past every limit.</summary>
    public static IEnumerable<(ChatCard Card, string[] Mentions)> Generated(int seed, int count)
    {
        var rng = new Random(seed);
        for (var n = 0; n < count; n++)
        {
            var card = new ChatCard
            {
                Title = Text(rng, rng.Next(4) == 0 ? 1000 : 80),
                Text = Text(rng, rng.Next(3) == 0 ? 10_000 : 300),
                Fields = Enumerable.Range(0, Size(rng, 40, 520)).Select(_ => new CardField(Text(rng, 60), Text(rng, rng.Next(5) == 0 ? 5000 : 100))).ToList(),
                Code = rng.Next(3) == 0 ? null : Text(rng, rng.Next(4) == 0 ? 6000 : 200),
                Actions = Enumerable.Range(0, Size(rng, 60, 1300)).Select(_ => new CardAction(
                    (CardVerb)rng.Next(8), Text(rng, rng.Next(4) == 0 ? 200 : 20), RequestId(rng), CardAudience.Approvers, (CardActionStyle)rng.Next(3))).ToList(),
                Footer = rng.Next(3) == 0 ? null : Text(rng, rng.Next(4) == 0 ? 10_000 : 100),
                Tone = (CardTone)rng.Next(5),
                Sensitive = rng.Next(5) == 0,
            };
            yield return (card, Enumerable.Range(0, Size(rng, 12, 700)).Select(_ => UserId(rng)).ToArray());
        }
    }

    // Mostly small, sometimes past the limit, now and then far past it.
    private static int Size(Random rng, int usual, int huge) => rng.Next(10) switch
    {
        0 => 0,
        1 => huge,
        _ => rng.Next(usual + 1),
    };

    private static string Text(Random rng, int max)
    {
        var length = rng.Next(8) == 0 ? 0 : rng.Next(max + 1);
        var text = new StringBuilder();
        while (text.Length < length)
        {
            text.Append(Fragments[rng.Next(Fragments.Length)]);
        }
        return text.ToString();
    }

    private static string RequestId(Random rng) => rng.Next(12) switch
    {
        0 => "",
        1 => new string('r', 300),
        2 => "ar:with:colons",
        3 => "<!channel>",
        _ => $"ar-{rng.Next():x8}",
    };

    private static string UserId(Random rng) => rng.Next(8) switch
    {
        0 => "<!channel>",
        1 => "U1|x",
        2 => "u123abc",
        3 => "U" + new string('A', 4000),
        4 => "",
        _ => $"{(rng.Next(2) == 0 ? 'U' : 'W')}{rng.Next():X8}",
    };
}
