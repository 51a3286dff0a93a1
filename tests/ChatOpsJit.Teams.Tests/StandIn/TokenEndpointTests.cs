using System.Net;

namespace ChatOpsJit.Teams.Tests.StandIn;

/// <summary>The client-credentials grant, and the ways Entra refuses one.</summary>
public sealed class TokenEndpointTests : StandInTest
{
    [Test]
    public async Task The_right_form_gets_a_bearer_token_for_an_hour()
    {
        var reply = await RequestTokenAsync();

        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(reply.Text("token_type"), Is.EqualTo("Bearer"));
        Assert.That(reply.Body!["expires_in"]!.GetValue<long>(), Is.EqualTo(3600));
        Assert.That(reply.Body!["ext_expires_in"]!.GetValue<long>(), Is.EqualTo(3600));
        Assert.That(reply.Text("access_token"), Has.Length.GreaterThan(40));
        Assert.That((Teams.TokenRequests, Teams.TokensIssued), Is.EqualTo((1, 1)));
    }

    [Test]
    public async Task Each_request_gets_another_token_and_the_lifetime_can_be_shortened()
    {
        Teams.AccessTokenLifetime = TimeSpan.FromMinutes(10);

        var first = await RequestTokenAsync();
        var second = await RequestTokenAsync();

        Assert.That(first.Body!["expires_in"]!.GetValue<long>(), Is.EqualTo(600));
        Assert.That(first.Text("access_token"), Is.Not.EqualTo(second.Text("access_token")));
    }

    [Test]
    public async Task A_wrong_secret_is_401_invalid_client_AADSTS7000215()
    {
        var reply = await RequestTokenAsync(secret: "not-the-secret");

        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(reply.Text("error"), Is.EqualTo("invalid_client"));
        Assert.That(reply.Text("error_description"), Does.StartWith("AADSTS7000215: Invalid client secret provided."));
        Assert.That(reply.Body!["error_codes"]![0]!.GetValue<int>(), Is.EqualTo(7000215));
        Assert.That(reply.Raw, Does.Not.Contain(AppPassword));
        Assert.That((Teams.TokenRequests, Teams.TokensIssued), Is.EqualTo((1, 0)));
    }

    [TestCase("https://api.botframework.com", "invalid_scope", "AADSTS1002012:")]
    [TestCase("https://graph.microsoft.com/.default", "invalid_resource", "AADSTS500011:")]
    public async Task A_scope_other_than_the_Bot_Connectors_is_400(string scope, string error, string code)
    {
        var reply = await RequestTokenAsync(scope: scope);

        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(reply.Text("error"), Is.EqualTo(error));
        Assert.That(reply.Text("error_description"), Does.StartWith(code));
    }

    [Test]
    public async Task Asking_the_legacy_botframework_com_tenant_is_AADSTS700016_for_a_single_tenant_app()
    {
        var reply = await RequestTokenAsync(tokenEndpoint: new Uri(Teams.BaseUrl, "botframework.com/oauth2/v2.0/token").ToString());

        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(reply.Text("error"), Is.EqualTo("unauthorized_client"));
        Assert.That(reply.Text("error_description"), Does.StartWith("AADSTS700016:").And.Contain(AppId));
    }
}
