using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Teams.Cards;
using static ChatOpsJit.Teams.Tests.Cards.CardJson;

namespace ChatOpsJit.Teams.Tests.Cards;

/// <summary>The mention line: the resolved people as Teams mentions, the groups as text, and nothing else that could mention anyone.</summary>
public sealed class MentionTests
{
    private static readonly ChatCard Pending = RequestStates.Cards.Approval(RequestStates.Pending());

    [Test]
    public void The_entities_are_exactly_the_resolved_people_and_each_entity_s_text_stands_on_the_mention_line()
    {
        var drawn = AdaptiveCardRenderer.Render(Pending, CardRendering.ForEveryone([Views.Lee, Views.Sam, Views.Lee with { Name = "Lee again" }], Views.ApproverIds));

        var entities = Entities(drawn);
        Assert.That(entities.Select(e => ((string?)e["type"], (string?)e["text"], (string?)e["mentioned"]!["id"], (string?)e["mentioned"]!["name"])), Is.EqualTo(new[]
        {
            ("mention", "<at>Lee Lead</at>", Views.Lee.Id, "Lee Lead"),
            ("mention", "<at>Sam Sre</at>", Views.Sam.Id, "Sam Sre"),
        }), "one entity per id, the first name it came with");
        var line = (string)MentionLine(drawn)!["text"]!;
        Assert.That(Seen(line), Is.EqualTo("For: <at>Lee Lead</at>, <at>Sam Sre</at>, sre-leads"));
        foreach (var entity in entities)
        {
            Assert.That(Count(line, (string)entity["text"]!), Is.EqualTo(1));
        }
    }

    [Test]
    public void The_card_s_groups_are_named_as_plain_text_and_never_become_mentions_while_its_people_come_only_from_the_resolved_list()
    {
        var drawn = AdaptiveCardRenderer.Render(Pending, CardRendering.Full);

        Assert.That(Seen((string)MentionLine(drawn)!["text"]!), Is.EqualTo("For: sre-leads"), "lead@example.com is a person the adapter did not resolve: no name to show");
        Assert.That(Entities(drawn), Is.Empty);
        Assert.That(drawn["msteams"]!.AsObject().ContainsKey("entities"), Is.False);
    }

    [Test]
    public void Nobody_to_name_draws_no_mention_line()
    {
        var drawn = AdaptiveCardRenderer.Render(RequestCards.Rejected(RequestStates.Rejected()), CardRendering.Full);

        Assert.That(MentionLine(drawn), Is.Null);
        Assert.That(OfType(drawn, "TextBlock"), Is.Empty);
    }

    [TestCase("Eve</at>, <at>Lee Lead")]
    [TestCase("Eve <at>Lee Lead</at>")]
    [TestCase("Eve<")]
    [TestCase("Eve</AT>")]
    [TestCase("**Eve** [x](https://evil.example)")]
    [TestCase("Eve\n- list")]
    public void A_person_s_name_cannot_close_its_mention_early_or_open_another(string name)
    {
        var drawn = AdaptiveCardRenderer.Render(Pending, CardRendering.ForEveryone([Views.Lee, new TeamsMention("29:eve", name)], []));

        var line = (string)MentionLine(drawn)!["text"]!;
        var entities = Entities(drawn);
        Assert.That(entities, Has.Count.EqualTo(2));
        Assert.That(Count(line, "<at>"), Is.EqualTo(2), line);
        Assert.That(Count(line, "</at>"), Is.EqualTo(2), line);
        Assert.That(line, Does.Not.Contain("](").And.Not.Contain("**").And.Not.Contain("\n"));
        Assert.That(entities.Select(e => Count(line, (string)e["text"]!)), Is.All.EqualTo(1), "each entity's text is on the line exactly once");
    }

    [Test]
    public void A_group_name_with_mention_markup_stays_text()
    {
        var card = Pending with { Mentions = [new CardMention("<at>Lee Lead</at>", CardMentionKind.Group)] };

        var drawn = AdaptiveCardRenderer.Render(card, CardRendering.ForEveryone([Views.Lee], []));

        var line = (string)MentionLine(drawn)!["text"]!;
        Assert.That(Count(line, "<at>"), Is.EqualTo(1), "only Lee's own mention");
        Assert.That(Seen(line), Is.EqualTo("For: <at>Lee Lead</at>, <at>Lee Lead</at>"), "the group reads as written");
        Assert.That(Entities(drawn), Has.Count.EqualTo(1));
    }

    [Test]
    public void Past_twenty_people_the_rest_are_counted_and_ids_that_are_no_ids_are_left_out()
    {
        var people = Enumerable.Range(0, 25).Select(i => new TeamsMention($"29:p{i}", $"Person {i}"))
            .Append(new TeamsMention("", "No Id")).Append(new TeamsMention("29: has space", "Spaced")).Append(new TeamsMention(new string('9', 200), "Huge")).Append(new TeamsMention("29:blank", " "));

        var drawn = AdaptiveCardRenderer.Render(Pending with { Mentions = [] }, CardRendering.ForEveryone(people.ToList(), []));

        Assert.That(Entities(drawn).Select(e => (string?)e["mentioned"]!["id"]), Is.EqualTo(Enumerable.Range(0, 20).Select(i => $"29:p{i}")));
        Assert.That(Seen((string)MentionLine(drawn)!["text"]!), Does.EndWith("<at>Person 19</at> and 5 more"));
    }
}
