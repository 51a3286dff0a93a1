using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Teams.Inbound;
using ChatOpsJit.Testing.Teams;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios.Teams;

/// <summary>Commands written to the bot: in a channel the answer goes to the writer alone, and a message Teams sends again runs once.</summary>
[TestFixture]
[NonParallelizable]
public sealed class TeamsMessageTests
{
    [Test]
    public async Task A_command_in_a_channel_is_answered_in_the_writers_personal_chat_with_a_note_in_the_thread()
    {
        await using var world = await TeamsWorld.StartAsync();
        var lead = world.Person("lead@example.com");
        var message = TeamsActivities.ChannelMessage(world.Teams, lead, world.Platform, "access list");

        Assert.That((await world.SendAsync(message)).Status, Is.EqualTo(200));

        var thread = (string)message["conversation"]!["id"]!;
        var note = await world.Teams.WaitForMessageAsync(thread, m => m.ReplyToId == (string?)message["id"], "the note in the thread");
        var answer = await world.WaitForDirectAsync("lead@example.com", t => t.Contains("access requests"), "the answer in the personal chat");
        Assert.That(TeamsWorld.Text(note.Card), Does.Contain(TeamsReplies.AnsweredPrivately));
        Assert.That(TeamsWorld.Text(note.Card), Does.Not.Contain("access requests"), "the thread shows no one's requests");
        Assert.That(answer.ConversationId, Is.EqualTo(world.Teams.PersonalConversationId(lead)));
    }

    [Test]
    public async Task The_bots_mention_is_stripped_and_the_rest_is_the_command()
    {
        await using var world = await TeamsWorld.StartAsync();
        var message = TeamsActivities.ChannelMessage(world.Teams, world.Person("dev@example.com"), world.Platform, "access web-1 disk full on /var");

        await world.SendAsync(message);

        var request = (await world.Host.Get<IAccessRequestStore>().ListAsync(new RequestQuery(Limit: 10))).Single();
        Assert.That(request.Reason, Is.EqualTo("disk full on /var"), "nothing of <at>ChatOpsJit</at> is left in the reason");
    }

    [Test]
    public async Task A_message_teams_sends_again_is_run_and_answered_once()
    {
        await using var world = await TeamsWorld.StartAsync();
        var dev = world.Person("dev@example.com");
        var message = TeamsActivities.PersonalMessage(world.Teams, dev, "access web-1 disk full");

        var first = await world.SendAsync(message);
        var again = await world.SendAsync(message);

        Assert.That((first.Status, again.Status), Is.EqualTo((200, 200)), "Teams is told both arrived");
        // Each message is handled before its 200, so once both are answered the count is final.
        await Flow.WaitUntilQuietAsync(world.Host);
        Assert.That(await world.Host.Get<IAccessRequestStore>().ListAsync(new RequestQuery(Limit: 10)), Has.Count.EqualTo(1));
        Assert.That(world.Teams.Messages(world.Teams.PersonalConversationId(dev)).Count(m => m.ReplyToId == (string?)message["id"]), Is.EqualTo(1), "one answer");
    }
}
