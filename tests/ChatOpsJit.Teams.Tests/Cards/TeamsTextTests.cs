using System.Globalization;
using ChatOpsJit.Teams.Cards;
using static ChatOpsJit.Teams.Tests.Cards.CardJson;

namespace ChatOpsJit.Teams.Tests.Cards;

/// <summary>
/// Each neutralizer against the markup it must disarm, and against itself: what it writes must not form markup, and
/// must read as what was typed.
/// </summary>
public sealed class TeamsTextTests
{
    private const string J = "\u2060";

    [TestCase("[click](https://evil.example)", "](")]
    [TestCase("![img](https://evil.example/i.png)", "](")]
    [TestCase("[ref]: https://evil.example", "]:")]
    [TestCase("<at>Ann Lee</at>", "<at>")]
    [TestCase("<AT>Ann</AT>", "<at")]
    [TestCase("<https://evil.example>", "<https")]
    [TestCase("&lt;at&gt;Ann&lt;/at&gt;", "&lt;")]
    [TestCase("see https://evil.example now", "https://")]
    [TestCase("see WWW.evil.example now", "www.")]
    [TestCase("{{DATE(2030-01-01T00:00:00Z, SHORT)}}", "{{")]
    public void Plain_and_Run_break_links_mentions_entities_bare_urls_and_date_macros(string typed, string markup)
    {
        Assert.That(TeamsText.Plain(typed), Does.Not.Contain(markup).IgnoreCase);
        Assert.That(TeamsText.Run(typed), markup == "&lt;" ? Does.Contain(markup) : Does.Not.Contain(markup).IgnoreCase, "a run decodes no entities, so it keeps them");
    }

    [TestCase("**bold**")]
    [TestCase("__bold__")]
    [TestCase("*it*")]
    [TestCase("_it_")]
    [TestCase("~~struck~~")]
    [TestCase("`code`")]
    [TestCase("*\u2060*joined**")]
    public void Plain_leaves_no_emphasis_or_code_character_for_Markdown_to_pair(string typed)
    {
        Assert.That(TeamsText.Plain(typed), Does.Not.Match("[*_~`]"), "a joiner beside ** would still leave a delimiter run CommonMark pairs, so look-alikes");
    }

    [TestCase("- item")]
    [TestCase("  * item")]
    [TestCase("+ item")]
    [TestCase("1. one")]
    [TestCase("2) two")]
    [TestCase("# heading")]
    [TestCase("> quote")]
    [TestCase("    indented code")]
    [TestCase("===")]
    public void Plain_starts_every_line_with_a_joiner_so_no_line_opens_a_list_heading_quote_or_code_block(string line)
    {
        var plain = TeamsText.Plain($"first\n{line}\r\n{line}");

        Assert.That(plain.Split('\n').Select(l => l.TrimStart('\r')), Has.All.StartWith(J));
        Assert.That(plain.Split('\n').Select(l => l.TrimStart('\r')[1..]), Has.Some.EqualTo(line.Replace("*", "\u2217", StringComparison.Ordinal)));
    }

    [Test]
    public void Plain_and_Run_only_add_joiners_and_Plain_only_swaps_four_characters_for_look_alikes_so_the_text_reads_as_typed()
    {
        var typed = StressCards.Hostile + " a_b *c* ~d~ `e` 👍🏽 日本語 e\u0301";

        Assert.That(Seen(TeamsText.Run(typed)), Is.EqualTo(typed));
        var back = Seen(TeamsText.Plain(typed)).Replace('\u2217', '*').Replace('\uFF3F', '_').Replace('\u223C', '~').Replace('\u02CB', '`');
        Assert.That(back, Is.EqualTo(typed));
    }

    [Test]
    public void Code_keeps_a_command_character_for_character_redirections_templates_urls_and_underscores_included()
    {
        const string command = "AWS_PROFILE=x_y aws s3 cp s3://b/k - < in.txt > out.txt && docker inspect -f '{{.Id}}' c && curl https://example.com/a_b [ -f x ] && echo $((1+2))";

        Assert.That(TeamsText.Code(command), Is.EqualTo(command));
    }

    [TestCase("echo <at>Ann</at>", "<at")]
    [TestCase("echo </AT>", "</at")]
    [TestCase("echo [x](y)", "](")]
    [TestCase("echo {{DATE(2030-01-01T00:00:00Z)}}", "{{DATE")]
    public void Code_breaks_only_mention_link_and_date_markup(string command, string markup)
    {
        var code = TeamsText.Code(command);

        Assert.That(code, Does.Not.Contain(markup).IgnoreCase);
        Assert.That(Seen(code), Is.EqualTo(command));
    }

    [Test]
    public void Markup_cannot_be_rebuilt_from_what_the_neutralizers_write_or_from_joiners_already_in_the_text()
    {
        var pieces = new[] { "<", "at>", "</", "]", "(", "*", "_", ":", "//", "www", ".", "{", "{DATE(", J, "&", "lt;", "\n", "- ", "at" };
        var rng = new Random(7);
        for (var n = 0; n < 2000; n++)
        {
            var typed = string.Concat(Enumerable.Range(0, rng.Next(1, 12)).Select(_ => pieces[rng.Next(pieces.Length)]));

            var plain = TeamsText.Plain(typed);
            var run = TeamsText.Run(typed);
            var code = TeamsText.Code(typed);
            foreach (var markup in new[] { "<at", "</at", "](", "://", "www.", "{{" })
            {
                Assert.That(plain, Does.Not.Contain(markup).IgnoreCase, typed);
                Assert.That(run, Does.Not.Contain(markup).IgnoreCase, typed);
            }
            Assert.That(plain, Does.Not.Match("[*_]|&lt;"), typed);
            Assert.That(code, Does.Not.Contain("<at").IgnoreCase.And.Not.Contain("</at").IgnoreCase.And.Not.Contain("](").And.Not.Contain("{{DATE("), typed);
        }
    }

    [Test]
    public void Truncate_keeps_what_fits_and_cuts_between_graphemes_ending_in_an_ellipsis_within_the_limit()
    {
        var text = "ab👍🏽👨‍👩‍👧‍👦e\u0301xyz";

        var boundaries = StringInfo.ParseCombiningCharacters(text);

        Assert.That(TeamsText.Truncate(text, text.Length), Is.SameAs(text));
        for (var max = 1; max < text.Length; max++)
        {
            var cut = TeamsText.Truncate(text, max);
            Assert.That(cut.Length, Is.LessThanOrEqualTo(max), $"max {max}");
            Assert.That(cut, Does.EndWith("…"));
            var kept = cut[..^1];
            Assert.That(text, Does.StartWith(kept));
            Assert.That(boundaries, Does.Contain(kept.Length), $"cut at a grapheme boundary (max {max})");
        }
    }
}
