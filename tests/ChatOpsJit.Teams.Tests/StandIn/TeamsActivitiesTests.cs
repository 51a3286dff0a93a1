using System.Text.Json.Nodes;
using ChatOpsJit.Testing.Teams;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ChatOpsJit.Teams.Tests.StandIn;

/// <summary>The activities a test delivers look as Teams' do, and SendAsync signs them as the Bot Connector does.</summary>
public sealed class TeamsActivitiesTests : StandInTest
{
    [Test]
    public void A_personal_message_names_the_chat_tenant_user_and_bot()
    {
        var user = Teams.AddUser("ann@example.com", "Ann Lee");

        var activity = TeamsActivities.PersonalMessage(Teams, user, "access i-123 need to debug");

        Assert.That(activity["type"]!.GetValue<string>(), Is.EqualTo("message"));
        Assert.That(activity["channelId"]!.GetValue<string>(), Is.EqualTo("msteams"));
        Assert.That(activity["serviceUrl"]!.GetValue<string>(), Is.EqualTo(Teams.ServiceUrl.ToString()));
        Assert.That(activity["text"]!.GetValue<string>(), Is.EqualTo("access i-123 need to debug"));
        Assert.That(activity["conversation"]!["id"]!.GetValue<string>(), Is.EqualTo(Teams.PersonalConversationId(user)));
        Assert.That(activity["conversation"]!["conversationType"]!.GetValue<string>(), Is.EqualTo("personal"));
        Assert.That(activity["conversation"]!["tenantId"]!.GetValue<string>(), Is.EqualTo(TenantId));
        Assert.That(activity["channelData"]!["tenant"]!["id"]!.GetValue<string>(), Is.EqualTo(TenantId));
        Assert.That(activity["from"]!["id"]!.GetValue<string>(), Is.EqualTo(user.Id));
        Assert.That(activity["from"]!["aadObjectId"]!.GetValue<string>(), Is.EqualTo(user.AadObjectId));
        Assert.That(activity["recipient"]!["id"]!.GetValue<string>(), Is.EqualTo("28:" + AppId));
        Assert.That(long.Parse(activity["id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(Time.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    [Test]
    public void A_channel_message_mentions_the_bot_and_is_the_root_of_its_thread()
    {
        var user = Teams.AddUser("ann@example.com", "Ann Lee");
        var channel = Teams.AddChannel("access-requests");

        var activity = TeamsActivities.ChannelMessage(Teams, user, channel, "access i-123 debugging");
        var id = activity["id"]!.GetValue<string>();

        Assert.That(activity["text"]!.GetValue<string>(), Is.EqualTo("<at>ChatOpsJit</at> access i-123 debugging"));
        var mention = activity["entities"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "mention")!;
        Assert.That(mention["mentioned"]!["id"]!.GetValue<string>(), Is.EqualTo(Teams.BotId));
        Assert.That(mention["text"]!.GetValue<string>(), Is.EqualTo("<at>ChatOpsJit</at>"));
        Assert.That(activity["conversation"]!["id"]!.GetValue<string>(), Is.EqualTo($"{channel.ConversationId};messageid={id}"));
        Assert.That(activity["conversation"]!["conversationType"]!.GetValue<string>(), Is.EqualTo("channel"));
        Assert.That(activity["channelData"]!["team"]!["id"]!.GetValue<string>(), Is.EqualTo(channel.TeamId));
        Assert.That(activity["channelData"]!["channel"]!["id"]!.GetValue<string>(), Is.EqualTo(channel.ConversationId));
    }

    [Test]
    public void An_invoke_carries_the_Action_Execute_and_edits_can_change_tenant_and_serviceUrl()
    {
        var user = Teams.AddUser("ann@example.com", "Ann Lee");
        var data = new JsonObject { ["requestId"] = "r-1" };

        var activity = TeamsActivities.Invoke(Teams, user, Teams.PersonalConversationId(user), "1700000000001", "approve", data,
            edit: a => { TeamsActivities.Tenant("other-tenant")(a); TeamsActivities.ServiceUrl("https://evil.example/")(a); });

        Assert.That(activity["type"]!.GetValue<string>(), Is.EqualTo("invoke"));
        Assert.That(activity["name"]!.GetValue<string>(), Is.EqualTo("adaptiveCard/action"));
        Assert.That(activity["replyToId"]!.GetValue<string>(), Is.EqualTo("1700000000001"));
        Assert.That(activity["value"]!["action"]!["type"]!.GetValue<string>(), Is.EqualTo("Action.Execute"));
        Assert.That(activity["value"]!["action"]!["verb"]!.GetValue<string>(), Is.EqualTo("approve"));
        Assert.That(JsonNode.DeepEquals(activity["value"]!["action"]!["data"], data), Is.True);
        Assert.That(activity["value"]!["trigger"]!.GetValue<string>(), Is.EqualTo("manual"));
        Assert.That(activity["conversation"]!["tenantId"]!.GetValue<string>(), Is.EqualTo("other-tenant"));
        Assert.That(activity["channelData"]!["tenant"]!["id"]!.GetValue<string>(), Is.EqualTo("other-tenant"));
        Assert.That(activity["serviceUrl"]!.GetValue<string>(), Is.EqualTo("https://evil.example/"));
    }

    [Test]
    public void Installs_are_a_conversationUpdate_in_a_team_and_an_installationUpdate_in_a_chat()
    {
        var user = Teams.AddUser("ann@example.com", "Ann Lee", botInstalled: false);
        var channel = Teams.AddChannel("general");

        var team = TeamsActivities.InstallInTeam(Teams, channel, user);
        var personal = TeamsActivities.InstallPersonal(Teams, user);
        var submit = TeamsActivities.SubmitMessage(Teams, user, Teams.PersonalConversationId(user), "1700000000001", new JsonObject { ["verb"] = "approve" });

        Assert.That(team["type"]!.GetValue<string>(), Is.EqualTo("conversationUpdate"));
        Assert.That(team["membersAdded"]![0]!["id"]!.GetValue<string>(), Is.EqualTo(Teams.BotId));
        Assert.That(team["channelData"]!["eventType"]!.GetValue<string>(), Is.EqualTo("teamMemberAdded"));
        Assert.That(team["channelData"]!["team"]!["id"]!.GetValue<string>(), Is.EqualTo(channel.TeamId));
        Assert.That(personal["type"]!.GetValue<string>(), Is.EqualTo("installationUpdate"));
        Assert.That(personal["action"]!.GetValue<string>(), Is.EqualTo("add"));
        Assert.That(Teams.IsBotInstalled(user), Is.True);
        Assert.That(submit["value"]!["verb"]!.GetValue<string>(), Is.EqualTo("approve"));
        Assert.That(submit["text"]!.GetValue<string>(), Is.Empty);
    }

    [Test]
    public async Task SendAsync_signs_with_a_token_whose_serviceurl_is_the_activitys_and_null_sends_none()
    {
        await using var host = await ProbeHost.StartAsync();
        var user = Teams.AddUser("ann@example.com", "Ann Lee");
        var activity = TeamsActivities.PersonalMessage(Teams, user, "hi", TeamsActivities.ServiceUrl(Teams.RegionalServiceUrl("emea").ToString()));

        var signed = await Teams.SendAsync(host.MessagesUrl, activity);
        var unsigned = await Teams.SendAsync(host.MessagesUrl, activity, token: null);

        Assert.That(signed.Status, Is.EqualTo(200));
        Assert.That(signed.Body!["value"]!.GetValue<string>(), Is.EqualTo("ok"));
        var received = host.Received.ToArray();
        Assert.That(received[0].Authorization, Does.StartWith("Bearer "));
        var token = new JsonWebToken(received[0].Authorization!["Bearer ".Length..]);
        Assert.That(token.GetClaim("serviceurl").Value, Is.EqualTo(Teams.RegionalServiceUrl("emea").ToString()));
        Assert.That(token.Issuer, Is.EqualTo(BotFrameworkStandIn.BotFrameworkIssuer));
        Assert.That(received[0].ConversationHeader, Is.EqualTo(Teams.PersonalConversationId(user)));
        Assert.That(received[0].TenantHeader, Is.EqualTo(TenantId));
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(received[0].Body), activity), Is.True);
        Assert.That(received[1].Authorization, Is.Null);
        Assert.That(unsigned.Status, Is.EqualTo(200));
    }

    [Test]
    public async Task A_regional_serviceUrl_reaches_the_same_Connector_and_the_call_records_it()
    {
        var user = Teams.AddUser("ann@example.com", "Ann Lee");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Teams.RegionalServiceUrl("emea"), $"v3/conversations/{Encode(Teams.PersonalConversationId(user))}/members"));
        request.Headers.Authorization = new("Bearer", await AccessTokenAsync());

        using var response = await Http.SendAsync(request);

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(Teams.Calls.Single().ServiceUrl, Is.EqualTo(Teams.RegionalServiceUrl("emea").ToString()));
    }
}
