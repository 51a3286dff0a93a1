using ChatOpsJit.Slack.BlockKit;

namespace ChatOpsJit.Slack.Tests.BlockKit;

public sealed class SlackTextTests
{
    [TestCase("<!channel>", "&lt;!channel&gt;")]
    [TestCase("&amp;", "&amp;amp;")]
    [TestCase("<@U123>", "&lt;@U123&gt;")]
    [TestCase("<https://evil.example|click>", "&lt;https://evil.example|click&gt;")]
    [TestCase("a & b < c > d", "a &amp; b &lt; c &gt; d")]
    [TestCase("", "")]
    public void Escape_replaces_ampersand_and_angle_brackets(string text, string expected) =>
        Assert.That(SlackText.Escape(text), Is.EqualTo(expected));

    [TestCase("*bold* _it_ ~s~ `code` ```block```")]
    [TestCase("\"quotes\" 'single' é ü 日本語 👍🏽 ⚠️ %3C \\ / | @channel #general :x:")]
    [TestCase("line\nbreak\ttab")]
    public void Escape_leaves_everything_else_alone(string text) => Assert.That(SlackText.Escape(text), Is.EqualTo(text));

    [Test]
    public void Truncate_leaves_text_that_fits()
    {
        Assert.That(SlackText.Truncate("12345", 5), Is.EqualTo("12345"));
        Assert.That(SlackText.Truncate("", 5), Is.EqualTo(""));
    }

    [Test]
    public void Truncate_cuts_within_the_limit_and_ends_with_an_ellipsis()
    {
        var cut = SlackText.Truncate("123456", 5);

        Assert.That(cut, Is.EqualTo("1234…"));
        Assert.That(SlackText.Truncate("123456", 1), Is.EqualTo("…"));
    }

    [Test]
    public void Truncate_refuses_a_limit_below_one() =>
        Assert.That(() => SlackText.Truncate("abc", 0), Throws.TypeOf<ArgumentOutOfRangeException>());

    [TestCase("😀😀😀😀😀😀😀😀", 4)]
    [TestCase("a😀b😀c😀d😀", 5)]
    [TestCase("👍🏽👍🏽👍🏽", 6)]
    [TestCase("⚠️⚠️⚠️", 4)]
    [TestCase("👨‍👩‍👧‍👦👨‍👩‍👧‍👦", 12)]
    [TestCase("e\u0301e\u0301e\u0301", 4)]
    public void Truncate_never_splits_a_surrogate_pair_or_a_grapheme(string text, int max)
    {
        var cut = SlackText.Truncate(text, max);

        Assert.That(cut, Has.Length.LessThanOrEqualTo(max));
        Assert.That(cut, Does.EndWith("…"));
        Assert.That(WellFormed(cut), Is.True, $"lone surrogate in '{cut}'");
        Assert.That(text, Does.StartWith(cut[..^1]), "the cut is a prefix of whole graphemes");
        Assert.That(IsGraphemePrefix(text, cut[..^1]), Is.True, $"'{cut}' ends inside a grapheme of '{text}'");
    }

    [Test]
    public void EscapeWithin_never_cuts_an_entity_in_half()
    {
        for (var max = 1; max <= 30; max++)
        {
            var escaped = SlackText.EscapeWithin("&&&&&&<<<<>>>>", max);

            Assert.That(escaped, Has.Length.LessThanOrEqualTo(max), $"max {max}");
            Assert.That(EntitiesWhole(escaped), Is.True, $"max {max}: '{escaped}'");
        }
        Assert.That(SlackText.EscapeWithin("&&", 7), Is.EqualTo("&amp;…"));
        Assert.That(SlackText.EscapeWithin("&&", 10), Is.EqualTo("&amp;&amp;"));
    }

    [Test]
    public void EscapeWithin_keeps_text_that_fits_once_escaped() =>
        Assert.That(SlackText.EscapeWithin("a<b", 6), Is.EqualTo("a&lt;b"));

    [Test]
    public void Random_text_escaped_within_a_limit_fits_and_keeps_entities_and_surrogates_whole()
    {
        var rng = new Random(7);
        for (var n = 0; n < 2000; n++)
        {
            var raw = string.Concat(Enumerable.Range(0, rng.Next(40)).Select(_ => CardCorpus.Fragments[rng.Next(CardCorpus.Fragments.Length)]));
            var max = rng.Next(1, 120);

            var escaped = SlackText.EscapeWithin(raw, max);

            Assert.That(escaped, Has.Length.LessThanOrEqualTo(max));
            Assert.That(EntitiesWhole(escaped), Is.True, escaped);
            Assert.That(WellFormed(escaped), Is.True, escaped);
            Assert.That(escaped, Does.Not.Contain("<").And.Not.Contain(">"));
        }
    }

    [Test]
    public void PlainText_is_a_plain_text_object_with_emoji_and_cut_to_its_limit()
    {
        var text = SlackText.PlainText(new string('x', 100), 75);

        Assert.That(text["type"]!.GetValue<string>(), Is.EqualTo("plain_text"));
        Assert.That(text["emoji"]!.GetValue<bool>(), Is.True);
        Assert.That(text["text"]!.GetValue<string>(), Has.Length.EqualTo(75).And.EndWith("…"));
    }

    [Test]
    public void PlainText_escapes_its_raw_text_and_fits_once_escaped()
    {
        Assert.That(SlackText.PlainText("<!channel> & co", 75)["text"]!.GetValue<string>(), Is.EqualTo("&lt;!channel&gt; &amp; co"));
        Assert.That(SlackText.PlainText(new string('&', 30), 24)["text"]!.GetValue<string>(), Is.EqualTo("&amp;&amp;&amp;&amp;…"));
    }

    [Test]
    public void Mrkdwn_is_verbatim_and_cuts_escaped_text_between_entities()
    {
        var text = SlackText.Mrkdwn("&amp;&amp;&amp;", 8);

        Assert.That(text["type"]!.GetValue<string>(), Is.EqualTo("mrkdwn"));
        Assert.That(text["verbatim"]!.GetValue<bool>(), Is.True);
        Assert.That(text["text"]!.GetValue<string>(), Is.EqualTo("&amp;…"));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("\n\t")]
    public void Text_objects_refuse_blank_text_which_Slack_rejects(string blank)
    {
        Assert.That(() => SlackText.PlainText(blank, 10), Throws.ArgumentException);
        Assert.That(() => SlackText.Mrkdwn(blank, 10), Throws.ArgumentException);
    }

    private static bool WellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }
                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsGraphemePrefix(string text, string prefix) =>
        prefix.Length == 0 || System.Globalization.StringInfo.ParseCombiningCharacters(text).Contains(prefix.Length) || prefix.Length == text.Length;

    // Every & starts one of the three entities Escape writes.
    internal static bool EntitiesWhole(string escaped)
    {
        for (var i = escaped.IndexOf('&'); i >= 0; i = escaped.IndexOf('&', i + 1))
        {
            var rest = escaped.AsSpan(i);
            if (!rest.StartsWith("&amp;") && !rest.StartsWith("&lt;") && !rest.StartsWith("&gt;"))
            {
                return false;
            }
        }
        return true;
    }
}
