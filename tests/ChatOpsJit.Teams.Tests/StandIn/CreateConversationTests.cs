using System.Net;
using System.Text.Json.Nodes;
using ChatOpsJit.Testing.Teams;

namespace ChatOpsJit.Teams.Tests.StandIn;

/// <summary>POST v3/conversations: a user's 1:1 chat (its one id), the refusals Teams gives, and new channel threads.</summary>
public sealed class CreateConversationTests : StandInTest
{
    [Test]
    public async Task A_users_1_1_chat_has_one_id_however_often_it_is_created()
    {
        var user = Teams.AddUser("ann@example.com", "Ann Lee");

        var first = await PostAsync("conversations", PersonalParameters(user));
        var second = await PostAsync("conversations", PersonalParameters(user));

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(first.Text("id"), Does.StartWith("a:").And.EqualTo(Teams.PersonalConversationId(user)));
        Assert.That(second.Text("id"), Is.EqualTo(first.Text("id")));
    }

    [TestCase(null)]
    [TestCase("00000000-0000-0000-0000-000000000bad")]
    public async Task Without_the_bots_tenant_it_is_400_Malformed_tenant_id(string? tenant)
    {
        var user = Teams.AddUser("ann@example.com", "Ann Lee");

        var reply = await PostAsync("conversations", PersonalParameters(user, tenant));

        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(reply.ErrorCode, Is.EqualTo("BadArgument"));
        Assert.That(reply.Body!["error"]!["message"]!.GetValue<string>(), Is.EqualTo("Malformed tenant id"));
        Assert.That(reply.Header("X-Correlating-OperationId"), Is.Not.Empty);
    }

    [Test]
    public async Task A_user_without_the_bot_is_403_with_the_documented_MessageWritesBlocked_body()
    {
        var user = Teams.AddUser("bo@example.com", "Bo Chen", botInstalled: false);

        var reply = await PostAsync("conversations", PersonalParameters(user));

        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(reply.Body!["errorCode"]!.GetValue<int>(), Is.EqualTo(209));
        var detail = JsonNode.Parse(reply.Body!["message"]!.GetValue<string>())!;
        Assert.That(detail["subCode"]!.GetValue<string>(), Is.EqualTo("MessageWritesBlocked"));
        Assert.That(reply.Header("X-Correlating-OperationId"), Is.Not.Empty);
        Assert.That(Teams.Calls.Single().ErrorCode, Is.EqualTo("MessageWritesBlocked"));
    }

    [Test]
    public async Task The_blocked_answer_can_be_the_envelope_and_installing_the_bot_lifts_it()
    {
        var user = Teams.AddUser("bo@example.com", "Bo Chen", botInstalled: false);
        Teams.BlockedAnswer = TeamsBlockedAnswer.ConversationBlockedByUser;

        var blocked = await PostAsync("conversations", PersonalParameters(user));
        TeamsActivities.InstallPersonal(Teams, user);
        var open = await PostAsync("conversations", PersonalParameters(user));

        Assert.That(blocked.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(blocked.ErrorCode, Is.EqualTo("ConversationBlockedByUser"));
        Assert.That(open.Text("id"), Is.EqualTo(Teams.PersonalConversationId(user)));
    }

    [Test]
    public async Task A_member_Teams_does_not_know_or_named_by_email_is_400()
    {
        var user = Teams.AddUser("ann@example.com", "Ann Lee");
        var unknown = PersonalParameters(user);
        unknown["members"] = new JsonArray(new JsonObject { ["id"] = "29:nobody" });
        var byEmail = PersonalParameters(user);
        byEmail["members"] = new JsonArray(new JsonObject { ["id"] = user.Email });

        var replies = new[] { await PostAsync("conversations", unknown), await PostAsync("conversations", byEmail) };

        Assert.That(replies.Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task A_new_channel_thread_is_its_first_message_and_replies_join_it()
    {
        var channel = Teams.AddChannel("access-requests");

        var created = await PostAsync("conversations", new JsonObject
        {
            ["isGroup"] = true,
            ["channelData"] = new JsonObject { ["channel"] = new JsonObject { ["id"] = channel.ConversationId } },
            ["activity"] = Message("a request", Card("Ann asks for i-123")),
        });
        var thread = created.Text("id")!;
        var reply = await PostAsync($"conversations/{Encode(thread)}/activities", Message("approved"));

        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(thread, Is.EqualTo($"{channel.ConversationId};messageid={created.Text("activityId")}"));
        Assert.That(Teams.Messages(channel.ConversationId).Select(m => m.Text), Is.EqualTo(new[] { "a request", "approved" }));
        Assert.That(Teams.Messages(thread).Select(m => m.ConversationId), Is.All.EqualTo(thread));
        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(Teams.AllCards.Single()["body"]![0]!["text"]!.GetValue<string>(), Is.EqualTo("Ann asks for i-123"));
    }
}
