using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatOpsJit.Testing.Slack;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsJit.Slack.Tests.StandIn;

public sealed class ResponseUrlTests : StandInTest
{
    private FakeTimeProvider _time = null!;

    /// <summary>A fake clock per test (NUnit shares one fixture instance between its tests).</summary>
    protected override SlackStandInOptions Options()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        return new SlackStandInOptions { Time = _time };
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string url, JsonObject body)
    {
        using var response = await Http.PostAsJsonAsync(url, body);
        return (response.StatusCode, (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Test]
    public void A_response_url_is_on_the_stand_in()
    {
        Assert.That(Slack.NewResponseUrl(), Does.Match($"^http://127.0.0.1:{new Uri(Slack.BaseUrl).Port}/respond/[0-9a-f]{{32}}$"));
    }

    [Test]
    public async Task A_response_url_takes_five_posts_and_refuses_the_sixth_with_used_url()
    {
        var url = Slack.NewResponseUrl();

        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 6; i++)
        {
            statuses.Add((await PostAsync(url, new JsonObject { ["text"] = $"reply {i}" })).Status);
        }

        var sixth = Slack.ResponseUrlPosts[^1];
        Assert.That(statuses, Is.EqualTo(Enumerable.Repeat(HttpStatusCode.OK, 5).Append(HttpStatusCode.NotFound)));
        Assert.That(sixth.Error, Is.EqualTo("used_url"));
        Assert.That(Slack.ResponseUrlPosts.Count(p => p.Accepted), Is.EqualTo(5));
    }

    [Test]
    public async Task A_response_url_older_than_30_minutes_is_expired_url()
    {
        var url = Slack.NewResponseUrl();
        _time.Advance(TimeSpan.FromMinutes(31));

        var (status, body) = await PostAsync(url, new JsonObject { ["text"] = "late" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(body["error"]?.GetValue<string>(), Is.EqualTo("expired_url"));
    }

    [Test]
    public async Task A_post_with_nothing_to_show_is_no_text_and_does_not_use_up_the_url()
    {
        var url = Slack.NewResponseUrl();

        var (status, body) = await PostAsync(url, new JsonObject { ["response_type"] = "ephemeral" });
        for (var i = 0; i < 5; i++)
        {
            await PostAsync(url, new JsonObject { ["text"] = "ok" });
        }

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body["error"]?.GetValue<string>(), Is.EqualTo("no_text"));
        Assert.That(Slack.ResponseUrlPosts.Count(p => p.Accepted), Is.EqualTo(5));
    }

    [Test]
    public async Task Replace_original_changes_the_message_the_url_belongs_to()
    {
        Slack.AddChannel("C1");
        var ts = (await CallAsync("chat.postMessage", new JsonObject { ["channel"] = "C1", ["text"] = "pending", ["blocks"] = SectionBlocks("Pending") })).Text("ts")!;
        var url = Slack.NewResponseUrl("C1", ts);

        var (status, body) = await PostAsync(url, new JsonObject { ["replace_original"] = true, ["text"] = "approved", ["blocks"] = SectionBlocks("Approved") });

        var post = await Slack.WaitForResponseAsync(p => p.ReplaceOriginal, "a replace_original");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body["ok"]?.GetValue<bool>(), Is.True);
        Assert.That(post.UrlId, Is.EqualTo(url[(url.LastIndexOf('/') + 1)..]));
        var message = Slack.Message("C1", ts)!;
        Assert.That(message.Text, Is.EqualTo("approved"));
        Assert.That(message.Versions[^1].Source, Is.EqualTo("response_url"));
    }

    [Test]
    public async Task Delete_original_deletes_the_message()
    {
        Slack.AddChannel("C1");
        var ts = (await CallAsync("chat.postMessage", new JsonObject { ["channel"] = "C1", ["text"] = "card" })).Text("ts")!;

        var (status, _) = await PostAsync(Slack.NewResponseUrl("C1", ts), new JsonObject { ["delete_original"] = true });

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Slack.Message("C1", ts)!.Deleted, Is.True);
    }

    [Test]
    public async Task An_unknown_response_url_is_refused()
    {
        var (status, _) = await PostAsync($"{Slack.BaseUrl}respond/0123456789abcdef0123456789abcdef", new JsonObject { ["text"] = "x" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task WaitForResponseAsync_fails_listing_what_came()
    {
        await PostAsync(Slack.NewResponseUrl(), new JsonObject { ["text"] = "plain" });

        var failure = Assert.ThrowsAsync<AssertionException>(() => Slack.WaitForResponseAsync(p => p.ReplaceOriginal, "a replace_original", TimeSpan.FromMilliseconds(100)));

        Assert.That(failure!.Message, Does.Contain("plain"));
    }
}
