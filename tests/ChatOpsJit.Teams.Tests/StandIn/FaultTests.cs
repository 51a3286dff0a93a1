using System.Net;

namespace ChatOpsJit.Teams.Tests.StandIn;

/// <summary>Failures a test asks for: throttling with Retry-After, outages until healed, on the Connector or the token endpoint.</summary>
public sealed class FaultTests : StandInTest
{
    [Test]
    public async Task FailNext_429_answers_Throttled_with_Retry_After_in_seconds_then_the_call_works()
    {
        var user = Teams.AddUser("ann@example.com", "Ann Lee");
        var path = $"conversations/{Encode(Teams.PersonalConversationId(user))}/activities";
        Teams.FailNext("/activities", 429, TimeSpan.FromSeconds(7));

        var limited = await PostAsync(path, Message("hi"));
        var next = await PostAsync(path, Message("hi"));

        Assert.That((int)limited.Status, Is.EqualTo(429));
        Assert.That(limited.ErrorCode, Is.EqualTo("Throttled"));
        Assert.That(limited.Header("Retry-After"), Is.EqualTo("7"));
        Assert.That(limited.Header("X-Correlating-OperationId"), Is.Not.Empty);
        Assert.That(next.Status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(Teams.Calls.Select(c => c.Status), Is.EqualTo(new[] { 429, 201 }));
        Assert.That(Teams.Messages(Teams.PersonalConversationId(user)), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task FailAlways_lasts_until_Heal_and_touches_only_matching_paths()
    {
        var user = Teams.AddUser("ann@example.com", "Ann Lee");
        Teams.FailAlways("/activities", 503);

        var first = await PostAsync($"conversations/{Encode(Teams.PersonalConversationId(user))}/activities", Message("a"));
        var second = await PostAsync($"conversations/{Encode(Teams.PersonalConversationId(user))}/activities", Message("b"));
        var other = await PostAsync("conversations", PersonalParameters(user));
        Teams.Heal("/activities");
        var healed = await PostAsync($"conversations/{Encode(Teams.PersonalConversationId(user))}/activities", Message("c"));

        Assert.That(new[] { first.Status, second.Status }, Is.All.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(first.ErrorCode, Is.EqualTo("ServiceError"));
        Assert.That(other.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(healed.Status, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task The_token_endpoint_fails_in_Entras_words()
    {
        Teams.FailNext("oauth2/v2.0/token", 503, TimeSpan.FromSeconds(2));

        var failed = await RequestTokenAsync();
        var next = await RequestTokenAsync();

        Assert.That(failed.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(failed.Text("error"), Is.EqualTo("temporarily_unavailable"));
        Assert.That(failed.Header("Retry-After"), Is.EqualTo("2"));
        Assert.That(next.Status, Is.EqualTo(HttpStatusCode.OK));
    }
}
