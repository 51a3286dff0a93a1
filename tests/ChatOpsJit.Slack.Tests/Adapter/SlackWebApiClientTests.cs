using System.Text.Json.Nodes;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Slack.BlockKit;
using ChatOpsJit.Slack.WebApi;
using ChatOpsJit.Testing.Slack;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsJit.Slack.Tests.Adapter;

/// <summary>The Web API client over real HTTP: typed errors, rate limits, retries, and a token that goes only where it should.</summary>
[NonParallelizable]
public sealed class SlackWebApiClientTests
{
    private static readonly SlackMessage Hello = new("hello", new JsonArray(new JsonObject
    {
        ["type"] = "section", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "hello" },
    }));

    [Test]
    public async Task An_ok_false_answer_is_a_typed_error_and_a_log_line_naming_the_method()
    {
        await using var world = await SlackClientWorld.StartAsync();

        var error = Assert.ThrowsAsync<SlackApiException>(() => world.Client.PostMessageAsync("C0NOWHERE", Hello));

        Assert.That((error!.Method, error.Error), Is.EqualTo(("chat.postMessage", "channel_not_found")));
        Assert.That(world.Logs.Lines, Has.Some.Contains("Slack chat.postMessage failed: channel_not_found"));
    }

    [Test]
    public async Task A_short_retry_after_is_waited_out_inside_the_call()
    {
        await using var world = await SlackClientWorld.StartAsync();
        world.Slack.AddChannel("C1");
        world.Slack.FailNext("chat.postMessage", 429, TimeSpan.FromSeconds(1));

        var posted = await world.Client.PostMessageAsync("C1", Hello);

        var calls = world.Slack.Calls.Where(c => c.Method == "chat.postMessage").ToList();
        Assert.That(calls.Select(c => c.StatusCode), Is.EqualTo(new[] { 429, 200 }));
        Assert.That(calls[1].ReceivedAt - calls[0].ReceivedAt, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.95)), "Retry-After: 1 was honoured");
        Assert.That(world.Slack.MessagesIn("C1").Single().Ts, Is.EqualTo(posted.Ts));
    }

    [Test]
    public async Task A_long_retry_after_is_handed_to_the_caller_to_reschedule_without_a_second_call()
    {
        await using var world = await SlackClientWorld.StartAsync();
        world.Slack.AddChannel("C1");
        world.Slack.FailNext("chat.postMessage", 429, TimeSpan.FromSeconds(30));

        var error = Assert.ThrowsAsync<RetryAfterException>(() => world.Client.PostMessageAsync("C1", Hello));

        Assert.That(error!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(world.Slack.CallCount("chat.postMessage"), Is.EqualTo(1));
    }

    [Test]
    public async Task Server_errors_are_retried_with_backoff_until_slack_answers()
    {
        await using var world = await SlackClientWorld.StartAsync();
        world.Slack.AddChannel("C1");
        world.Slack.FailNext("chat.postMessage", 503, times: 2);

        await world.Client.PostMessageAsync("C1", Hello);

        Assert.That(world.Slack.Calls.Where(c => c.Method == "chat.postMessage").Select(c => c.StatusCode), Is.EqualTo(new[] { 503, 503, 200 }));
        Assert.That(world.Slack.MessagesIn("C1"), Has.Count.EqualTo(1), "posted once");
    }

    [Test]
    public async Task The_bot_token_goes_in_the_header_of_web_api_calls_and_nowhere_else()
    {
        await using var world = await SlackClientWorld.StartAsync();
        world.Slack.AddChannel("C1");
        var url = new Uri(world.Slack.NewResponseUrl("C1"));

        await world.Client.PostMessageAsync("C1", Hello);
        await world.Client.RespondAsync(url, new ResponseUrlMessage("later", Hello.Blocks));
        Assert.ThrowsAsync<SlackApiException>(() => world.Client.GetUserAsync("U0NOBODY"));

        var call = world.Slack.Calls.First(c => c.Method == "chat.postMessage");
        Assert.That((call.HadAuthorizationHeader, call.Credential), Is.EqualTo((true, SlackCredential.BotToken)));
        Assert.That(call.Arguments.ToJsonString(), Does.Not.Contain(world.Slack.Options.BotToken), "not in the body");
        Assert.That(world.Slack.ResponseUrlPosts.Single().Accepted, Is.True);
        Assert.That(world.Logs.All, Does.Not.Contain(world.Slack.Options.BotToken), "never logged");
        Assert.That(world.Logs.All, Does.Not.Contain(url.AbsolutePath), "nor the response_url, which lets anyone post into the conversation");
    }

    [Test]
    public async Task A_retried_post_with_the_same_idempotency_key_returns_the_first_message_and_posts_nothing()
    {
        await using var world = await SlackClientWorld.StartAsync();
        world.Slack.AddChannel("C1");
        var platform = world.Services.GetServices<IChatPlatform>().Single(p => p.Name == PlatformName.Slack);
        var card = new ChatCard { Title = "Access request ar-1: Pending" };

        var first = await platform.PostCardAsync("C1", card, "ar-1:1:ChannelCard:slack:approval:ar-1");
        var again = await platform.PostCardAsync("C1", card, "ar-1:1:ChannelCard:slack:approval:ar-1");

        Assert.That(again, Is.EqualTo(first));
        Assert.That(world.Slack.CallCount("chat.postMessage"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_dm_to_someone_with_no_slack_account_is_unreachable_not_an_error_to_retry()
    {
        await using var world = await SlackClientWorld.StartAsync();
        var platform = world.Services.GetServices<IChatPlatform>().Single(p => p.Name == PlatformName.Slack);

        var error = Assert.ThrowsAsync<UnreachableRecipientException>(() =>
            platform.SendDirectAsync(new DirectRecipient("ghost@example.com"), new ChatCard { Title = "hi" }, "k"));

        Assert.That(error!.Message, Does.Contain("ghost@example.com"));
        Assert.That(world.Slack.CallCount("chat.postMessage"), Is.Zero);
    }

    [Test]
    public async Task A_dm_goes_through_lookup_by_email_and_conversations_open_once_per_person()
    {
        await using var world = await SlackClientWorld.StartAsync();
        var ann = world.Slack.AddUser("ann@example.com", "ann");
        var platform = world.Services.GetServices<IChatPlatform>().Single(p => p.Name == PlatformName.Slack);

        var first = await platform.SendDirectAsync(new DirectRecipient("ann@example.com"), new ChatCard { Title = "one" }, "k1");
        await platform.SendDirectAsync(new DirectRecipient("ANN@example.com"), new ChatCard { Title = "two" }, "k2");

        Assert.That(first.Channel, Is.EqualTo(world.Slack.DirectMessageChannel(ann.Id)));
        Assert.That(world.Slack.MessagesIn(first.Channel).Select(m => m.Text), Is.EqualTo(new[] { "one", "two" }));
        Assert.That((world.Slack.CallCount("users.lookupByEmail"), world.Slack.CallCount("conversations.open")), Is.EqualTo((1, 1)), "both remembered");
    }
}
