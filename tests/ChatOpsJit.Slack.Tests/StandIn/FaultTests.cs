using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Slack.Tests.StandIn;

public sealed class FaultTests : StandInTest
{
    [Test]
    public async Task A_rate_limit_answers_429_with_Retry_After_in_seconds_and_ratelimited()
    {
        Slack.FailNext("auth.test", 429, TimeSpan.FromSeconds(7));

        var limited = await CallAsync("auth.test", []);
        var next = await CallAsync("auth.test", []);

        Assert.That(limited.Status, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(limited.RetryAfterHeader, Is.EqualTo("7"));
        Assert.That(limited.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(limited.Error, Is.EqualTo("ratelimited"));
        Assert.That(next.Ok, Is.True);
    }

    [Test]
    public async Task A_429_without_a_given_wait_still_says_Retry_After_as_Slack_always_does()
    {
        Slack.FailNext("auth.test", 429);

        var limited = await CallAsync("auth.test", []);

        Assert.That(limited.RetryAfterHeader, Is.EqualTo("1"));
    }

    [Test]
    public async Task A_failure_can_repeat_and_touches_only_its_method()
    {
        Slack.FailNext("auth.test", 500, times: 2);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await CallAsync("auth.test", [])).Status);
        }

        var other = await CallAsync("users.lookupByEmail", new JsonObject { ["email"] = "x@example.com" });

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK }));
        Assert.That(other.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Slack.CallCount("auth.test"), Is.EqualTo(3));
    }

    [Test]
    public async Task While_Slack_is_down_every_call_is_503()
    {
        Slack.Down = true;
        var down = await CallAsync("auth.test", []);
        Slack.Down = false;
        var up = await CallAsync("auth.test", []);

        Assert.That(down.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(down.Error, Is.EqualTo("service_unavailable"));
        Assert.That(up.Ok, Is.True);
    }

    [Test]
    public async Task Delay_makes_every_call_slow()
    {
        Slack.Delay = TimeSpan.FromMilliseconds(300);

        var watch = Stopwatch.StartNew();
        var reply = await CallAsync("auth.test", []);

        Assert.That(reply.Ok, Is.True);
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(280)));
    }

    [Test]
    public async Task SetDelay_slows_one_method_only()
    {
        Slack.SetDelay("users.info", TimeSpan.FromMilliseconds(400));

        var fast = Stopwatch.StartNew();
        await CallAsync("auth.test", []);
        var fastTook = fast.Elapsed;
        var slow = Stopwatch.StartNew();
        await CallAsync("users.info", new JsonObject { ["user"] = "U1" });

        Assert.That(fastTook, Is.LessThan(TimeSpan.FromMilliseconds(300)));
        Assert.That(slow.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(380)));
    }

    [Test]
    public async Task A_call_the_app_gave_up_on_is_recorded_without_an_answer()
    {
        Slack.Delay = TimeSpan.FromSeconds(5);
        using var impatient = new HttpClient { BaseAddress = new Uri(Slack.ApiBaseUrl), Timeout = TimeSpan.FromMilliseconds(200) };

        Assert.That(() => new WebApiClient(impatient).JsonAsync("auth.test", [], BotToken), Throws.InstanceOf<OperationCanceledException>());

        var call = await Slack.WaitForCallAsync(c => c.Method == "auth.test", "the abandoned auth.test");
        Assert.That(call.StatusCode, Is.Zero);
        Assert.That(call.Response, Is.Null);
    }

    [Test]
    public async Task WaitForCallAsync_fails_the_test_listing_the_calls_it_saw()
    {
        await CallAsync("auth.test", []);

        var failure = Assert.ThrowsAsync<AssertionException>(() => Slack.WaitForCallAsync(c => c.Method == "chat.update", "a chat.update", TimeSpan.FromMilliseconds(100)));

        Assert.That(failure!.Message, Does.Contain("a chat.update").And.Contain("auth.test → 200 ok"));
    }
}
