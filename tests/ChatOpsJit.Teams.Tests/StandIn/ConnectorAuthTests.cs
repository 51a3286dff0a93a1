using System.Net;

namespace ChatOpsJit.Teams.Tests.StandIn;

/// <summary>The Connector takes only bearer tokens the token endpoint issued, until they lapse on the stand-in's clock.</summary>
public sealed class ConnectorAuthTests : StandInTest
{
    [Test]
    public async Task No_bearer_is_401_with_a_correlation_id_and_is_recorded_as_such()
    {
        var user = Teams.AddUser("ann@example.com", "Ann Lee");

        var reply = await PostAsync($"conversations/{Encode(Teams.PersonalConversationId(user))}/activities", Message("hi"), token: "");

        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(reply.ErrorCode, Is.EqualTo("Unauthorized"));
        Assert.That(reply.Header("X-Correlating-OperationId"), Is.Not.Empty);
        var call = Teams.Calls.Single();
        Assert.That((call.HadAuthorization, call.AuthValid, call.Status), Is.EqualTo((false, false, 401)));
        Assert.That(Teams.Messages(Teams.PersonalConversationId(user)), Is.Empty);
    }

    [TestCase("made-up-token")]
    [TestCase("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")]
    public async Task A_bearer_the_token_endpoint_did_not_issue_is_401(string token)
    {
        var user = Teams.AddUser("ann@example.com", "Ann Lee");

        var reply = await PostAsync("conversations", PersonalParameters(user), token);

        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((Teams.Calls.Single().HadAuthorization, Teams.Calls.Single().AuthValid), Is.EqualTo((true, false)));
    }

    [Test]
    public async Task A_token_past_its_lifetime_is_401_and_a_fresh_one_works()
    {
        var user = Teams.AddUser("ann@example.com", "Ann Lee");
        var token = await AccessTokenAsync();

        var fresh = await PostAsync("conversations", PersonalParameters(user), token);
        Time.Advance(TimeSpan.FromHours(1));
        var lapsed = await PostAsync("conversations", PersonalParameters(user), token);
        var renewed = await PostAsync("conversations", PersonalParameters(user));

        Assert.That(fresh.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(lapsed.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(renewed.Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_record_keeps_whether_the_token_was_good_but_never_the_token()
    {
        var user = Teams.AddUser("ann@example.com", "Ann Lee");
        var token = await AccessTokenAsync();

        await PostAsync("conversations", PersonalParameters(user), token);

        var call = Teams.Calls.Single();
        Assert.That(call.AuthValid, Is.True);
        Assert.That(call.ToString() + call.Body!.ToJsonString() + call.Response!.ToJsonString(), Does.Not.Contain(token));
    }
}
