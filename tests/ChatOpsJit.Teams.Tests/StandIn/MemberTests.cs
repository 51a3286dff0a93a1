using System.Net;
using System.Text.Json.Nodes;
using ChatOpsJit.Testing.Teams;

namespace ChatOpsJit.Teams.Tests.StandIn;

/// <summary>GET …/members/{userId}: the one place a bot learns a Teams user's email, by any of their ids.</summary>
public sealed class MemberTests : StandInTest
{
    [TestCase("teams id")]
    [TestCase("object id")]
    [TestCase("UPN in other case")]
    public async Task A_member_is_found_by_each_id_form(string form)
    {
        var user = Teams.AddUser("Ann.Lee@Example.com", "Ann Lee");
        var channel = Teams.AddChannel("general");
        var id = form switch
        {
            "teams id" => user.Id,
            "object id" => user.AadObjectId,
            _ => user.Email.ToUpperInvariant(),
        };

        var reply = await ConnectorAsync(HttpMethod.Get, $"conversations/{Encode(channel.ConversationId)}/members/{Uri.EscapeDataString(id)}");

        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.OK), reply.ToString());
        Assert.That(JsonNode.DeepEquals(reply.Body, new JsonObject
        {
            ["id"] = user.Id,
            ["name"] = "Ann Lee",
            ["objectId"] = user.AadObjectId,
            ["givenName"] = "Ann",
            ["surname"] = "Lee",
            ["email"] = "Ann.Lee@Example.com",
            ["userPrincipalName"] = "Ann.Lee@Example.com",
            ["tenantId"] = TenantId,
            ["userRole"] = "user",
        }), Is.True, reply.Raw);
    }

    [Test]
    public async Task Someone_not_in_the_conversation_is_404_MemberNotFoundInConversation()
    {
        var ann = Teams.AddUser("ann@example.com", "Ann Lee");
        var bo = Teams.AddUser("bo@example.com", "Bo Chen");

        var stranger = await ConnectorAsync(HttpMethod.Get, $"conversations/{Encode(Teams.PersonalConversationId(ann))}/members/nobody%40example.com");
        var otherChat = await ConnectorAsync(HttpMethod.Get, $"conversations/{Encode(Teams.PersonalConversationId(ann))}/members/{Encode(bo.Id)}");

        Assert.That(stranger.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(stranger.ErrorCode, Is.EqualTo("MemberNotFoundInConversation"));
        Assert.That(otherChat.ErrorCode, Is.EqualTo("MemberNotFoundInConversation"));
    }

    [Test]
    public async Task A_1_1_chat_has_its_user_and_a_channel_or_team_has_everyone()
    {
        var ann = Teams.AddUser("ann@example.com", "Ann Lee");
        Teams.AddUser("bo@example.com", "Bo Chen");
        var channel = Teams.AddChannel("general");

        var chat = await ConnectorAsync(HttpMethod.Get, $"conversations/{Encode(Teams.PersonalConversationId(ann))}/members");
        var inChannel = await ConnectorAsync(HttpMethod.Get, $"conversations/{Encode(channel.ConversationId)}/members");
        var inTeam = await ConnectorAsync(HttpMethod.Get, $"conversations/{Encode(channel.TeamId)}/members");

        Assert.That(Emails(chat), Is.EqualTo(new[] { "ann@example.com" }));
        Assert.That(Emails(inChannel), Is.EqualTo(new[] { "ann@example.com", "bo@example.com" }));
        Assert.That(Emails(inTeam), Is.EqualTo(new[] { "ann@example.com", "bo@example.com" }));
    }

    private static string[] Emails(Reply reply) => reply.Body!.AsArray().Select(m => m!["email"]!.GetValue<string>()).ToArray();
}
