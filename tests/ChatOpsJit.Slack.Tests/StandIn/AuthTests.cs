using System.Net;
using System.Text.Json.Nodes;
using ChatOpsJit.Testing.Slack;

namespace ChatOpsJit.Slack.Tests.StandIn;

public sealed class AuthTests : StandInTest
{
    [Test]
    public async Task Without_a_token_Slack_answers_not_authed_with_HTTP_200()
    {
        var reply = await Api.JsonAsync("auth.test", [], token: null);

        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(reply.Ok, Is.False);
        Assert.That(reply.Error, Is.EqualTo("not_authed"));
    }

    [Test]
    public async Task An_unknown_token_is_invalid_auth()
    {
        var reply = await Api.JsonAsync("chat.postMessage", new JsonObject { ["channel"] = "C1", ["text"] = "hi" }, "xoxb-not-ours");

        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(reply.Error, Is.EqualTo("invalid_auth"));
    }

    [Test]
    public async Task The_bot_token_authenticates_and_auth_test_names_the_bot()
    {
        var reply = await Api.JsonAsync("auth.test", [], BotToken);

        Assert.That(reply.Ok, Is.True);
        Assert.That(reply.Text("team_id"), Is.EqualTo("T0TEST"));
        Assert.That(reply.Text("user_id"), Is.EqualTo(Slack.Options.BotUserId));
    }

    [Test]
    public async Task The_app_level_token_is_refused_by_bot_methods()
    {
        var reply = await Api.JsonAsync("users.info", new JsonObject { ["user"] = "U1" }, AppToken);

        Assert.That(reply.Error, Is.EqualTo("not_allowed_token_type"));
    }

    [Test]
    public async Task Apps_connections_open_takes_the_app_level_token_only()
    {
        var withBot = await Api.JsonAsync("apps.connections.open", [], BotToken);
        var withApp = await Api.JsonAsync("apps.connections.open", [], AppToken);

        Assert.That(withBot.Error, Is.EqualTo("not_allowed_token_type"));
        Assert.That(withApp.Ok, Is.True);
        Assert.That(withApp.Text("url"), Does.StartWith($"ws://127.0.0.1:{new Uri(Slack.BaseUrl).Port}/socket?ticket="));
    }

    [Test]
    public async Task Apps_connections_open_refuses_the_token_as_a_form_field()
    {
        var reply = await Api.FormAsync("apps.connections.open", [new("token", AppToken)], token: null);

        Assert.That(reply.Error, Is.EqualTo("not_authed"));
    }

    [Test]
    public async Task A_form_may_carry_the_bot_token_as_a_field_but_a_JSON_body_may_not()
    {
        var form = await Api.FormAsync("auth.test", [new("token", BotToken)], token: null);
        var json = await Api.JsonAsync("auth.test", new JsonObject { ["token"] = BotToken }, token: null);

        Assert.That(form.Ok, Is.True);
        Assert.That(json.Error, Is.EqualTo("not_authed"));
    }

    [Test]
    public async Task An_unknown_method_is_unknown_method()
    {
        var reply = await Api.JsonAsync("chat.postMesage", [], BotToken);

        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(reply.Error, Is.EqualTo("unknown_method"));
    }

    [Test]
    public async Task Calls_record_which_token_came_and_how_but_never_the_token()
    {
        await Api.JsonAsync("auth.test", [], BotToken);
        await Api.FormAsync("auth.test", [new("token", BotToken)], token: null);
        await Api.JsonAsync("auth.test", [], "xoxb-a-secret-guess");
        await Api.JsonAsync("auth.test", [], token: null);

        var calls = Slack.Calls;
        Assert.That(calls.Select(c => c.Credential), Is.EqualTo(new[] { SlackCredential.BotToken, SlackCredential.BotToken, SlackCredential.Unknown, SlackCredential.None }));
        Assert.That(calls.Select(c => c.HadAuthorizationHeader), Is.EqualTo(new[] { true, false, true, false }));
        var printed = string.Join("\n", calls.Select(c => $"{c} {c.Arguments.ToJsonString()} {c.Response?.ToJsonString()}"));
        Assert.That(printed, Does.Not.Contain(BotToken).And.Not.Contain("xoxb-a-secret-guess"));
    }
}
