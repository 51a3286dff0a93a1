using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Slack.Tests.StandIn;

public sealed class RequestFormatTests : StandInTest
{
    [Test]
    public async Task A_form_sends_blocks_as_a_JSON_string_and_the_call_records_them_as_JSON()
    {
        Slack.AddChannel("C1");
        var blocks = SectionBlocks("*hello*");

        var reply = await Api.FormAsync("chat.postMessage", [new("channel", "C1"), new("text", "hello"), new("blocks", blocks.ToJsonString())], BotToken);

        Assert.That(reply.Ok, Is.True, reply.Body.ToJsonString());
        var call = Slack.Calls.Single();
        Assert.That(call.Arguments["blocks"], Is.InstanceOf<JsonArray>());
        Assert.That(JsonNode.DeepEquals(call.Arguments["blocks"], blocks), Is.True);
        Assert.That(call.ContentType, Does.StartWith("application/x-www-form-urlencoded"));
        Assert.That(Slack.MessagesIn("C1").Single().Blocks!.ToJsonString(), Is.EqualTo(blocks.ToJsonString()));
    }

    [Test]
    public async Task A_JSON_body_takes_blocks_as_an_array()
    {
        Slack.AddChannel("C1");

        var reply = await CallAsync("chat.postMessage", new JsonObject { ["channel"] = "C1", ["text"] = "t", ["blocks"] = SectionBlocks("x") });

        Assert.That(reply.Ok, Is.True);
        Assert.That(reply.Body["warning"], Is.Null);
    }

    [Test]
    public async Task A_JSON_body_without_charset_is_taken_with_Slacks_missing_charset_warning()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "auth.test") { Content = new ByteArrayContent("{}"u8.ToArray()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var reply = await Api.SendAsync(request, BotToken);

        Assert.That(reply.Ok, Is.True);
        Assert.That(reply.Text("warning"), Is.EqualTo("missing_charset"));
        Assert.That(reply.Body["response_metadata"]?["warnings"]?[0]?.GetValue<string>(), Is.EqualTo("missing_charset"));
    }

    [Test]
    public async Task A_body_that_is_not_JSON_is_invalid_json()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "auth.test") { Content = new StringContent("{oops", Encoding.UTF8, "application/json") };

        var reply = await Api.SendAsync(request, BotToken);

        Assert.That(reply.Error, Is.EqualTo("invalid_json"));
    }

    [Test]
    public async Task An_unsupported_content_type_is_invalid_post_type()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "auth.test") { Content = new StringContent("<a/>", Encoding.UTF8, "text/xml") };

        var reply = await Api.SendAsync(request, BotToken);

        Assert.That(reply.Error, Is.EqualTo("invalid_post_type"));
    }

    [Test]
    public async Task Query_string_arguments_count_like_body_arguments()
    {
        var user = Slack.AddUser("ann@example.com", "ann");

        var reply = await Api.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"users.info?user={user.Id}"), BotToken);

        Assert.That(reply.Ok, Is.True);
        Assert.That(Slack.Calls.Single().Arg("user"), Is.EqualTo(user.Id));
    }
}
