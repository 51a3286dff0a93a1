using System.Net;
using ChatOpsJit.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsJit.Teams.Tests.Connector;

/// <summary>
/// The shared pipeline with <c>resendPosts: false</c> (the connector's): no POST is sent again after the platform may
/// have acted on it (a timeout, a 5xx); it is after a short rate limit, and every other method is retried as before.
/// <see cref="TeamsHttpClientsTests"/> checks that the connector's client is registered this way.
/// </summary>
public sealed class ConnectorResilienceTests
{
    [Test]
    public async Task A_post_answered_with_a_server_error_is_sent_once()
    {
        var (client, handler) = Client(resendPosts: false, HttpStatusCode.BadGateway);

        using var response = await client.PostAsync("https://smba.example/teams/v3/conversations/a:1/activities", new StringContent("{}"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(handler.Calls, Is.EqualTo(1), "the connector may have posted it already");
    }

    [Test]
    public async Task A_put_answered_with_a_server_error_is_retried_three_times()
    {
        var (client, handler) = Client(resendPosts: false, HttpStatusCode.BadGateway);

        using var response = await client.PutAsync("https://smba.example/teams/v3/conversations/a:1/activities/1", new StringContent("{}"));

        Assert.That(handler.Calls, Is.EqualTo(4), "replacing a message twice replaces it once");
    }

    [Test]
    public async Task A_post_refused_by_a_short_rate_limit_is_sent_again()
    {
        var (client, handler) = Client(resendPosts: false, HttpStatusCode.TooManyRequests, HttpStatusCode.Created);

        using var response = await client.PostAsync("https://smba.example/teams/v3/conversations/a:1/activities", new StringContent("{}"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(handler.Calls, Is.EqualTo(2), "a 429 was refused unread");
    }

    [Test]
    public async Task A_client_that_may_resend_posts_still_does_so_after_a_server_error()
    {
        var (client, handler) = Client(resendPosts: true, HttpStatusCode.BadGateway, HttpStatusCode.OK);

        using var response = await client.PostAsync("https://slack.example/api/chat.postMessage", new StringContent("{}"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(handler.Calls, Is.EqualTo(2));
    }

    private static (HttpClient Client, ScriptedHandler Handler) Client(bool resendPosts, params HttpStatusCode[] answers)
    {
        var handler = new ScriptedHandler(answers);
        var services = new ServiceCollection();
        services.AddHttpClient("connector").ConfigurePrimaryHttpMessageHandler(() => handler).AddChatApiResilience("test", resendPosts);
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IHttpClientFactory>().CreateClient("connector"), handler);
    }

    /// <summary>Answers each call with the next status (the last one repeating), with <c>Retry-After: 0</c> on a 429.</summary>
    private sealed class ScriptedHandler(HttpStatusCode[] answers) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => _calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls);
            var response = new HttpResponseMessage(answers[Math.Min(call, answers.Length) - 1]);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero);
            }

            return Task.FromResult(response);
        }
    }
}
